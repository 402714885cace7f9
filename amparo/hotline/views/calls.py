"""Call pages: the keyboard-first call form, caller history, the call list and detail."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.forms import apply_service_errors
from amparo.hotline import services
from amparo.hotline.forms import DATETIME_FORMAT, CallForm
from amparo.hotline.models import Call, CallbackStatus
from amparo.hotline.permissions import can_log_calls, can_supervise, can_use_hotline
from amparo.hotline.phones import InvalidPhoneError, normalize_phone
from amparo.hotline.selectors import (
    call_list,
    caller_history,
    calls_of_person,
    unclaimed_call_for,
)
from amparo.hotline.views._common import require
from amparo.people.models import Person


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    if can_log_calls(actor):
        return redirect("hotline:new_call")
    if can_supervise(actor):
        return redirect("hotline:supervision")
    return redirect("hotline:escalations")


def _guidance_url() -> str:
    try:
        return reverse("guidance:panel")
    except NoReverseMatch:  # the guidance app may not be installed yet
        return ""


@require_http_methods(["GET", "POST"])
def new_call(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    require(can_log_calls(actor))
    incoming = None
    if request.method == "POST":
        form = CallForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                call = services.call_log(
                    actor=actor,
                    topic=data["topic"],
                    outcome=data["outcome"],
                    started_at=data["started_at"],
                    caller_phone=data["caller_phone"],
                    caller_name=data["caller_name"],
                    origin_country=data["origin_country"],
                    origin_state=data["origin_state"],
                    county=data["county"],
                    zip_code=data["zip_code"],
                    language=data["language"],
                    summary=data["summary"],
                    telephony_call_id=data["telephony_call_id"],
                    callback_due_at=data["callback_due_at"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                if request.POST.get("then") == "escalate":
                    return redirect("hotline:escalate", call.pk)
                messages.success(
                    request,
                    _("Llamada n.º %(number)s registrada.") % {"number": call.pk},
                )
                return redirect("hotline:new_call")
    else:
        incoming = unclaimed_call_for(actor)
        initial = {}
        if incoming is not None:
            initial = {
                "caller_phone": incoming.caller_phone,
                "started_at": timezone.localtime(incoming.occurred_at).strftime(DATETIME_FORMAT),
                "telephony_call_id": incoming.call_id,
            }
        form = CallForm(initial=initial)
    return render(
        request,
        "hotline/new_call.html",
        {"form": form, "incoming": incoming, "guidance_url": _guidance_url()},
        status=422 if form.errors else 200,
    )


@require_GET
def history(request: HttpRequest) -> HttpResponse:
    """htmx partial beside the call form: earlier calls and matching people."""
    actor = acting(request)
    require(can_use_hotline(actor))
    raw_phone = request.GET.get("caller_phone", "")[:32]
    name = request.GET.get("caller_name", "")[:200]
    try:
        phone = normalize_phone(raw_phone, origin_country=request.GET.get("origin_country", "US"))
    except InvalidPhoneError:
        phone = ""
    found = None
    if phone or name.strip():
        found = caller_history(actor, phone=phone, name=name)
    return render(
        request,
        "hotline/_history.html",
        {"history": found, "bad_phone": bool(raw_phone.strip()) and not phone},
    )


@require_GET
def calls(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    require(can_use_hotline(actor))
    rows = call_list(actor)
    audit_record(actor=actor, action=Action.LIST, target_type="hotline.call")
    return render(request, "hotline/calls.html", {"calls": rows})


@require_GET
def person_calls(request: HttpRequest, person_pk: int) -> HttpResponse:
    """htmx, on the person's page: the calls about them, for those who read calls (the
    person is checked first: hidden or missing answers 404, as does a role without calls)."""
    actor = acting(request)
    person = get_for_actor(actor, Person.objects.all(), person_pk)
    if not can_use_hotline(actor):
        raise Http404
    rows = calls_of_person(actor, person.pk)
    audit_record(actor=actor, action=Action.LIST, target_type="hotline.call", reason="person")
    template = "hotline/_person_calls.html" if request.htmx else "hotline/person_calls.html"  # type: ignore[attr-defined]
    return render(request, template, {"person": person, "calls": rows})


@require_GET
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    call = get_for_actor(
        actor,
        Call.objects.select_related("operator", "office", "escalated_case"),
        pk,
    )
    audit_record(actor=actor, action=Action.VIEW, target=call)
    person = (
        visible(actor, Person.objects.filter(pk=call.person_id)).first()
        if call.person_id is not None
        else None
    )
    return render(
        request,
        "hotline/call_detail.html",
        {
            "call": call,
            "person": person,
            "escalation": getattr(call, "escalation", None),
            "callbacks": call.callbacks.select_related("assigned_to", "shift"),
            "open_status": CallbackStatus.OPEN,
            "can_act": can_log_calls(actor),
        },
    )
