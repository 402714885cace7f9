from datetime import timedelta

from django.utils import timezone

from amparo.accounts.models import User
from amparo.network.models import Office
from amparo.notifications.models import Notification, OnDutyShift, StaffContact
from amparo.notifications.services import notify


def give_phone(user: User, phone: str = "+15125550100") -> StaffContact:
    return StaffContact.objects.create(user=user, phone_e164=phone)


def shift_now(office: Office, user: User, *, created_by: User | None = None) -> OnDutyShift:
    now = timezone.now()
    return OnDutyShift.objects.create(
        office=office,
        user=user,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=7),
        created_by=created_by or user,
    )


def notification_for(user: User, office: Office, **overrides: object) -> Notification:
    fields: dict = {
        "subject": "Escalamiento urgente CIAM-2026-000001",
        "body": "Detalle en el caso.",
        "kind": "hotline_escalation",
        "urgency": "urgent",
        "requires_ack": True,
        "channels": ["inapp"],
    } | overrides
    return notify(recipients=[user], office=office, **fields)[0]
