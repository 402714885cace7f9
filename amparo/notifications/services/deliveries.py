"""One delivery attempt: send through the channel, record the outcome, schedule a retry,
and fall back to SMS when an urgent email cannot be delivered."""

import logging
from datetime import timedelta
from functools import partial

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from amparo.accounts.models import User
from amparo.notifications.channels.base import DeliveryResult, OutgoingMessage, channel_for
from amparo.notifications.models import ChannelKind, Delivery, DeliveryStatus, Notification
from amparo.notifications.retries import retry_delay, should_retry

logger = logging.getLogger(__name__)


def phone_of(user: User) -> str:
    try:
        return str(user.staff_contact.phone_e164)  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return ""


def outgoing_message(notification: Notification) -> OutgoingMessage:
    """Resolve addresses now, so a corrected email or phone is used on the next retry."""
    user = notification.recipient
    return OutgoingMessage(
        notification_id=notification.pk,
        subject=notification.subject,
        body=notification.body,
        urgent=notification.is_urgent,
        user_id=user.pk if user is not None else None,
        email=(user.email if user is not None else notification.email) or "",
        phone_e164=phone_of(user) if user is not None else notification.phone_e164,
    )


def delivery_attempt(*, delivery_id: int) -> str:
    """Try a pending delivery once and record the outcome. Returns the new status, or
    "skipped" when the delivery is gone or no longer pending (a duplicate job)."""
    delivery = (
        Delivery.objects.select_related("notification__recipient__staff_contact")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return "skipped"
    result = channel_for(delivery.channel).send(outgoing_message(delivery.notification))
    return _record(delivery_id, result)


def _record(delivery_id: int, result: DeliveryResult) -> str:
    from amparo.notifications.tasks import enqueue_delivery

    with transaction.atomic():
        delivery = (
            # Lock only the delivery row: PostgreSQL refuses FOR UPDATE on the nullable
            # side of the outer join to the (optional) recipient.
            Delivery.objects.select_for_update(of=("self",))
            .select_related("notification__recipient")
            .get(pk=delivery_id)
        )
        if delivery.status != DeliveryStatus.PENDING:
            return "skipped"
        delivery.attempts += 1
        notification = delivery.notification
        if result.ok:
            delivery.status = DeliveryStatus.SENT
            delivery.sent_at = timezone.now()
            delivery.last_error = ""
        else:
            delivery.last_error = result.error
            if should_retry(delivery.attempts, permanent=result.permanent):
                delay = retry_delay(delivery.attempts, urgent=notification.is_urgent)
                transaction.on_commit(
                    partial(enqueue_delivery, delivery.pk, delay=delay), robust=True
                )
            else:
                delivery.status = DeliveryStatus.FAILED
                logger.warning(
                    "Delivery id=%s channel=%s failed for good: %s",
                    delivery.pk,
                    delivery.channel,
                    result.error,
                )
                fallback = _sms_fallback(delivery)
                if fallback is not None:
                    transaction.on_commit(partial(enqueue_delivery, fallback.pk), robust=True)
        delivery.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return str(delivery.status)


def _sms_fallback(delivery: Delivery) -> Delivery | None:
    """An SMS delivery for an urgent notification whose email failed, if the recipient
    has a phone and no SMS delivery exists yet."""
    notification = delivery.notification
    if delivery.channel != ChannelKind.EMAIL or not notification.is_urgent:
        return None
    if not outgoing_message(notification).phone_e164:
        return None
    fallback, created = Delivery.objects.get_or_create(
        notification=notification, channel=ChannelKind.SMS, defaults={"is_fallback": True}
    )
    return fallback if created else None


STALLED_AFTER = timedelta(minutes=30)
"""A pending delivery older than this has no job left: the whole retry chain (five
attempts, at most 1 + 2 + 4 + 8 minutes apart) ends well within it."""


def stalled_deliveries(*, older_than: timedelta = STALLED_AFTER) -> QuerySet[Delivery]:
    """Pending deliveries whose job was lost (e.g. the queue was down when their
    transaction committed, so the after-commit enqueue failed)."""
    return Delivery.objects.filter(
        status=DeliveryStatus.PENDING, created_at__lt=timezone.now() - older_than
    ).order_by("created_at", "id")


def requeue_stalled_deliveries(*, older_than: timedelta = STALLED_AFTER) -> list[int]:
    """Queue every stalled delivery again; the ids queued. Safe to run on a schedule: a
    job for a delivery that is no longer pending does nothing."""
    from amparo.notifications.tasks import enqueue_delivery

    ids = list(stalled_deliveries(older_than=older_than).values_list("pk", flat=True))
    for delivery_id in ids:
        enqueue_delivery(delivery_id)
    return ids
