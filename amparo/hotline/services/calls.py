"""Logging a call: validate, normalise the number, save, audit, in one transaction."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.text import clean_text
from amparo.hotline.models import Call, Outcome, TelephonyEvent, TelephonyEventKind
from amparo.hotline.phones import InvalidPhoneError, normalize_phone
from amparo.hotline.services._common import not_in_future, require_call_taker
from amparo.people.models import Person


def phone_or_error(raw: str, origin_country: str, field: str = "caller_phone") -> str:
    try:
        return normalize_phone(raw, origin_country=origin_country)
    except InvalidPhoneError as error:
        raise ValidationError(
            {field: _("El número no es válido; escríbalo con lada, p. ej. +1 520 623 7874.")}
        ) from error


def call_log(
    *,
    actor: Actor,
    topic: str,
    outcome: str,
    started_at: datetime | None = None,
    ended_at: datetime | None = None,
    caller_phone: str = "",
    caller_name: str = "",
    origin_country: str = "US",
    origin_state: str = "",
    county: str = "",
    zip_code: str = "",
    language: str = "es",
    summary: str = "",
    person: Person | None = None,
    telephony_call_id: str = "",
    callback_due_at: datetime | None = None,
) -> Call:
    """Record a call taken by `actor` in their CIAM. The call ends now unless told or
    unless the telephony provider reported its end. A scheduled callback (outcome
    "callback") needs `callback_due_at` and is created in the same transaction."""
    require_call_taker(actor)
    now = timezone.now()
    telephony_call_id = clean_text(telephony_call_id, "telephony_call_id", limit=64, required=False)
    started_at = started_at or now
    not_in_future(started_at, "started_at")
    if person is not None and not visible(actor, Person.objects.filter(pk=person.pk)).exists():
        raise ValidationError({"person": _("La persona no existe o no está a su alcance.")})
    if outcome == Outcome.CALLBACK and callback_due_at is None:
        raise ValidationError({"callback_due_at": _("Indique cuándo debe devolverse la llamada.")})
    call = Call(
        office=actor.office,
        operator=actor.user,
        started_at=started_at,
        ended_at=ended_at,
        caller_phone=phone_or_error(caller_phone, origin_country),
        caller_name=clean_text(caller_name, "caller_name", limit=200, required=False),
        origin_country=origin_country,
        origin_state=clean_text(origin_state, "origin_state", limit=8, required=False).upper(),
        county=clean_text(county, "county", limit=100, required=False),
        zip_code=clean_text(zip_code, "zip_code", limit=10, required=False),
        language=language,
        topic=topic,
        summary=clean_text(summary, "summary", required=False),
        outcome=outcome,
        person=person,
        telephony_call_id=telephony_call_id or None,
    )
    with transaction.atomic():
        if telephony_call_id:
            _claim_telephony_events(actor, call)
        call.ended_at = call.ended_at or now
        if call.ended_at < call.started_at:
            raise ValidationError({"ended_at": _("El fin no puede ser anterior al inicio.")})
        call.full_clean(exclude=["office", "operator", "person", "escalated_case"])
        call.save()
        if telephony_call_id:
            TelephonyEvent.objects.filter(call_id=telephony_call_id).update(claimed_by_call=call)
        audit_record(actor=actor, action=Action.CREATE, target=call)
        if outcome == Outcome.CALLBACK and callback_due_at is not None:
            from amparo.hotline.services.callbacks import callback_schedule

            callback_schedule(actor=actor, call=call, due_at=callback_due_at)
    return call


def _claim_telephony_events(actor: Actor, call: Call) -> None:
    """Take start and end times from the provider's events for this call id."""
    events = {
        event.kind: event
        for event in TelephonyEvent.objects.select_for_update().filter(
            call_id=call.telephony_call_id
        )
    }
    started = events.get(TelephonyEventKind.CALL_STARTED)
    if started is None:
        raise ValidationError(
            {"telephony_call_id": _("La central telefónica no reportó esa llamada.")}
        )
    if (
        started.claimed_by_call_id is not None
        or Call.objects.filter(telephony_call_id=call.telephony_call_id).exists()
    ):
        raise ValidationError({"telephony_call_id": _("Esa llamada ya fue registrada.")})
    if started.operator_id not in (None, actor.user.pk):
        raise PermissionDenied
    call.started_at = started.occurred_at
    if not call.caller_phone:
        call.caller_phone = started.caller_phone
    ended = events.get(TelephonyEventKind.CALL_ENDED)
    if ended is not None and call.ended_at is None:
        call.ended_at = ended.occurred_at
