"""Scheduling callbacks, logging attempts, and handing open ones to the next shift."""

from datetime import datetime, timedelta
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role, User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.text import clean_text
from amparo.hotline.models import (
    Call,
    Callback,
    CallbackAttempt,
    CallbackOutcome,
    CallbackStatus,
    HotlineShift,
)
from amparo.hotline.services._common import require_call_taker
from amparo.hotline.services.shifts import shifts_ensure
from amparo.hotline.shifts import ShiftTimes, occurrence_at
from amparo.hotline.tasks import schedule_hand_over
from amparo.network.models import Office

MAX_ATTEMPTS = 3


def shift_at(office: Office, at: datetime) -> HotlineShift | None:
    shifts = shifts_ensure(office)
    occurrence = occurrence_at(
        [ShiftTimes(s.kind, s.starts_at, s.ends_at) for s in shifts], at, office.time_zone
    )
    if occurrence is None:
        return None
    return next(shift for shift in shifts if shift.kind == occurrence.kind)


def callback_schedule(
    *,
    actor: Actor,
    call: Call,
    due_at: datetime,
    assigned_to: User | None = None,
    max_attempts: int = MAX_ATTEMPTS,
) -> Callback:
    """Schedule a callback for a call of the actor's CIAM: assigned to one operator, or
    else to the shift on duty at `due_at`."""
    require_call_taker(actor)
    call = get_for_actor(actor, Call.objects.all(), call.pk, write=True)
    if due_at < timezone.now() - timedelta(minutes=5):
        raise ValidationError({"callback_due_at": _("La hora de devolución ya pasó.")})
    if not 1 <= max_attempts <= 10:
        raise ValidationError({"max_attempts": _("Entre 1 y 10 intentos.")})
    if (
        assigned_to is not None
        and not assigned_to.memberships.filter(
            office_id=call.office_id, role=Role.HOTLINE_OPERATOR, is_active=True
        ).exists()
    ):
        raise ValidationError({"assigned_to": _("Solo operadores de este CIAM.")})
    due_shift = shift_at(call.office, due_at)
    with transaction.atomic():
        callback = Callback.objects.create(
            call=call,
            due_at=due_at,
            assigned_to=assigned_to,
            shift=None if assigned_to is not None else due_shift,
            max_attempts=max_attempts,
            created_by=actor.user,
        )
        audit_record(actor=actor, action=Action.CREATE, target=callback)
        if due_shift is not None:
            _hand_over_when_shift_ends(call.office, due_shift, due_at)
    return callback


def _hand_over_when_shift_ends(office: Office, shift: HotlineShift, at: datetime) -> None:
    """After commit, queue the hand-over for the end of `shift`, running at `at`: if the
    callback is still open then, the next shift gets it without anyone running a command."""
    occurrence = occurrence_at(
        [ShiftTimes(shift.kind, shift.starts_at, shift.ends_at)], at, office.time_zone
    )
    if occurrence is not None:
        transaction.on_commit(partial(schedule_hand_over, office.pk, occurrence.ends), robust=True)


def callback_log_attempt(
    *,
    actor: Actor,
    callback: Callback,
    outcome: str,
    note: str = "",
    next_due_at: datetime | None = None,
) -> Callback:
    """One try at returning the call. Reaching the person closes it as done; after the
    last allowed attempt it closes as failed; otherwise it may be moved to `next_due_at`."""
    require_call_taker(actor)
    callback = get_for_actor(actor, Callback.objects.all(), callback.pk, write=True)
    if outcome not in CallbackOutcome.values:
        raise ValidationError({"outcome": _("Resultado no válido.")})
    note = clean_text(note, "note", required=False)
    with transaction.atomic():
        locked = Callback.objects.select_for_update().get(pk=callback.pk)
        if locked.status != CallbackStatus.OPEN:
            raise ValidationError({"outcome": _("Esta devolución ya está cerrada.")})
        now = timezone.now()
        CallbackAttempt.objects.create(
            callback=locked, at=now, by=actor.user, outcome=outcome, note=note
        )
        locked.attempts += 1
        locked.outcome = outcome
        if outcome == CallbackOutcome.REACHED:
            locked.status = CallbackStatus.DONE
        elif outcome == CallbackOutcome.WRONG_NUMBER or locked.attempts >= locked.max_attempts:
            locked.status = CallbackStatus.FAILED
        elif next_due_at is not None:
            if next_due_at < now:
                raise ValidationError({"next_due_at": _("La nueva hora ya pasó.")})
            locked.due_at = next_due_at
        locked.save(update_fields=["attempts", "outcome", "status", "due_at", "updated_at"])
        audit_record(actor=actor, action=Action.UPDATE, target=locked)
    return locked


def callbacks_hand_over(*, office: Office, at: datetime | None = None) -> int:
    """Move the open callbacks of shifts that ended (and of operators not on the shift now
    on duty) to the shift on duty, when they are due before it ends. Returns how many
    moved. Queued by the worker for the end of each shift that has open callbacks (see
    `_hand_over_when_shift_ends`), run when a supervisor or operator opens the callbacks
    list, and by `manage.py hotline_hand_over`."""
    at = at or timezone.now()
    current = shift_at(office, at)
    if current is None:
        return 0
    occurrence = occurrence_at(
        [ShiftTimes(current.kind, current.starts_at, current.ends_at)], at, office.time_zone
    )
    assert occurrence is not None
    on_shift = set(current.operators.values_list("pk", flat=True))
    stale = (
        Callback.objects.filter(
            call__office=office, status=CallbackStatus.OPEN, due_at__lt=occurrence.ends
        )
        .exclude(shift=current, assigned_to=None)
        .select_related("assigned_to")
    )
    moved = 0
    with transaction.atomic():
        for callback in stale.select_for_update(of=("self",)):
            if callback.assigned_to_id in on_shift:
                continue
            callback.shift, callback.assigned_to = current, None
            callback.save(update_fields=["shift", "assigned_to", "updated_at"])
            moved += 1
        if moved:  # they may still be open when this shift ends too
            transaction.on_commit(
                partial(schedule_hand_over, office.pk, occurrence.ends), robust=True
            )
    return moved


def callback_cancel(*, actor: Actor, callback: Callback) -> Callback:
    require_call_taker(actor)
    callback = get_for_actor(actor, Callback.objects.all(), callback.pk, write=True)
    if callback.status != CallbackStatus.OPEN:
        raise PermissionDenied
    with transaction.atomic():
        callback.status = CallbackStatus.CANCELLED
        callback.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=Action.UPDATE, target=callback)
    return callback
