from django.db import transaction
from django.utils import timezone

from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.notifications.models import Notification
from amparo.notifications.signals import notification_acknowledged


def notification_acknowledge(*, notification: Notification, actor: Actor) -> Notification:
    """Acknowledge a notification addressed to the actor (callers fetch it with
    selectors.notification_for_recipient). Acknowledging an escalation acknowledges it for
    the office: the other on-duty recipients' copies are closed with the same signer.
    Acknowledging twice changes nothing."""
    if notification.recipient_id != actor.user.pk:
        raise PermissionError("Only the recipient acknowledges a notification")
    with transaction.atomic():
        current = Notification.objects.select_for_update().get(pk=notification.pk)
        if current.acknowledged_at is not None:
            return current
        now = timezone.now()
        current.acknowledged_at = now
        current.acknowledged_by = actor.user
        current.save(update_fields=["acknowledged_at", "acknowledged_by"])
        if current.requires_ack and current.related_type:
            Notification.objects.filter(
                office_id=current.office_id,
                kind=current.kind,
                related_type=current.related_type,
                related_id=current.related_id,
                requires_ack=True,
                acknowledged_at=None,
            ).update(acknowledged_at=now, acknowledged_by=actor.user)
        audit_record(actor=actor, action=Action.UPDATE, target=current)
        notification_acknowledged.send(sender=Notification, notification=current, actor=actor)
    return current
