"""The check-in timer: "if I have not checked in within N hours, raise my alert". The phone
starts or renews it; checking in with the PIN stops it (the duress PIN only looks as if it
did). When the time runs out, the alert is raised by the server, without a position (it
routes by the registered county), through the same dispatch as any alert; `alerts_climb`
(every minute) raises the overdue ones, once each: the alert's id comes from the timer."""

import uuid
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.alerts import enrolment
from amparo.alerts.dispatch import dispatch
from amparo.alerts.models import Alert, Device, Registrant
from amparo.alerts.routing import route

MAX_HOURS = 72
TEXT = "Sin registro de llegada a tiempo (temporizador)"


def checkin_start(*, device: Device, hours: int) -> datetime:
    """Start, or renew, the timer: due `hours` from now."""
    if type(hours) is not int or not 1 <= hours <= MAX_HOURS:
        raise ValidationError({"hours": _("Indique de 1 a 72 horas.")})
    due = timezone.now() + timedelta(hours=hours)
    Registrant.objects.filter(pk=device.registrant_id).update(
        checkin_due_at=due, checkin_shown_stopped=False
    )
    return due


def checkin_stop(*, device: Device, pin: str) -> None:
    """ "Ya llegué": the PIN stops the timer; the duress PIN leaves it running."""
    kind = enrolment.pin_kind(device.registrant, pin)
    if not kind:
        raise ValidationError({"pin": _("PIN incorrecto.")})
    stopped = Registrant.objects.filter(pk=device.registrant_id)
    if kind == "pin":
        stopped.update(checkin_due_at=None, checkin_shown_stopped=False)
    else:
        stopped.update(checkin_shown_stopped=True)


def shown_due(registrant: Registrant) -> datetime | None:
    """What the phone is told: stopped after a duress "ya llegué", though it runs on."""
    return None if registrant.checkin_shown_stopped else registrant.checkin_due_at


def raise_overdue() -> int:
    """Raise the alert of every registrant whose timer ran out; each timer once."""
    raised = 0
    overdue = Registrant.objects.filter(checkin_due_at__lte=timezone.now(), ended_at=None)
    for registrant_id in overdue.values_list("pk", flat=True):
        raised += _raise(registrant_id)
    return raised


def _raise(registrant_id: int) -> bool:
    with transaction.atomic():
        registrant = Registrant.objects.select_for_update().filter(
            pk=registrant_id, checkin_due_at__lte=timezone.now()
        ).first()  # fmt: skip
        if registrant is None or registrant.checkin_due_at is None:
            return False
        due = registrant.checkin_due_at
        where = route(registrant)
        now = timezone.now()
        try:
            with transaction.atomic():
                alert = Alert.objects.create(
                    registrant=registrant, client_id=uuid.uuid5(uuid.NAMESPACE_URL,
                                                                f"checkin:{registrant.pk}:{due.isoformat()}"),
                    body_hash="checkin", home_office=registrant.office, office=where.office,
                    routed_by=where.routed_by, raised_at=due, received_at=now, level_at=now,
                    text=TEXT,
                )  # fmt: skip
        except IntegrityError:  # this timer's alert exists already
            alert = None
        registrant.checkin_due_at, registrant.checkin_shown_stopped = None, False
        registrant.save(update_fields=["checkin_due_at", "checkin_shown_stopped"])
        if alert is not None:
            dispatch(alert)
    return alert is not None
