"""Escalating a call to a case, and the receiving office's acknowledgements."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.forms import apply_service_errors
from amparo.hotline import services
from amparo.hotline.forms import EscalationForm, suggested_subtype
from amparo.hotline.models import Call, Escalation
from amparo.hotline.permissions import can_log_calls, works_at_ciam
from amparo.hotline.selectors import incoming_escalations, sent_escalations
from amparo.hotline.views._common import require
from amparo.people.names import name_parts


def _initial(call: Call) -> dict[str, object]:
    """The caller's name, split as Mexican names are, for the common case where the caller
    is the person affected (the form asks; hotline.js clears it when someone else is)."""
    subtype = suggested_subtype(call.topic)
    return {**name_parts(call.caller_name), "subtype": subtype.pk if subtype else None}


@require_http_methods(["GET", "POST"])
def escalate(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    call = get_for_actor(actor, Call.objects.select_related("office"), pk)
    require(can_log_calls(actor))
    if call.escalated_case_id is not None:
        messages.info(request, _("Esta llamada ya se escaló a un caso."))
        return redirect("hotline:call_detail", call.pk)
    if request.method == "POST":
        form = EscalationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                escalation = services.call_escalate(
                    actor=actor,
                    call=call,
                    subtype=data["subtype"],
                    given_names=data["given_names"],
                    first_surname=data["first_surname"],
                    second_surname=data["second_surname"],
                    urgency=data["urgency"],
                    note=data["note"],
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    chosen_office=data["chosen_office"],
                    caller_is_affected=data["affected"] == "caller",
                    caller_relation=data["caller_relation"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Caso %(folio)s abierto en %(office)s.")
                    % {"folio": escalation.case.folio, "office": escalation.office.name},
                )
                return redirect("hotline:call_detail", call.pk)
    else:
        form = EscalationForm(initial=_initial(call))
    return render(
        request,
        "hotline/escalate.html",
        {"form": form, "call": call},
        status=422 if form.errors else 200,
    )


@require_GET
def escalations(request: HttpRequest) -> HttpResponse:
    """Receiving offices: their escalations, pending first. The CIAM: the ones it sent."""
    actor = acting(request)
    sent = works_at_ciam(actor)
    rows = list((sent_escalations(actor) if sent else incoming_escalations(actor))[:200])
    audit_record(actor=actor, action=Action.LIST, target_type="hotline.escalation")
    return render(request, "hotline/escalations.html", {"escalations": rows, "sent": sent})


@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    escalation = get_for_actor(actor, Escalation.objects.all(), pk, write=True)
    services.escalation_acknowledge(actor=actor, escalation=escalation)
    messages.success(request, _("Acuse registrado."))
    return redirect("hotline:escalations")
