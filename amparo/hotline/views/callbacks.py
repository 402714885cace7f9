"""Callbacks: the list sorted by due time, scheduling one and logging an attempt."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import acting
from amparo.accounts.models import Role, User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.forms import apply_service_errors
from amparo.hotline import services
from amparo.hotline.forms import CallbackAttemptForm, CallbackScheduleForm
from amparo.hotline.models import Call, Callback
from amparo.hotline.permissions import can_log_calls, can_use_hotline
from amparo.hotline.selectors import callbacks_for, ciam_offices
from amparo.hotline.views._common import require


def operators_of(office_id: int):  # type: ignore[no-untyped-def]
    return (
        User.objects.filter(
            is_active=True,
            memberships__office_id=office_id,
            memberships__role=Role.HOTLINE_OPERATOR,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@require_GET
def callbacks(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    require(can_use_hotline(actor))
    for office in ciam_offices(actor):
        services.callbacks_hand_over(office=office)
    rows = list(callbacks_for(actor)[:300])
    audit_record(actor=actor, action=Action.LIST, target_type="hotline.callback")
    return render(
        request, "hotline/callbacks.html", {"callbacks": rows, "can_act": can_log_calls(actor)}
    )


@require_http_methods(["GET", "POST"])
def schedule_callback(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    call = get_for_actor(actor, Call.objects.all(), pk, write=True)
    require(can_log_calls(actor))
    form = CallbackScheduleForm(request.POST or None, operators=operators_of(call.office_id))
    if request.method == "POST" and form.is_valid():
        try:
            services.callback_schedule(
                actor=actor,
                call=call,
                due_at=form.cleaned_data["due_at"],
                assigned_to=form.cleaned_data["assigned_to"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Devolución programada."))
            return redirect("hotline:call_detail", call.pk)
    return render(
        request,
        "hotline/schedule_callback.html",
        {"form": form, "call": call},
        status=422 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def callback_attempt(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    callback = get_for_actor(actor, Callback.objects.select_related("call"), pk, write=True)
    require(can_log_calls(actor))
    form = CallbackAttemptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.callback_log_attempt(
                actor=actor,
                callback=callback,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                next_due_at=form.cleaned_data["next_due_at"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Intento registrado."))
            return redirect("hotline:callbacks")
    return render(
        request,
        "hotline/callback_attempt.html",
        {"form": form, "callback": callback, "tries": callback.tries.select_related("by")},
        status=422 if form.errors else 200,
    )
