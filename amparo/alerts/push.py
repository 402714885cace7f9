"""Web Push to the registrant's phones: each change the phone would show ("received", "seen
by your consulate", "help on the way") wakes it with the app closed. The payload is the
alert's id on the phone and nothing else; the service worker asks the API (with the phone's
credential) what it means. SMS still carries the news: iOS delivers push only to an app on
the home screen, and drops subscriptions quietly."""

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from amparo.alerts.models import Alert, Device, DevicePushSubscription
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.notifications import webpush
from amparo.notifications.services.push import push_to


def device_push_subscribe(*, device: Device, endpoint: str, p256dh: str, auth: str) -> None:
    """The phone renews its subscription on every start; the endpoint is its key."""
    checked = webpush.checked(endpoint, p256dh, auth)
    with transaction.atomic():
        row, created = DevicePushSubscription.objects.update_or_create(
            endpoint=checked.endpoint,
            defaults={"device": device, "p256dh": checked.p256dh, "auth": checked.auth,
                      "created_at": timezone.now()},
        )  # fmt: skip
        if created:
            audit_record(actor=None, action=Action.CREATE, target=row, reason="web push")


def device_push_unsubscribe(*, device: Device) -> None:
    with transaction.atomic():
        for row in DevicePushSubscription.objects.filter(device=device):
            audit_record(actor=None, action=Action.DELETE, target=row, reason="web push")
            row.delete()


@task()
def push_alert_news(alert_id: int) -> int:
    alert = Alert.objects.filter(pk=alert_id).select_related("registrant").first()
    if alert is None or alert.shown_closed:  # a duress "safe": the phone hears nothing more
        return 0
    rows = DevicePushSubscription.objects.filter(
        device__registrant=alert.registrant, device__revoked_at=None
    ).order_by("id")
    return push_to(rows, {"alert": str(alert.client_id)}, urgent=True)


def announce(alert: Alert) -> None:
    """Push after commit: a rolled-back change wakes no phone."""
    transaction.on_commit(lambda: push_alert_news.enqueue(alert.pk), robust=True)
