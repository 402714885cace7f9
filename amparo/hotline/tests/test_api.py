import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action
from amparo.cases.tests.factories import subtype
from amparo.conftest import Network
from amparo.hotline.models import Call, Escalation, OperatorExtension, TelephonyEvent
from amparo.hotline.signatures import signature_for
from amparo.hotline.tests.conftest import TELEPHONY_SECRET, log_call, on_duty
from amparo.notifications.models import Notification

pytestmark = pytest.mark.django_db

API = "/api/v1/hotline"


def post_json(client: Client, path: str, payload: object) -> Any:
    return client.post(API + path, json.dumps(payload), content_type="application/json")


def test_an_operator_logs_a_call_and_bad_input_gets_a_detail(
    as_user,
    olga: User,  # type: ignore[no-untyped-def]
) -> None:
    client: Client = as_user(olga)

    created = post_json(
        client,
        "/calls",
        {"topic": "fraud", "outcome": "information", "caller_phone": "520 555 0142"},
    )
    bad = post_json(
        client, "/calls", {"topic": "fraud", "outcome": "information", "caller_phone": "12"}
    )
    unknown_topic = post_json(client, "/calls", {"topic": "nope", "outcome": "information"})

    assert created.status_code == 201, created.content
    assert created.json()["caller_phone"] == "+15205550142"
    assert bad.status_code == 422 and "detail" in bad.json()
    assert unknown_topic.status_code == 422 and unknown_topic.json()["detail"]
    assert Call.objects.count() == 1


def test_a_consulate_cannot_log_calls_or_read_them(
    as_user,
    olga: User,
    alice: User,  # type: ignore[no-untyped-def]
) -> None:
    call = log_call(olga)
    client: Client = as_user(alice)

    assert (
        post_json(client, "/calls", {"topic": "fraud", "outcome": "information"}).status_code == 403
    )
    assert client.get(f"{API}/calls/{call.pk}").status_code == 404
    assert client.get(f"{API}/calls").status_code == 403
    assert as_user(olga).get(f"{API}/calls/{call.pk}").status_code == 200


def test_history_lookup_needs_a_phone_or_a_name(
    as_user,
    olga: User,  # type: ignore[no-untyped-def]
) -> None:
    log_call(olga, caller_phone="+15205550142")
    client: Client = as_user(olga)

    found = client.get(f"{API}/history", {"phone": "520-555-0142"})
    assert found.status_code == 200
    assert len(found.json()["calls"]) == 1
    assert client.get(f"{API}/history").status_code == 422
    assert client.get(f"{API}/history", {"phone": "abc"}).status_code == 422


def test_escalate_urgently_then_the_receiving_office_acknowledges(
    as_user,
    olga: User,
    alice: User,
    bob: User,
    network: Network,
    areas: dict,  # type: ignore[no-untyped-def]
) -> None:
    on_duty(bob, network.consulate_b)
    call = log_call(olga, origin_state="TX", zip_code="93721")  # a Fresno ZIP wins over TX
    operator: Client = as_user(olga)

    response = post_json(
        operator,
        f"/calls/{call.pk}/escalate",
        {
            "subtype_id": subtype().pk,
            "given_names": "Rosa",
            "first_surname": "Quintanilla",
            "urgency": "missing_at_border",
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["office_code"] == "TB" and body["routed_by"] == "zip" and body["urgent"]
    assert Notification.objects.filter(recipient=bob, requires_ack=True).count() == 1
    pending = as_user(bob).get(f"{API}/escalations", {"pending": True}).json()
    assert [e["case_folio"] for e in pending] == [body["case_folio"]]
    assert pending[0]["call_id"] is None  # the consulate does not get the CIAM's call
    assert as_user(alice).get(f"{API}/escalations").json() == []
    url = f"{API}/escalations/{body['id']}/acknowledge"
    assert as_user(alice).post(url).status_code == 404
    acknowledged = as_user(bob).post(url)
    assert acknowledged.status_code == 200
    assert acknowledged.json()["acknowledged_by"] == "bob"
    assert as_user(bob).get(f"{API}/escalations", {"pending": True}).json() == []


def test_escalating_with_an_unknown_subtype_is_a_422(
    as_user,
    olga: User,
    areas: dict,  # type: ignore[no-untyped-def]
) -> None:
    call = log_call(olga, origin_state="CA", county="Fresno")
    response = post_json(
        as_user(olga),
        f"/calls/{call.pk}/escalate",
        {"subtype_id": 999999, "given_names": "A", "first_surname": "B"},
    )
    assert response.status_code == 422
    assert Escalation.objects.count() == 0


def test_callbacks_are_scheduled_listed_and_attempted(
    as_user,
    olga: User,
    alice: User,  # type: ignore[no-untyped-def]
) -> None:
    call = log_call(olga)
    client: Client = as_user(olga)
    due = (timezone.now() + timedelta(hours=1)).isoformat()

    created = post_json(client, f"/calls/{call.pk}/callbacks", {"due_at": due})
    assert created.status_code == 201
    callback_id = created.json()["id"]
    assert [c["id"] for c in client.get(f"{API}/callbacks").json()] == [callback_id]
    attempt = post_json(client, f"/callbacks/{callback_id}/attempts", {"outcome": "reached"})
    assert attempt.json()["status"] == "done"
    assert (
        post_json(
            as_user(alice), f"/callbacks/{callback_id}/attempts", {"outcome": "reached"}
        ).status_code
        == 404
    )
    bad = post_json(client, f"/calls/{call.pk}/callbacks", {"due_at": "2001-01-01T00:00:00Z"})
    assert bad.status_code == 422


@pytest.mark.usefixtures("midday_at_the_ciam")
def test_reports_and_their_csv_are_for_supervisors(
    as_user,
    olga: User,
    ana: User,  # type: ignore[no-untyped-def]
    network: Network,
) -> None:
    log_call(olga, topic="fraud")
    today = network.ciam.local_today().isoformat()  # the report counts the CIAM's local day
    query = {"date_from": today, "date_to": today, "office_code": "TCIAM"}

    assert as_user(olga).get(f"{API}/reports", query).status_code == 403
    report = as_user(ana).get(f"{API}/reports", query)
    assert report.status_code == 200
    assert report.json()["sections"]["topic"][0] == {"key": "fraud", "label": "Fraude", "count": 1}
    csv = as_user(ana).get(f"{API}/reports/csv", query)
    assert csv.status_code == 200 and b"fraud" in csv.content
    assert AccessRecord.objects.filter(username="ana", action=Action.EXPORT).exists()
    backwards = dict(query, date_from="2026-12-31", date_to="2026-01-01")
    assert as_user(ana).get(f"{API}/reports", backwards).status_code == 422


def test_every_hotline_operation_is_in_the_openapi_schema(
    as_user,
    olga: User,  # type: ignore[no-untyped-def]
) -> None:
    schema = as_user(olga).get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    for path in (
        "/calls",
        "/calls/{call_id}",
        "/history",
        "/calls/{call_id}/escalate",
        "/escalations",
        "/escalations/{escalation_id}/acknowledge",
        "/calls/{call_id}/callbacks",
        "/callbacks",
        "/callbacks/{callback_id}/attempts",
        "/shifts",
        "/shifts/{kind}",
        "/supervision/live",
        "/reports",
        "/reports/csv",
        "/telephony/pending",
        "/telephony/events",
    ):
        assert f"/api/v1/hotline{path}" in paths


# --- Telephony webhook ---------------------------------------------------------------------


@pytest.fixture
def secret(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("AMPARO_TELEPHONY_SECRET", TELEPHONY_SECRET)
    return TELEPHONY_SECRET


def event_body(**overrides: object) -> bytes:
    payload: dict[str, object] = {
        "event": "call.started",
        "call_id": "prov-0001",
        "caller_number": "+1 520 555 0142",
        "operator": "olga",
        "occurred_at": datetime.now(UTC).isoformat(),
    }
    payload.update(overrides)
    return json.dumps(payload).encode()


def send(body: bytes, *, secret: str = TELEPHONY_SECRET, age: int = 0, signature: str = "") -> Any:
    timestamp = str(int(time.time()) - age)
    return Client().post(
        f"{API}/telephony/events",
        body,
        content_type="application/json",
        headers={
            "X-Amparo-Timestamp": timestamp,
            "X-Amparo-Signature": signature or signature_for(secret, timestamp, body),
        },
    )


def test_a_signed_event_is_stored_for_the_operator(secret: str, olga: User) -> None:
    response = send(event_body())

    assert response.status_code == 201, response.content
    event = TelephonyEvent.objects.get()
    assert (event.operator, event.caller_phone, event.call_id) == (
        olga,
        "+15205550142",
        "prov-0001",
    )


def test_the_operator_may_be_named_by_extension(secret: str, olga: User) -> None:
    OperatorExtension.objects.create(user=olga, extension="4021")
    send(event_body(operator="4021"))
    assert TelephonyEvent.objects.get().operator == olga


def test_a_bad_signature_is_refused(secret: str, olga: User) -> None:
    assert send(event_body(), secret="wrong").status_code == 401
    assert send(event_body(), signature="sha256=00").status_code == 401
    assert TelephonyEvent.objects.count() == 0


def test_a_replayed_old_request_is_refused(secret: str, olga: User) -> None:
    assert send(event_body(), age=301).status_code == 401
    assert TelephonyEvent.objects.count() == 0


def test_the_same_event_twice_changes_nothing_and_answers_200(secret: str, olga: User) -> None:
    body = event_body()
    assert send(body).status_code == 201

    again = send(body)

    assert again.status_code == 200
    assert again.json() == {"detail": "ok", "created": False}
    assert TelephonyEvent.objects.count() == 1
    conflicting = send(event_body(caller_number="+15205550100"))
    assert conflicting.status_code == 409
    assert TelephonyEvent.objects.get().caller_phone == "+15205550142"


def test_without_a_configured_secret_every_event_is_refused(
    monkeypatch: pytest.MonkeyPatch, olga: User
) -> None:
    monkeypatch.delenv("AMPARO_TELEPHONY_SECRET", raising=False)
    assert send(event_body(), secret="").status_code == 403
    assert send(event_body(), secret="anything").status_code == 403
    assert TelephonyEvent.objects.count() == 0


def test_malformed_events_get_a_400_with_detail(secret: str) -> None:
    response = send(b"not json")
    assert response.status_code == 400 and response.json()["detail"]
    assert send(event_body(event="call.exploded")).status_code == 422


def test_call_ended_closes_the_logged_call(secret: str, olga: User) -> None:
    started = timezone.now() - timedelta(minutes=6)
    send(event_body(occurred_at=started.isoformat()))
    call = log_call(olga, telephony_call_id="prov-0001", caller_phone="")
    assert call.started_at == started
    ended = timezone.now() - timedelta(minutes=1)

    send(event_body(event="call.ended", occurred_at=ended.isoformat()))

    call.refresh_from_db()
    assert call.ended_at == ended
    assert call.caller_phone == "+15205550142"


def test_acknowledging_the_urgent_notice_from_the_inbox_acknowledges_the_escalation(
    as_user,
    olga: User,
    bob: User,
    network: Network,
    areas: dict,  # type: ignore[no-untyped-def]
) -> None:
    on_duty(bob, network.consulate_b)
    call = log_call(olga, origin_state="CA", county="Fresno")
    escalated = post_json(
        as_user(olga),
        f"/calls/{call.pk}/escalate",
        {
            "subtype_id": subtype().pk,
            "given_names": "Rosa",
            "first_surname": "Quintanilla",
            "urgency": "imminent_detention",
        },
    ).json()
    notice = Notification.objects.get(recipient=bob, requires_ack=True)

    response = as_user(bob).post(f"/api/v1/notifications/{notice.pk}/acknowledge")

    assert response.status_code == 200, response.content
    pending = as_user(bob).get(f"{API}/escalations", {"pending": True}).json()
    assert pending == []
    acknowledged = as_user(bob).get(f"{API}/escalations").json()
    assert [(e["id"], e["acknowledged_by"]) for e in acknowledged] == [(escalated["id"], "bob")]
