"""The import page: upload, check (dry run by default), then confirm the stored file."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amparo.accounts.actor import Actor
from amparo.cases.imports import storage
from amparo.cases.imports.columns import COLUMN_NAMES
from amparo.cases.imports.forms import ConfirmForm, ImportForm
from amparo.cases.imports.services import can_import, cases_import

ERRORS_SHOWN = 1000
TEMPLATE = "case_imports/upload.html"


def _importer(request: HttpRequest) -> Actor:
    actor: Actor | None = getattr(request, "actor", None)
    if actor is None or not can_import(actor):
        raise PermissionDenied
    return actor


@require_http_methods(["GET", "POST"])
def upload_import(request: HttpRequest) -> HttpResponse:
    actor = _importer(request)
    if request.method == "GET":
        return render(request, TEMPLATE, {"form": ImportForm(actor=actor)})
    form = ImportForm(request.POST, request.FILES, actor=actor)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form}, status=400)
    office = form.cleaned_data["office"]
    token = storage.store_upload(
        user=actor.user, upload=form.cleaned_data["file"], office_code=office
    )
    return _run(request, actor, token, dry_run=form.cleaned_data["dry_run"], form=form)


@require_POST
def confirm_import(request: HttpRequest) -> HttpResponse:
    actor = _importer(request)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": ImportForm(actor=actor)}, status=400)
    return _run(request, actor, form.cleaned_data["token"], dry_run=False, form=None)


def _run(
    request: HttpRequest, actor: Actor, token: str, *, dry_run: bool, form: ImportForm | None
) -> HttpResponse:
    user = actor.user
    meta = storage.stored_meta(user=user, token=token)
    with storage.open_stored(user=user, token=token) as source:
        report = cases_import(
            actor=actor,
            source=source,
            file_name=meta["name"],
            dry_run=dry_run,
            office_code=meta.get("office", ""),
        )
    keep = dry_run and report.ok and report.cases > 0
    if not keep:
        storage.delete_stored(user=user, token=token)
    if report.written:
        messages.success(
            request, _("Importación terminada: %(cases)s casos.") % {"cases": report.cases}
        )
    context = {
        "form": form or ImportForm(actor=actor),
        "report": report,
        "errors_shown": report.errors[:ERRORS_SHOWN],
        "errors_hidden": max(0, len(report.errors) - ERRORS_SHOWN),
        "confirm_form": ConfirmForm(initial={"token": token}) if keep else None,
    }
    return render(request, TEMPLATE, context, status=200 if report.ok else 400)


@require_GET
def download_template(request: HttpRequest) -> HttpResponse:
    """The header row of the format, as an empty file to fill in."""
    _importer(request)
    buffer = io.StringIO()
    csv.writer(buffer).writerow(COLUMN_NAMES)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plantilla-importacion-casos.csv"'
    return response
