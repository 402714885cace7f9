"""What a phone sends: an alert, its later positions for two minutes, and "estoy a salvo".

An alert is idempotent on the phone's id for it: the same id with the same content answers
with the alert already stored (the phone re-sends from its outbox until it hears back);
the same id with other content is refused (ConflictError).

The phone's 201 waits only for what cannot be lost: the alert's row and its dispatch job
(dispatch.dispatch_alert: the case line, the pages, the family, the first timer), written
in one transaction, so an alert the phone was told about always has its job. The task
worker runs the job within a second or so; it dispatches each alert once whoever runs it
(a retried job, or `alerts_climb` after a worker died mid-job)."""

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.alerts import enrolment, family, sms_code
from amparo.alerts.dispatch import dispatch_alert, on_case_timeline
from amparo.alerts.models import (
    Alert,
    AlertEvent,
    AlertPosition,
    AlertStatus,
    Device,
    EventKind,
    FamilyStatus,
    position_json,
)
from amparo.alerts.routing import route
from amparo.core.text import clean_text

MAX_TEXT = 280
SMS_BODY = "sms"  # the body hash of an alert that came by SMS
CLOCK_SKEW = timedelta(minutes=5)  # a phone's clock may be this far ahead
OLDEST = timedelta(days=2)  # an outbox older than this is not an alert any more
POSITION_WINDOW = timedelta(minutes=2)
MAX_ACCURACY_M = 100_000


class ConflictError(Exception):
    """The same alert id with other content: a client bug or a replay, never a new alert."""


@dataclass(frozen=True)
class Fix:
    latitude: float
    longitude: float
    accuracy_m: float
    fix_at: datetime


def _check_time(value: datetime, field: str, now: datetime) -> None:
    if value.tzinfo is None:
        raise ValidationError({field: _("La fecha debe llevar zona horaria.")})
    if value > now + CLOCK_SKEW:
        raise ValidationError({field: _("La fecha está en el futuro.")})
    if value < now - OLDEST:
        raise ValidationError({field: _("La fecha es demasiado antigua.")})


def _check_fix(fix: Fix, now: datetime) -> None:
    if not (-90 <= fix.latitude <= 90 and -180 <= fix.longitude <= 180):
        raise ValidationError({"position": _("Posición imposible.")})
    if not 0 < fix.accuracy_m <= MAX_ACCURACY_M:
        raise ValidationError({"position": _("Precisión de la posición no válida.")})
    _check_time(fix.fix_at, "position", now)


def _body_hash(**content: object) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def alert_raise(
    *, device: Device, client_id: uuid.UUID, raised_at: datetime, fix: Fix | None = None,
    text: str = "", is_test: bool = False, via_sms: bool = False,
) -> tuple[Alert, bool]:  # fmt: skip
    """(the alert, whether this request created it). An alert that came by SMS and by the
    network is one alert, whichever arrived first (their contents differ by nature)."""
    now = timezone.now()
    _check_time(raised_at, "raised_at", now)
    if fix is not None:
        _check_fix(fix, now)
    text = clean_text(text, "text", required=False, limit=MAX_TEXT)
    digest = SMS_BODY if via_sms else _body_hash(
        client_id=client_id, raised_at=raised_at.isoformat(), fix=asdict(fix) if fix else None,
        text=text, test=is_test,
    )  # fmt: skip
    registrant = device.registrant
    where = route(registrant, latitude=fix.latitude if fix else None,
                  longitude=fix.longitude if fix else None,
                  accuracy_m=fix.accuracy_m if fix else None)  # fmt: skip
    try:  # the row first: a replay (the rare case) is told by the unique constraint
        with transaction.atomic():
            alert = Alert.objects.create(
                registrant=registrant, device=device, client_id=client_id, body_hash=digest,
                home_office=registrant.office, office=where.office, routed_by=where.routed_by,
                raised_at=raised_at, received_at=now, level_at=now, text=text, is_test=is_test,
                position=position_json(fix.latitude, fix.longitude, fix.accuracy_m, fix.fix_at)
                if fix else "",
            )  # fmt: skip
            dispatch_alert.enqueue(alert.pk)
    except IntegrityError:  # this id is stored already: the phone's outbox retrying
        existing = Alert.objects.filter(registrant=registrant, client_id=client_id).first()
        if existing is None:
            raise
        return _replayed(existing, digest), False
    return alert, True


def _replayed(alert: Alert, digest: str) -> Alert:
    if alert.body_hash != digest and SMS_BODY not in (alert.body_hash, digest):
        raise ConflictError
    return alert


def alert_from_sms(text: str) -> tuple[Alert, bool]:
    """The alert an SMS's signed code carries (sms_code), as the phone's outbox holds it."""
    refused = ValidationError({"body": _("El SMS no trae un código de alerta válido.")})
    try:
        code = sms_code.code_in(text)
        device = (
            Device.objects.select_related("registrant", "registrant__office")
            .filter(pk=sms_code.peek_device(code), revoked_at=None, registrant__ended_at=None)
            .first()
        )
        if device is None:
            raise refused
        sent = sms_code.decode(code, device.credential_hash)
    except sms_code.InvalidCodeError as error:
        raise refused from error
    fix = None
    if sent.latitude is not None and sent.longitude is not None:
        fix = Fix(sent.latitude, sent.longitude, max(sent.accuracy_m, 1), sent.raised_at)
    return alert_raise(device=device, client_id=sent.client_id, raised_at=sent.raised_at,
                       fix=fix, via_sms=True)  # fmt: skip


def own_alert(device: Device, client_id: uuid.UUID) -> Alert:
    alert = Alert.objects.filter(registrant=device.registrant, client_id=client_id).first()
    if alert is None:
        raise Alert.DoesNotExist
    return alert


def position_add(*, device: Device, client_id: uuid.UUID, fix: Fix) -> AlertPosition:
    """A later fix of an alert, accepted for two minutes after it was received."""
    now = timezone.now()
    _check_fix(fix, now)
    alert = own_alert(device, client_id)
    if now > alert.received_at + POSITION_WINDOW or not alert.is_active:
        raise ValidationError({"position": _("Esta alerta ya no recibe posiciones.")})
    with transaction.atomic():
        added = AlertPosition.objects.create(
            alert=alert, received_at=now,
            position=position_json(fix.latitude, fix.longitude, fix.accuracy_m, fix.fix_at),
        )  # fmt: skip
        on_case_timeline(None, alert, "position", accuracy=f"{round(fix.accuracy_m)} m")
    return added


def phone_status(alert: Alert) -> AlertStatus:
    """What the phone is shown: never that a duress "safe" kept the alert going."""
    return AlertStatus.CLOSED if alert.shown_closed else AlertStatus(alert.status)


def alert_safe(*, device: Device, client_id: uuid.UUID, pin: str, reason: str = "") -> Alert:
    """ "Estoy a salvo": the PIN ends the alert; the duress PIN only looks as if it did
    (the alert goes on, flagged, and its owners are paged again)."""
    from amparo.alerts.escalation import page

    alert = own_alert(device, client_id)
    kind = enrolment.pin_kind(device.registrant, pin)
    if not kind:
        raise ValidationError({"pin": _("PIN incorrecto.")})
    reason = clean_text(reason, "reason", required=False, limit=200)
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert.pk)
        if not alert.is_active or alert.shown_closed:
            return alert
        now = timezone.now()
        if kind == "duress":
            alert.duress, alert.shown_closed = True, True
            alert.save(update_fields=["duress", "shown_closed"])
            on_case_timeline(None, alert, "duress")
            page(alert, alert.level)
            return alert
        alert.status, alert.closed_at = AlertStatus.CLOSED, now
        alert.close_reason = _("A salvo, según la persona: %(reason)s") % {"reason": reason or "—"}
        alert.save(update_fields=["status", "closed_at", "close_reason"])
        AlertEvent.objects.create(alert=alert, kind=EventKind.CLOSED, at=now, detail="safe")
        on_case_timeline(None, alert, "safe")
        family.tell(alert, FamilyStatus.SAFE)
    return alert
