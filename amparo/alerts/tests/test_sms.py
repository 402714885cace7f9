"""The last resort when the network fails: an SMS to the CIAM with the alert's signed code
becomes the same alert the phone's outbox holds, once, whichever arrives first; a code
that is forged, altered, stale or from a revoked phone is refused."""

import json
import time
import uuid
from datetime import timedelta

import pytest

from amparo.alerts import sms_code
from amparo.alerts.models import Alert, Device
from amparo.alerts.tests.conftest import AUSTIN, NOW, Enrolled, raise_alert, worker_runs
from amparo.hotline.signatures import signature_for

SECRET = "sms-webhook-secret"


@pytest.fixture(autouse=True)
def configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMPARO_TELEPHONY_SECRET", SECRET)


def code_for(device: Device, client_id: uuid.UUID, *, position: bool = True) -> str:
    sent = sms_code.SmsAlert(
        device_id=device.pk, client_id=client_id, raised_at=NOW - timedelta(seconds=30),
        latitude=AUSTIN[0] if position else None, longitude=AUSTIN[1] if position else None,
        accuracy_m=40,
    )  # fmt: skip
    return sms_code.encode(sent, device.credential_hash)


def deliver(client, text: str, *, secret: str = SECRET) -> object:  # type: ignore[no-untyped-def]
    body = json.dumps({"sender": "+15125550100", "body": text}).encode()
    stamp = str(int(time.time()))
    return client.post("/api/v1/alerts/sms", body, content_type="application/json",
                       HTTP_X_AMPARO_TIMESTAMP=stamp,
                       HTTP_X_AMPARO_SIGNATURE=signature_for(secret, stamp, body))  # fmt: skip


def test_an_sms_code_becomes_the_alert_and_the_outbox_replay_is_the_same(
    client,
    enrolled: Enrolled,  # type: ignore[no-untyped-def]
) -> None:
    client_id = uuid.uuid4()
    code = code_for(Device.objects.get(), client_id)
    assert len(f"ALERTA {code}") < 70  # one SMS, even in UCS-2
    answer = deliver(client, f"ALERTA {code}")
    assert answer.status_code == 201 and answer.json()["created"]  # type: ignore[attr-defined]
    worker_runs()
    alert = Alert.objects.get()
    assert alert.client_id == client_id and alert.routed_by == "point" and alert.case is not None
    assert round(alert.fix["lat"], 2) == AUSTIN[0]  # type: ignore[index]
    replay = raise_alert(enrolled.phone, client_id=str(client_id))  # the outbox, later
    assert replay.status_code == 200 and Alert.objects.count() == 1
    assert deliver(client, f"ALERTA {code}").status_code == 200  # type: ignore[attr-defined]


def test_an_sms_after_the_network_alert_adds_nothing(client, enrolled: Enrolled) -> None:  # type: ignore[no-untyped-def]
    client_id = uuid.uuid4()
    raise_alert(enrolled.phone, client_id=str(client_id))
    code = code_for(Device.objects.get(), client_id, position=False)
    answer = deliver(client, f"ALERTA {code}")
    assert answer.status_code == 200 and not answer.json()["created"]  # type: ignore[attr-defined]
    assert Alert.objects.count() == 1


def test_forged_altered_or_revoked_codes_and_bad_signatures_are_refused(
    client,
    enrolled: Enrolled,  # type: ignore[no-untyped-def]
) -> None:
    device = Device.objects.get()
    code = code_for(device, uuid.uuid4())
    altered = code[:-3] + ("AAA" if not code.endswith("AAA") else "BBB")
    for text in (f"ALERTA {altered}", "ALERTA A1.nada", "hola", f"ALERTA {code[:20]}"):
        assert deliver(client, text).status_code == 422, text  # type: ignore[attr-defined]
    assert deliver(client, f"ALERTA {code}", secret="wrong").status_code == 401  # type: ignore[attr-defined]
    Device.objects.update(revoked_at=NOW)
    assert deliver(client, f"ALERTA {code}").status_code == 422  # type: ignore[attr-defined]
    assert not Alert.objects.exists()


def test_without_a_secret_the_webhook_is_closed(client, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("AMPARO_TELEPHONY_SECRET")
    assert deliver(client, "ALERTA A1.x").status_code == 403  # type: ignore[attr-defined]
