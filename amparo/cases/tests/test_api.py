import json
from typing import Any

from django.test import Client

from amparo.audit.models import AccessRecord
from amparo.cases.models import Case, CaseEvent, CaseStatus, CaseTransfer
from amparo.cases.tests.factories import actor_for, open_case_as, person_in, subtype

BASE = "/api/v1/cases"


def _post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_the_api_needs_a_signed_in_user(alice) -> None:  # type: ignore[no-untyped-def]
    assert Client().get(BASE).status_code == 401


def test_the_list_is_scoped_and_paginated(as_user, alice, bob) -> None:  # type: ignore[no-untyped-def]
    mine = open_case_as(alice, flags={"is_minor": True})
    open_case_as(alice)
    open_case_as(bob)
    client = as_user(alice)
    body = client.get(BASE).json()
    assert body["count"] == 2
    assert {item["office_code"] for item in body["items"]} == {"TA"}
    filtered = client.get(BASE, {"flags": "is_minor"}).json()
    assert [item["folio"] for item in filtered["items"]] == [mine.folio]
    assert filtered["items"][0]["flags"] == ["is_minor"]


def test_creating_a_case_through_the_api(as_user, alice, network) -> None:  # type: ignore[no-untyped-def]
    person = person_in(network.consulate_a)
    response = _post(
        as_user(alice),
        BASE,
        {
            "beneficiary_id": person.pk,
            "subtype_id": subtype().pk,
            "channel": "ciam",
            "priority": "urgent",
            "flags": ["is_detained"],
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["folio"].startswith("TA-")
    assert data["priority"] == "urgent"
    assert data["materia"] == "MIGRATORIO"
    assert Case.objects.get().is_detained


def test_creating_with_bad_input_is_422_and_writes_nothing(as_user, alice, network) -> None:  # type: ignore[no-untyped-def]
    person = person_in(network.consulate_a)
    client = as_user(alice)
    for payload in (
        {"beneficiary_id": person.pk, "subtype_id": subtype().pk, "channel": "pigeon"},
        {"beneficiary_id": person.pk, "subtype_id": 999_999, "channel": "ciam"},
        {
            "beneficiary_id": person.pk,
            "subtype_id": subtype().pk,
            "channel": "ciam",
            "flags": ["x"],
        },
        {
            "beneficiary_id": person.pk,
            "subtype_id": subtype().pk,
            "channel": "ciam",
            "priority": "?",
        },
    ):
        response = _post(client, BASE, payload)
        assert response.status_code == 422, payload
        assert response.json()["detail"]
    assert not Case.objects.exists()


def test_creating_for_a_hidden_person_is_404(as_user, alice, network) -> None:  # type: ignore[no-untyped-def]
    person = person_in(network.consulate_b)
    response = _post(
        as_user(alice),
        BASE,
        {"beneficiary_id": person.pk, "subtype_id": subtype().pk, "channel": "ciam"},
    )
    assert response.status_code == 404
    assert not Case.objects.exists()


def test_another_office_gets_404_everywhere(as_user, alice, bob) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    client = as_user(bob)
    assert client.get(f"{BASE}/{case.pk}").status_code == 404
    assert client.get(f"{BASE}/{case.pk}/timeline").status_code == 404
    assert _post(client, f"{BASE}/{case.pk}/notes", {"text": "x"}).status_code == 404
    assert _post(client, f"{BASE}/{case.pk}/status", {"status": "in_progress"}).status_code == 404
    assert case.events.count() == 1


def test_an_invalid_transition_is_422_with_a_detail(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    client = as_user(alice)
    response = _post(client, f"{BASE}/{case.pk}/status", {"status": "concluded"})
    assert response.status_code == 422
    assert "motivo de cierre" in response.json()["detail"]
    response = _post(client, f"{BASE}/{case.pk}/status", {"status": "open"})
    assert response.status_code == 422
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert CaseEvent.objects.filter(case=case).count() == 1


def test_status_notes_actions_and_timeline(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    client = as_user(alice)
    response = _post(client, f"{BASE}/{case.pk}/status", {"status": "in_progress"})
    assert response.json()["status"] == "in_progress"
    assert _post(client, f"{BASE}/{case.pk}/notes", {"text": "Nota"}).status_code == 201
    action = _post(
        client,
        f"{BASE}/{case.pk}/actions",
        {
            "kind": "letter",
            "occurred_on": actor_for(alice).office.local_today().isoformat(),
            "summary": "Oficio",
        },  # the office's day: from 00:00 to 06:00 UTC it is not UTC's
    )
    assert action.status_code == 201
    assert action.json()["kind"] == "action"
    assert _post(client, f"{BASE}/{case.pk}/notes", {"text": " "}).status_code == 422
    timeline = client.get(f"{BASE}/{case.pk}/timeline").json()
    assert [event["kind"] for event in timeline] == ["action", "note", "status_changed", "opened"]
    assert client.get(f"{BASE}/{case.pk}").json()["folio"] == case.folio
    assert AccessRecord.objects.filter(user=alice, action="view", target_id=str(case.pk)).exists()


def test_transfers_move_visibility_through_the_api(as_user, alice, bob) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    alice_client, bob_client = as_user(alice), as_user(bob)
    response = _post(
        alice_client, f"{BASE}/{case.pk}/transfers", {"to_office_code": "TB", "reason": "Fresno"}
    )
    assert response.status_code == 201
    transfer_id = response.json()["id"]
    again = _post(
        alice_client, f"{BASE}/{case.pk}/transfers", {"to_office_code": "TB", "reason": "x"}
    )
    assert again.status_code == 422
    assert _post(alice_client, f"{BASE}/transfers/{transfer_id}/accept", {}).status_code == 404
    incoming = bob_client.get(f"{BASE}/transfers/incoming").json()
    assert [(t["folio"], t["reason"]) for t in incoming] == [(case.folio, "Fresno")]
    assert "beneficiary_name" not in incoming[0]
    accepted = _post(bob_client, f"{BASE}/transfers/{transfer_id}/accept", {})
    assert accepted.status_code == 200
    assert accepted.json()["office_code"] == "TB"
    assert bob_client.get(f"{BASE}/{case.pk}").status_code == 200
    assert alice_client.get(f"{BASE}/{case.pk}").status_code == 404


def test_refusing_through_the_api_needs_a_reason(as_user, alice, bob) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    transfer_id = _post(
        as_user(alice), f"{BASE}/{case.pk}/transfers", {"to_office_code": "TB", "reason": "x"}
    ).json()["id"]
    client = as_user(bob)
    assert (
        _post(client, f"{BASE}/transfers/{transfer_id}/refuse", {"reason": ""}).status_code == 422
    )
    response = _post(client, f"{BASE}/transfers/{transfer_id}/refuse", {"reason": "No"})
    assert response.json()["status"] == "refused"
    assert CaseTransfer.objects.get().status == "refused"


def test_a_list_item_says_what_the_case_itself_says(as_user, alice, carla) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice, assigned_to=carla, flags={"is_detained": True})
    client = as_user(alice)
    [item] = client.get(BASE).json()["items"]
    detail = client.get(f"{BASE}/{case.pk}").json()
    assert item == {key: detail[key] for key in item}
    assert item["priority"] == detail["priority"] and item["assigned_to_id"] == carla.pk
