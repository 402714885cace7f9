"""Web Push for staff: a browser subscribes, urgent notifications wake it through a push
service (a real HTTP one on 127.0.0.1), the payload decrypts to the notification's id and
nothing else, and a subscription the service has forgotten is deleted."""

import base64
import json

import pytest
from django.core.exceptions import ValidationError
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks, Settings

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord
from amparo.conftest import Network
from amparo.notifications import webpush
from amparo.notifications.models import DeliveryStatus, StaffPushSubscription
from amparo.notifications.services import notify_office_on_duty
from amparo.notifications.services.push import staff_push_subscribe, staff_push_unsubscribe
from amparo.notifications.tests.factories import shift_now
from amparo.notifications.tests.push_service import BrowserKeys, FakePushService

SECRET_NAME = "Bexleyquiñones"


def _subscribe(user: User, service: FakePushService, name: str) -> BrowserKeys:
    keys = BrowserKeys()
    staff_push_subscribe(user=user, endpoint=service.endpoint(name), p256dh=keys.p256dh,
                         auth=keys.auth)  # fmt: skip
    return keys


def _jwt_claims(authorization: str) -> dict[str, object]:
    token = authorization.split("t=")[1].split(",", maxsplit=1)[0]
    body = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def test_an_urgent_notification_wakes_the_officers_browser_with_an_id_only(
    alice: User,
    network: Network,
    push_service: FakePushService,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    shift_now(network.consulate_a, alice)
    keys = _subscribe(alice, push_service, "alice")
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify_office_on_duty(
            office=network.consulate_a, subject="Alerta n.º 7", body=SECRET_NAME, related=None
        )
    push = notification.deliveries.get(channel="push")
    assert push.status == DeliveryStatus.SENT
    [message] = push_service.to("alice")
    assert keys.read(message) == {"notification": notification.pk}
    assert SECRET_NAME.encode() not in message.body
    assert message.headers["content-encoding"] == "aes128gcm"
    assert message.headers["urgency"] == "high"
    vapid = message.headers["authorization"]
    assert f"k={webpush.application_server_key()}" in vapid
    claims = _jwt_claims(vapid)
    assert claims["aud"] == "http://127.0.0.1:" + str(push_service.server.server_port)
    assert str(claims["sub"]).startswith("mailto:")
    assert StaffPushSubscription.objects.get().last_delivered_at is not None


def test_a_forgotten_subscription_is_deleted_and_the_delivery_fails_for_good(
    alice: User,
    network: Network,
    push_service: FakePushService,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    shift_now(network.consulate_a, alice)
    _subscribe(alice, push_service, "old")
    push_service.gone.add("/push/old")
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify_office_on_duty(
            office=network.consulate_a, subject="Alerta n.º 8", body="", related=None
        )
    assert not StaffPushSubscription.objects.exists()
    assert notification.deliveries.get(channel="push").status != DeliveryStatus.SENT
    assert notification.deliveries.get(channel="inapp").status == DeliveryStatus.SENT


def test_without_a_subscription_there_is_no_push_delivery(
    alice: User,
    network: Network,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    shift_now(network.consulate_a, alice)
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify_office_on_duty(
            office=network.consulate_a, subject="Alerta n.º 9", body="", related=None
        )
    assert not notification.deliveries.filter(channel="push").exists()


def test_an_endpoint_belongs_to_the_last_person_who_subscribed_it(
    alice: User, carla: User, push_service: FakePushService
) -> None:
    _subscribe(alice, push_service, "shared")
    _subscribe(carla, push_service, "shared")
    assert StaffPushSubscription.objects.get().user == carla
    staff_push_unsubscribe(user=alice, endpoint=push_service.endpoint("shared"))
    assert StaffPushSubscription.objects.exists()  # not alice's any more
    staff_push_unsubscribe(user=carla, endpoint=push_service.endpoint("shared"))
    assert not StaffPushSubscription.objects.exists()
    assert (
        AccessRecord.objects.filter(target_type="notifications.staffpushsubscription").count() == 3
    )


@pytest.mark.parametrize(
    ("endpoint", "p256dh", "auth", "field"),
    [
        ("https://attacker.example/collect", None, None, "endpoint"),
        ("ftp://127.0.0.1/push/x", None, None, "endpoint"),
        ("http://10.0.0.1/push/x", None, None, "endpoint"),
        (None, "c2hvcnQ", None, "keys"),
        (None, None, "bm90LTE2LWJ5dGVz", "keys"),
    ],
)
def test_a_bad_subscription_is_refused_with_its_reason(
    alice: User, settings: Settings, endpoint: str | None, p256dh: str | None, auth: str | None,
    field: str,
) -> None:  # fmt: skip
    settings.AMPARO_PUSH_SERVICE_HOSTS = ["127.0.0.1", "fcm.googleapis.com"]
    keys = BrowserKeys()
    with pytest.raises(ValidationError) as refused:
        staff_push_subscribe(user=alice, endpoint=endpoint or "http://127.0.0.1:9/push/a",
                             p256dh=p256dh or keys.p256dh, auth=auth or keys.auth)  # fmt: skip
    assert field in refused.value.message_dict
    assert not StaffPushSubscription.objects.exists()


def test_real_push_services_are_admitted_by_default(alice: User) -> None:
    keys = BrowserKeys()
    for endpoint in ("https://fcm.googleapis.com/fcm/send/abc",
                     "https://wns2-by3p.notify.windows.com/w/?token=x",
                     "https://web.push.apple.com/QGx"):  # fmt: skip
        staff_push_subscribe(user=alice, endpoint=endpoint, p256dh=keys.p256dh, auth=keys.auth)
    assert StaffPushSubscription.objects.count() == 3


def test_the_development_key_is_stable_and_a_configured_key_is_used(settings: Settings) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    derived = webpush.application_server_key()
    webpush._private_key.cache_clear()
    assert webpush.application_server_key() == derived
    key = ec.generate_private_key(ec.SECP256R1())
    settings.AMPARO_VAPID_PRIVATE_KEY = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()  # fmt: skip
    webpush._private_key.cache_clear()
    try:
        assert webpush.application_server_key() != derived
        assert len(base64.urlsafe_b64decode(webpush.application_server_key() + "=")) == 65
    finally:
        settings.AMPARO_VAPID_PRIVATE_KEY = ""
        webpush._private_key.cache_clear()
