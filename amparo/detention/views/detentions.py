"""A detention: recorded from the case page, then moved between facilities or ended."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from amparo.accounts.access import get_for_actor, may_write, may_write_office
from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.core.forms import apply_service_errors
from amparo.detention import imports, selectors, services
from amparo.detention.forms import DetentionForm, DetentionImportForm, EndForm, TransferForm
from amparo.detention.models import Detention
from amparo.network.models import Office


@require_http_methods(["GET", "POST"])
def detention_create(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    case = get_for_actor(actor, Case.objects.select_related("office", "beneficiary"),
                         request.GET.get("case"), write=True)  # fmt: skip
    form = DetentionForm(request.POST or None, facilities=selectors.facility_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            detention = services.detention_record(
                actor=actor, case=case, facility=data["facility"], authority=data["authority"],
                detained_on=data["detained_on"], charges=data["charges"],
                next_hearing_at=_aware(data["next_hearing_at"], case.office),
            )  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Detención registrada."))
            return redirect("detention:detention", detention.pk)
    status = 400 if form.errors else 200
    return render(
        request, "detention/detention_form.html", {"form": form, "case": case}, status=status
    )


def _aware(value: datetime | None, office: Office) -> datetime | None:
    """A datetime typed in a form is the office's local time, not the server's."""
    if value is None:
        return None
    return timezone.make_aware(timezone.make_naive(value), office.zone)


def detention_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    detention = selectors.detention_for(actor, pk)
    audit_record(actor=actor, action=Action.VIEW, target=detention)
    return _page(request, detention)


def _page(request: HttpRequest, detention: Detention, **forms: object) -> HttpResponse:
    actor = acting(request)
    context = {
        "detention": detention,
        "stays": detention.stays.select_related("facility"),
        # The case's consular notification (VCCR art. 36): how the consulate learned of it.
        "notifications": detention.case.notifications.all() if detention.case else [],
        "seen": detention.seen.select_related("visit").order_by("-visit__planned_on"),
        "can_write": may_write(actor, detention),
        "transfer_form": forms.get("transfer_form")
        or TransferForm(facilities=selectors.facility_choices()),
        "end_form": forms.get("end_form") or EndForm(),
    }
    failed = any(getattr(form, "errors", None) for form in forms.values())
    return render(request, "detention/detention.html", context, status=400 if failed else 200)


@require_POST
def detention_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    detention = selectors.detention_for(actor, pk)
    form = TransferForm(request.POST, facilities=selectors.facility_choices())
    if form.is_valid():
        try:
            services.detention_transfer(actor=actor, detention=detention, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Traslado registrado."))
            return redirect("detention:detention", detention.pk)
    return _page(request, selectors.detention_for(actor, pk), transfer_form=form)


@require_POST
def detention_end(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    detention = selectors.detention_for(actor, pk)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.detention_end(actor=actor, detention=detention, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Detención concluida."))
            return redirect("detention:detention", detention.pk)
    return _page(request, selectors.detention_for(actor, pk), end_form=form)


@require_http_methods(["GET", "POST"])
def detention_import(request: HttpRequest) -> HttpResponse:
    """Detentions of the office's cases from a CSV file; any bad line imports nothing."""
    actor = acting(request)
    if not may_write_office(actor, actor.office_id):
        raise PermissionDenied
    form = DetentionImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.detentions_import(
                actor=actor, content=form.cleaned_data["file"].read()
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if not result.errors:
                messages.success(request, ngettext(
                    "%(count)s detención registrada.", "%(count)s detenciones registradas.",
                    result.created,
                ) % {"count": result.created})  # fmt: skip
                return redirect("detention:overview")
    failed = form.errors or (result is not None and result.errors)
    context = {"form": form, "result": result, "template": imports.template_csv()}
    return render(
        request, "detention/detention_import.html", context, status=400 if failed else 200
    )
