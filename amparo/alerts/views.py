"""Staff pages of the alert button: the live board (its rows refresh every few seconds
without reloading), an alert with its acknowledgement, outcomes and closing, and its CAP
1.2 message."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor, acting
from amparo.alerts import cap, escalation, handling, policy, selectors
from amparo.alerts.forms import AckMinutesForm, CloseForm, OutcomeForm
from amparo.alerts.models import Outcome
from amparo.audit.models import Action
from amparo.audit.services import audit_record

BOARD_TRAIL_EVERY = timedelta(minutes=10)
"""A board left open polls every 5 s. Its access is recorded when it opens, whenever what it
shows changes, and every ten minutes while it stays open: a record per poll wrote 17,280
identical rows a day per screen, which buried every other access in the trail."""
BOARD_SEEN = "alerts_board_seen"


def _board_context(request: HttpRequest, *, opening: bool) -> dict[str, object]:
    actor = acting(request)
    include_closed = request.GET.get("cerradas") == "1"
    rows = selectors.board_rows_of(selectors.board(actor, include_closed=include_closed)[:200])
    _record_board_view(request, actor, selectors.board_digest(actor, rows), opening=opening)
    return {
        "rows": rows, "include_closed": include_closed,
        "can_set_minutes": actor.role in policy.SETTERS,
        "ack_minutes": escalation.ack_minutes(actor.office),
    }  # fmt: skip


def _record_board_view(request: HttpRequest, actor: Actor, shown: str, *, opening: bool) -> None:
    now = timezone.now()
    last = request.session.get(BOARD_SEEN)
    if (
        not opening
        and last is not None
        and last["shown"] == shown
        and now - datetime.fromisoformat(last["at"]) < BOARD_TRAIL_EVERY
    ):
        return
    audit_record(actor=actor, action=Action.LIST, target_type="alerts.alert", reason="board")
    request.session[BOARD_SEEN] = {"shown": shown, "at": now.isoformat()}


@require_GET
def board(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/board.html", _board_context(request, opening=True))


@require_GET
def board_rows(request: HttpRequest) -> HttpResponse:
    """The board's map and table, for htmx to swap in every few seconds."""
    return render(request, "alerts/_board_live.html", _board_context(request, opening=False))


@require_POST
def set_ack_minutes(request: HttpRequest) -> HttpResponse:
    """The head of office sets how long the office has to acknowledge an alert."""
    actor = acting(request)
    form = AckMinutesForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Indique de 1 a 60 minutos."))
        policy.ack_minutes_set(actor=actor, office=actor.office,
                               minutes=form.cleaned_data["minutes"])  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Plazo para acusar recibo actualizado."))
    return redirect("alerts:board")


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    alert = selectors.alert_for(actor, pk)
    audit_record(actor=actor, action=Action.VIEW, target=alert)
    context = {
        "alert": alert, "row": selectors.board_rows_of([alert])[0],
        "positions": visible(actor, alert.positions.all()),
        "events": visible(actor, alert.events.select_related("actor")),
        "outcome_form": OutcomeForm(), "close_form": CloseForm(),
        # Detained: the detention module records the facility, authority and A-number.
        "detained": visible(actor, alert.events.filter(outcome=Outcome.DETAINED)).exists(),
    }  # fmt: skip
    return render(request, "alerts/detail.html", context)


def _done(
    request: HttpRequest, pk: int, message: str, error: ValidationError | None
) -> HttpResponse:
    if error is not None:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message)
    return redirect("alerts:detail", pk)


@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    handling.alert_acknowledge(actor=actor, alert=selectors.alert_for(actor, pk))
    return _done(request, pk, _("Alerta vista: deja de escalar."), None)


@require_POST
def record_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    alert = selectors.alert_for(actor, pk)
    form = OutcomeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Elija un resultado."))
        handling.alert_record_outcome(actor=actor, alert=alert, **form.cleaned_data)
    except ValidationError as error:
        return _done(request, pk, "", error)
    return _done(request, pk, _("Resultado registrado."), None)


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    alert = selectors.alert_for(actor, pk)
    form = CloseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Indique el motivo del cierre."))
        handling.alert_close(actor=actor, alert=alert, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        return _done(request, pk, "", error)
    return _done(request, pk, _("Alerta cerrada."), None)


@require_GET
def cap_xml(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    alert = selectors.alert_for(actor, pk)
    audit_record(actor=actor, action=Action.EXPORT, target=alert, reason="cap")
    response = HttpResponse(cap.cap_message(alert), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="alerta-{alert.pk}.cap.xml"'
    return response
