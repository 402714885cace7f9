"""What staff do with an alert: acknowledge it (which stops the climb and tells the phone
and the family "seen"), record what happened (contacted, help on the way, located,
detained, visited, released, false alarm) and close it. Each write in one transaction with
its audit record, its alert event and a line on the case."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import may_write
from amparo.accounts.actor import Actor
from amparo.alerts import family
from amparo.alerts.dispatch import on_case_timeline
from amparo.alerts.models import (
    OUTCOME_FAMILY_STATUS,
    Alert,
    AlertEvent,
    AlertStatus,
    EventKind,
    FamilyStatus,
    Outcome,
)
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.text import clean_text
from amparo.notifications.models import Notification


def _locked(actor: Actor, alert: Alert) -> Alert:
    if not may_write(actor, alert):
        raise PermissionDenied
    return (
        Alert.objects.select_for_update(of=("self",))
        .select_related("office", "case")
        .get(pk=alert.pk)
    )


def alert_acknowledge(*, actor: Actor, alert: Alert) -> Alert:
    """A person has seen the alert: it stops climbing, and its pages are answered."""
    with transaction.atomic():
        alert = _locked(actor, alert)
        if alert.acknowledged_at is not None or not alert.is_active:
            return alert
        now = timezone.now()
        alert.status, alert.acknowledged_at, alert.acknowledged_by = (
            AlertStatus.ACKNOWLEDGED, now, actor.user)  # fmt: skip
        alert.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
        AlertEvent.objects.create(alert=alert, kind=EventKind.ACKNOWLEDGED, at=now,
                                  actor=actor.user)  # fmt: skip
        Notification.objects.filter(
            related_type=Alert._meta.label_lower, related_id=str(alert.pk), requires_ack=True,
            acknowledged_at=None,
        ).update(acknowledged_at=now, acknowledged_by=actor.user)  # fmt: skip
        audit_record(actor=actor, action=Action.UPDATE, target=alert, reason="acknowledged")
        on_case_timeline(actor, alert, "acknowledged", by=actor.user.get_full_name())
        family.tell(alert, FamilyStatus.SEEN)
        family.tell_registrant(alert, FamilyStatus.SEEN)
    return alert


def alert_record_outcome(*, actor: Actor, alert: Alert, outcome: str, detail: str = "") -> Alert:
    """What happened; help on the way shows on the phone, and each outcome the contacts
    may see reaches them. A false alarm closes the alert."""
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Resultado no válido.")})
    detail = clean_text(detail, "detail", required=False, limit=240)
    with transaction.atomic():
        alert = _locked(actor, alert)
        if alert.status == AlertStatus.CLOSED:
            raise ValidationError({"outcome": _("La alerta ya está cerrada.")})
        now = timezone.now()
        changed: list[str] = []
        if alert.acknowledged_at is None:
            alert.acknowledged_at, alert.acknowledged_by = now, actor.user
            changed += ["acknowledged_at", "acknowledged_by"]
        alert.status = AlertStatus.HELP if outcome != Outcome.FALSE_ALARM else AlertStatus.CLOSED
        if outcome == Outcome.FALSE_ALARM:
            alert.closed_at, alert.close_reason = now, _("Falsa alarma")
            changed += ["closed_at", "close_reason"]
        alert.save(update_fields=["status", *changed])
        AlertEvent.objects.create(alert=alert, kind=EventKind.OUTCOME, outcome=outcome,
                                  detail=detail, actor=actor.user, at=now)  # fmt: skip
        audit_record(actor=actor, action=Action.UPDATE, target=alert, reason=outcome)
        on_case_timeline(actor, alert, "outcome", outcome=outcome)
        if outcome == Outcome.HELP:
            family.tell_registrant(alert, FamilyStatus.HELP)
        told = OUTCOME_FAMILY_STATUS.get(Outcome(outcome))
        if told is not None and not (told == FamilyStatus.SAFE and alert.duress):
            family.tell(alert, told)
    return alert


def alert_close(*, actor: Actor, alert: Alert, reason: str) -> Alert:
    with transaction.atomic():
        alert = _locked(actor, alert)
        if alert.status == AlertStatus.CLOSED:
            return alert
        now = timezone.now()
        alert.status, alert.closed_at = AlertStatus.CLOSED, now
        alert.close_reason = clean_text(reason, "reason", required=True, limit=240)
        alert.acknowledged_at = alert.acknowledged_at or now
        alert.save(update_fields=["status", "closed_at", "close_reason", "acknowledged_at"])
        AlertEvent.objects.create(alert=alert, kind=EventKind.CLOSED, at=now, actor=actor.user)
        audit_record(actor=actor, action=Action.UPDATE, target=alert, reason="closed")
        on_case_timeline(actor, alert, "closed")
    return alert


def acknowledge_from_notification(*, notification: Notification, actor: Actor, **_: Any) -> None:
    """Receiver of `notification_acknowledged`: acknowledging the page in the inbox
    acknowledges the alert."""
    if notification.related_type != Alert._meta.label_lower:
        return
    alert = Alert.objects.filter(pk=notification.related_id).first()
    if alert is not None and alert.acknowledged_at is None and may_write(actor, alert):
        alert_acknowledge(actor=actor, alert=alert)
