"""Web Push subscriptions, staff's and phones' alike: subscribe (the latest browser profile to
present an endpoint owns it), unsubscribe, and send to every subscription of an owner,
deleting those the push service has forgotten."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.notifications import webpush
from amparo.notifications.models import PushEndpoint, StaffPushSubscription


def as_subscription(row: PushEndpoint) -> webpush.Subscription:
    return webpush.Subscription(endpoint=row.endpoint, p256dh=row.p256dh, auth=row.auth)


def push_to(rows: Iterable[PushEndpoint], payload: Mapping[str, object], *, urgent: bool) -> int:
    """Send `payload` (ids only) to each row; returns how many the push services accepted.
    A subscription the service has forgotten is deleted; a failure is left for the next."""
    delivered = 0
    for row in rows:
        result = webpush.send(as_subscription(row), payload, urgent=urgent)
        if result.ok:
            delivered += 1
            type(row)._default_manager.filter(pk=row.pk).update(last_delivered_at=timezone.now())
        elif result.gone:
            type(row)._default_manager.filter(pk=row.pk).delete()
    return delivered


def staff_subscriptions(user_id: int) -> QuerySet[StaffPushSubscription]:
    return StaffPushSubscription.objects.filter(user_id=user_id).order_by("id")


def subscription_save[E: PushEndpoint](
    model: type[E], *, owner: Mapping[str, object], endpoint: str, p256dh: str, auth: str,
    user: User | None = None,
) -> E:  # fmt: skip
    """The one way a browser subscribes, staff's or a phone's: checked (webpush.checked),
    keyed by its endpoint (the latest owner to present it owns it), audited when it is new
    or changes owner; a browser renewing its own subscription adds nothing to the trail."""
    checked = webpush.checked(endpoint, p256dh, auth)
    with transaction.atomic():
        before = model._default_manager.filter(endpoint=checked.endpoint).first()
        row, created = model._default_manager.update_or_create(
            endpoint=checked.endpoint,
            defaults={**owner, "p256dh": checked.p256dh, "auth": checked.auth,
                      "created_at": timezone.now()},
        )  # fmt: skip
        moved = before is not None and any(
            getattr(before, f"{name}_id") != getattr(value, "pk", value)
            for name, value in owner.items()
        )
        if created or moved:
            action = Action.CREATE if created else Action.UPDATE
            audit_record(actor=None, user=user, action=action, target=row, reason="web push")
    return row


def subscriptions_delete(rows: QuerySet[Any], *, user: User | None = None) -> None:
    with transaction.atomic():
        for row in rows:
            audit_record(actor=None, user=user, action=Action.DELETE, target=row,
                         reason="web push")  # fmt: skip
            row.delete()


def staff_push_subscribe(*, user: User, endpoint: str, p256dh: str, auth: str) -> None:
    """This browser wakes `user` for urgent notifications from now on."""
    subscription_save(StaffPushSubscription, owner={"user": user}, endpoint=endpoint,
                      p256dh=p256dh, auth=auth, user=user)  # fmt: skip


def staff_push_unsubscribe(*, user: User, endpoint: str) -> None:
    subscriptions_delete(StaffPushSubscription.objects.filter(user=user, endpoint=endpoint),
                         user=user)  # fmt: skip
