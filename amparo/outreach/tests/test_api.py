"""The outreach API: the same services and rules as the pages, JSON errors."""

from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from amparo.accounts.models import User
from amparo.conftest import Network
from amparo.network.models import JurisdictionArea
from amparo.outreach.models import Event, EventStatus
from amparo.outreach.tests.conftest import NOW

pytestmark = pytest.mark.django_db
API = "/api/v1/outreach"

PLAN = {
    "kind": "open_door",
    "title": "Puertas abiertas con el cónsul",
    "starts_at": "2026-03-09T18:00:00-05:00",
    "ends_at": "2026-03-09T20:00:00-05:00",
    "modality": "hybrid",
    "venue": "Consulado",
    "state": "TX",
    "county": "Travis",
    "online_url": "https://example.org/vivo",
}


def test_plan_approve_record_and_report_through_the_api(
    network: Network,
    alice: User,
    carla: User,
    travis: JurisdictionArea,
    as_user: Callable[..., Client],
    clock: object,
) -> None:
    officer = as_user(alice)
    created = officer.post(f"{API}/events", PLAN, content_type="application/json")
    assert created.status_code == 201, created.content
    event_id = created.json()["id"]
    assert created.json()["county_area"] == "US-TX-TRAVIS"
    assert created.json()["public_code"] is None
    assert officer.post(f"{API}/events/{event_id}/approve").status_code == 403
    head = as_user(carla)
    approved = head.post(f"{API}/events/{event_id}/approve")
    assert approved.json()["status"] == EventStatus.PUBLISHED
    reach = {
        "headcount": [{"sex": "female", "age_band": "30_59", "count": 25}],
        "live_viewers": 300,
        "later_views": 0,
        "reach_definition": "",
    }
    with time_machine.travel(NOW + timedelta(days=7, hours=7), tick=False):
        head, officer = as_user(carla), as_user(alice)  # a week later: new sessions
        refused = head.put(f"{API}/events/{event_id}/reach", reach, content_type="application/json")
        assert refused.status_code == 422
        assert "alcance en línea" in refused.json()["detail"]
        reach["reach_definition"] = "Personas conectadas en vivo"
        recorded = officer.put(
            f"{API}/events/{event_id}/reach", reach, content_type="application/json"
        )
    assert recorded.status_code == 200, recorded.content
    assert recorded.json()["in_person"] == 25
    officer = as_user(alice)
    report = officer.get(f"{API}/reports?year=2026").json()
    assert report["rows"][0]["reach"] == 325
    assert report["protection"][0]["office_code"] == network.consulate_a.code
    listed = officer.get(f"{API}/events").json()
    assert [item["id"] for item in listed["items"]] == [event_id]


@pytest.mark.parametrize(
    "change",
    [
        {"ends_at": "2026-03-09T17:00:00-05:00"},
        {"starts_at": "2026-03-09T18:00:00"},
        {"kind": "no-such-kind"},
        {"capacity": -1},
        {"modality": "telepathy"},
    ],
)
def test_bad_plans_are_422_and_write_nothing(
    alice: User,
    travis: JurisdictionArea,
    as_user: Callable[..., Client],
    clock: object,
    change: dict[str, object],
) -> None:
    response = as_user(alice).post(
        f"{API}/events", {**PLAN, **change}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "detail" in response.json()
    assert not Event.objects.exists()


def test_outsiders_get_403_and_other_offices_events_are_404(
    published_event: Event,
    bob: User,
    olga: User,
    luis: User,
    aurora: User,
    as_user: Callable[..., Client],
) -> None:
    assert as_user(bob).get(f"{API}/events/{published_event.pk}").status_code == 404
    assert as_user(bob).get(f"{API}/events").json()["items"] == []
    for user in (olga, luis, aurora):
        assert as_user(user).get(f"{API}/events").status_code == 403


def test_import_dry_run_then_write(
    carla: User, travis: JurisdictionArea, as_user: Callable[..., Client], clock: object
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from amparo.outreach.imports import COLUMNS

    body = (
        ",".join(COLUMNS)
        + "\nx1,campaign_event,Evento,2026-02-01,10:00,11:00,in_person,Plaza,,TX,Travis,,,55,0,0,,0,0\n"
    )
    client = as_user(carla)
    dry = client.post(f"{API}/import", {"file": SimpleUploadedFile("e.csv", body.encode())})
    assert dry.json() == {"valid": 1, "skipped": 0, "created": 0, "errors": []}
    done = client.post(
        f"{API}/import", {"file": SimpleUploadedFile("e.csv", body.encode()), "dry_run": "false"}
    )
    assert done.json()["created"] == 1
    again = client.post(
        f"{API}/import", {"file": SimpleUploadedFile("e.csv", body.encode()), "dry_run": "false"}
    )
    assert (again.json()["created"], again.json()["skipped"]) == (0, 1)
    broken = client.post(
        f"{API}/import",
        {"file": SimpleUploadedFile("e.csv", (body + "x2,campaign_event\n").encode())},
    )
    assert broken.status_code == 422
    assert broken.json()["errors"][0]["line"] == 3
