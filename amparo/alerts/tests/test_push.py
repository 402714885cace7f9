"""Web Push to the registrant's phone: the phone subscribes with its credential; each piece
of news ("received", "seen", "help on the way") is pushed through a real push service on
127.0.0.1 carrying the alert's id and nothing else; a duress "safe" or a revoked phone gets
nothing more."""

import pytest
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks

from amparo.alerts import push
from amparo.alerts.models import Alert, DevicePushSubscription
from amparo.alerts.tests.conftest import Enrolled, raise_alert
from amparo.notifications import webpush
from amparo.notifications.tests.push_service import BrowserKeys, FakePushService

API = "/api/v1/alerts/device"


def _subscribe(enrolled: Enrolled, service: FakePushService, keys: BrowserKeys) -> int:
    response = enrolled.phone.put(
        f"{API}/push-subscription",
        {"endpoint": service.endpoint("phone"), "expirationTime": None,
         "keys": {"p256dh": keys.p256dh, "auth": keys.auth}},
        content_type="application/json",
    )  # fmt: skip
    return response.status_code


def test_the_phone_is_told_of_its_alert_by_id_only(
    enrolled: Enrolled,
    push_service: FakePushService,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    keys = BrowserKeys()
    assert enrolled.phone.get(f"{API}/me").json()["push_key"] == webpush.application_server_key()
    assert _subscribe(enrolled, push_service, keys) == 204
    assert _subscribe(enrolled, push_service, keys) == 204  # renewed on every start: one row
    assert DevicePushSubscription.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert raise_alert(enrolled.phone).status_code == 201
    alert = Alert.objects.get()
    queued = DBTaskResult.objects.filter(task_path="amparo.alerts.push.push_alert_news")
    assert [task.args_kwargs["args"] for task in queued] == [[alert.pk]]
    assert push.push_alert_news.call(alert.pk) == 1
    [message] = push_service.to("phone")
    assert keys.read(message) == {"alert": str(alert.client_id)}
    assert message.headers["urgency"] == "high"


def test_after_a_duress_safe_the_phone_hears_nothing_more(
    enrolled: Enrolled, push_service: FakePushService
) -> None:
    _subscribe(enrolled, push_service, BrowserKeys())
    body = raise_alert(enrolled.phone).json()
    enrolled.phone.post(f"{API}/alerts/{body['client_id']}/safe", {"pin": "1357"},
                        content_type="application/json")  # fmt: skip
    alert = Alert.objects.get()
    assert alert.duress and alert.is_active
    assert push.push_alert_news.call(alert.pk) == 0
    assert push_service.received == []


def test_a_revoked_phone_is_not_pushed_and_a_forgotten_subscription_goes(
    enrolled: Enrolled, push_service: FakePushService
) -> None:
    _subscribe(enrolled, push_service, BrowserKeys())
    raise_alert(enrolled.phone)
    alert = Alert.objects.get()
    push_service.gone.add("/push/phone")
    assert push.push_alert_news.call(alert.pk) == 0
    assert not DevicePushSubscription.objects.exists()
    _subscribe(enrolled, push_service, BrowserKeys())
    enrolled.registrant.devices.update(revoked_at=alert.received_at)
    push_service.gone.clear()
    assert push.push_alert_news.call(alert.pk) == 0
    assert len(push_service.received) == 1  # only the 410 above


@pytest.mark.parametrize(
    "subscription",
    [
        {"endpoint": "https://attacker.example/x", "keys": {"p256dh": "A", "auth": "B"}},
        {"endpoint": "http://127.0.0.1:9/push/x", "keys": {"p256dh": "c2hvcnQ", "auth": "QUFB"}},
        {"endpoint": "http://127.0.0.1:9/push/x"},
    ],
)
def test_a_bad_subscription_is_refused_and_nothing_is_kept(
    enrolled: Enrolled, push_service: FakePushService, subscription: dict[str, object]
) -> None:
    response = enrolled.phone.put(f"{API}/push-subscription", subscription,
                                  content_type="application/json")  # fmt: skip
    assert response.status_code == 422
    assert not DevicePushSubscription.objects.exists()


def test_the_phone_can_stop_push(enrolled: Enrolled, push_service: FakePushService) -> None:
    _subscribe(enrolled, push_service, BrowserKeys())
    assert enrolled.phone.delete(f"{API}/push-subscription").status_code == 204
    assert not DevicePushSubscription.objects.exists()
