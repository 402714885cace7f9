"""The facility registry: a facility with its rules, who is held there and its visits; the
rules form; central administration's CSV import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from amparo.accounts.access import may_write, visible
from amparo.accounts.actor import acting
from amparo.accounts.models import Role
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.forms import apply_service_errors
from amparo.detention import facilities, selectors
from amparo.detention.forms import FacilityImportForm, RulesForm
from amparo.detention.models import Detention, DetentionStatus


def facility_list(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    found = selectors.facilities_with_held(actor, actor.office.local_today())
    return render(request, "detention/facilities.html", {"facilities": found,
                  "can_import": actor.role == Role.CENTRAL_ADMIN})  # fmt: skip


@require_http_methods(["GET", "POST"])
def facility_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    facility = selectors.facility_for(actor, pk)
    can_edit = may_write(actor, facility)
    form = RulesForm(request.POST or None, instance=facility)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                facilities.facility_update_rules(
                    actor=actor, facility=selectors.facility_for(actor, pk), **form.cleaned_data
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Reglas de visita actualizadas."))
                return redirect("detention:facility", facility.pk)
    else:
        audit_record(actor=actor, action=Action.VIEW, target=facility)
    held = (
        visible(actor, Detention.objects.select_related("person", "case"))
        .filter(facility=facility, status=DetentionStatus.HELD)
        .order_by("last_seen_on", "id")[:200]
    )
    visits = selectors.visits_for(actor).filter(facility=facility).order_by("-planned_on")[:20]
    context = {
        "facility": facility,
        "form": form,
        "can_edit": can_edit,
        "held": held,
        "visits": visits,
    }
    return render(request, "detention/facility.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def facility_import(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    if actor.role != Role.CENTRAL_ADMIN:
        raise PermissionDenied
    form = FacilityImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = facilities.facilities_import(
                actor=actor, content=form.cleaned_data["file"].read()
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if not result.errors:
                messages.success(request, ngettext(
                    "%(created)s centro nuevo; %(updated)s actualizados.",
                    "%(created)s centros nuevos; %(updated)s actualizados.", result.created,
                ) % {"created": result.created, "updated": result.updated})  # fmt: skip
                return redirect("detention:facilities")
    failed = form.errors or (result is not None and result.errors)
    return render(request, "detention/facility_import.html", {"form": form, "result": result},
                  status=400 if failed else 200)  # fmt: skip
