"""Web Push to the registrant's phones: each change the phone would show ("received", "seen
by your consulate", "help on the way") wakes it with the app closed. The payload is the
alert's id on the phone and nothing else; the service worker asks the API (with the phone's
credential) what it means. SMS still carries the news: iOS delivers push only to an app on
the home screen, and drops subscriptions quietly."""

from django.db import transaction
from django.tasks import task

from amparo.alerts.models import Alert, Device, DevicePushSubscription
from amparo.notifications.services.push import push_to, subscription_save, subscriptions_delete


def device_push_subscribe(*, device: Device, endpoint: str, p256dh: str, auth: str) -> None:
    """The phone renews its subscription on every start; the endpoint is its key."""
    subscription_save(DevicePushSubscription, owner={"device": device}, endpoint=endpoint,
                      p256dh=p256dh, auth=auth)  # fmt: skip


def device_push_unsubscribe(*, device: Device) -> None:
    subscriptions_delete(DevicePushSubscription.objects.filter(device=device))


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
