"""Case documents: upload (case write access) and download (case read access, audited)."""

import logging
from typing import Any, Protocol

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases import attachment_storage, services
from amparo.cases.forms import AttachmentForm
from amparo.cases.selectors import attachment_for_actor, case_for_actor
from amparo.cases.views.cases import detail_context
from amparo.core.forms import apply_service_errors

logger = logging.getLogger(__name__)


@require_POST
def add_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    case = case_for_actor(actor, pk, write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.case_add_attachment(
                case=case,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                actor=actor,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Documento adjuntado."))
            return redirect("cases:detail", pk=case.pk)
    context = detail_context(actor, case, attachment_form=form)
    return render(request, "cases/detail.html", context, status=400)


class StoredFile(Protocol):
    """What a download needs of a stored document (a case attachment, a contract's)."""

    pk: Any
    storage_path: str
    original_name: str
    content_type: str


def attachment_response(attachment: StoredFile) -> FileResponse:
    """The stored file as a download: never rendered inline, never sniffed, never cached."""
    try:
        handle = attachment_storage.open_stored(attachment.storage_path)
    except FileNotFoundError as error:
        logger.error("attachment %s: stored file is missing", attachment.pk)
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_GET
def download_attachment(request: HttpRequest, pk: int) -> FileResponse:
    actor = acting(request)
    attachment = attachment_for_actor(actor, pk)
    audit_record(actor=actor, action=Action.VIEW, target=attachment)
    return attachment_response(attachment)
