"""Creating notifications and queueing their deliveries."""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.network.models import Office
from amparo.notifications.models import (
    ChannelKind,
    Delivery,
    DeliveryStatus,
    Notification,
    Urgency,
)
from amparo.notifications.selectors import central_administrators, heads_of, staff_on_duty
from amparo.notifications.services.deliveries import phone_of
from amparo.notifications.services.push import staff_subscriptions

logger = logging.getLogger(__name__)

DEFAULT_USER_CHANNELS = (ChannelKind.INAPP, ChannelKind.EMAIL)
ALL_CHANNELS = (ChannelKind.INAPP, ChannelKind.EMAIL, ChannelKind.SMS, ChannelKind.PUSH)


@dataclass(frozen=True)
class Address:
    """A recipient who is not a staff user (for example a family contact)."""

    email: str = ""
    phone_e164: str = ""


type Recipient = User | Address


def _address_for(recipient: Recipient, channel: str) -> bool:
    """Whether the recipient can be reached on `channel` right now."""
    if isinstance(recipient, User):
        reachable = {
            ChannelKind.INAPP: lambda: True,
            ChannelKind.EMAIL: lambda: bool(recipient.email),
            ChannelKind.SMS: lambda: bool(phone_of(recipient)),
            ChannelKind.PUSH: lambda: staff_subscriptions(recipient.pk).exists(),
        }
        return reachable[ChannelKind(channel)]()
    if channel == ChannelKind.EMAIL:
        return bool(recipient.email)
    if channel == ChannelKind.SMS:
        return bool(recipient.phone_e164)
    return False


def _unique(recipients: Iterable[Recipient]) -> list[Recipient]:
    seen: set[object] = set()
    unique: list[Recipient] = []
    for recipient in recipients:
        key = ("user", recipient.pk) if isinstance(recipient, User) else recipient
        if key not in seen:
            seen.add(key)
            unique.append(recipient)
    return unique


def notify(
    *,
    recipients: Iterable[Recipient],
    subject: str,
    body: str,
    kind: str,
    urgency: str = Urgency.NORMAL,
    office: Office,
    related: models.Model | None = None,
    requires_ack: bool = False,
    channels: Sequence[str] | None = None,
    link: str = "",
) -> list[Notification]:
    """One notification per recipient and one delivery per channel that can reach them.
    Staff users default to in-app + email; addresses to whatever they have. Email and SMS
    carry only the subject (keep it free of personal data); the body is in-app only.
    Deliveries are queued after commit: a rolled-back transaction sends nothing."""
    if urgency not in Urgency.values:
        raise ValidationError(_("Urgencia no válida."))
    unknown = set(channels or ()) - set(ChannelKind.values)
    if unknown:
        raise ValidationError(_("Canal de notificación no válido."))
    people = _unique(recipients)
    if not people:
        raise ValidationError(_("La notificación necesita al menos un destinatario."))
    created: list[Notification] = []
    queued: list[int] = []
    with transaction.atomic():
        for recipient in people:
            notification = _create(
                recipient=recipient,
                subject=subject,
                body=body,
                kind=kind,
                urgency=urgency,
                office=office,
                related=related,
                requires_ack=requires_ack,
                link=link,
            )
            wanted = channels or (
                DEFAULT_USER_CHANNELS if isinstance(recipient, User) else ALL_CHANNELS
            )
            for channel in dict.fromkeys(wanted):
                if not _address_for(recipient, channel):
                    continue
                delivery = _create_delivery(notification, channel)
                if delivery.status == DeliveryStatus.PENDING:
                    queued.append(delivery.pk)
            created.append(notification)
        for delivery_id in queued:
            transaction.on_commit(partial(_enqueue, delivery_id), robust=True)
    return created


def _create(
    *,
    recipient: Recipient,
    subject: str,
    body: str,
    kind: str,
    urgency: str,
    office: Office,
    related: models.Model | None,
    requires_ack: bool,
    link: str,
) -> Notification:
    notification = Notification(
        recipient=recipient if isinstance(recipient, User) else None,
        email="" if isinstance(recipient, User) else recipient.email,
        phone_e164="" if isinstance(recipient, User) else recipient.phone_e164,
        office=office,
        kind=kind,
        subject=subject.strip(),
        body=body.strip(),
        link=link,
        urgency=urgency,
        related_type=related._meta.label_lower if related is not None else "",
        related_id=str(related.pk) if related is not None else "",
        requires_ack=requires_ack,
    )
    notification.full_clean()
    notification.save()
    return notification


def _create_delivery(notification: Notification, channel: str) -> Delivery:
    if channel == ChannelKind.INAPP:
        # The row just written is the in-app message: delivered with the transaction.
        return Delivery.objects.create(
            notification=notification,
            channel=channel,
            status=DeliveryStatus.SENT,
            attempts=1,
            sent_at=timezone.now(),
        )
    return Delivery.objects.create(notification=notification, channel=channel)


def _enqueue(delivery_id: int) -> None:
    from amparo.notifications.tasks import enqueue_delivery

    enqueue_delivery(delivery_id)


def notify_office_on_duty(
    *,
    office: Office,
    subject: str,
    body: str,
    related: models.Model | None,
    requires_ack: bool = True,
    kind: str = "on_duty_alert",
    link: str = "",
    at: datetime | None = None,
    also_when_nobody_on_duty: Sequence[User] = (),
) -> list[Notification]:
    """Urgent: every on-duty user of `office` by in-app, email and SMS. When nobody is on
    duty, its heads, `also_when_nobody_on_duty` (for an escalation, the CIAM's supervisors)
    and central administration are all told, so that nothing urgent goes unseen. The first
    recipient to acknowledge acknowledges for the office.

    Example subject: "Escalamiento urgente CIAM-2026-000123 para Consulado en Fresno";
    never a person's name in the subject."""
    recipients = staff_on_duty(office, at)
    if not recipients:
        logger.warning("Office id=%s has nobody on duty; telling its heads and central", office.pk)
        everyone = [*heads_of(office), *also_when_nobody_on_duty, *central_administrators()]
        recipients = list({user.pk: user for user in everyone}.values())
    if not recipients:
        raise ValidationError(_("No hay a quién notificar en esta representación."))
    return notify(
        recipients=recipients,
        subject=subject,
        body=body,
        kind=kind,
        urgency=Urgency.URGENT,
        office=office,
        related=related,
        requires_ack=requires_ack,
        channels=ALL_CHANNELS,
        link=link,
    )
