"""The start page's work queues: each role sees its own work, never another office's."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from amparo.accounts.models import Role, User
from amparo.cases.models import CaseStatus, Priority
from amparo.cases.services.cases import case_change_status, case_record_notification
from amparo.cases.services.transfers import case_transfer_request
from amparo.cases.tests.factories import actor_for, open_case_as, subtype
from amparo.conftest import Network, _member
from amparo.dashboard.work import QUIET_AFTER, head_work, officer_work, operator_work
from amparo.hotline.models import Escalation
from amparo.hotline.services.escalations import call_escalate
from amparo.hotline.tests.conftest import areas, log_call  # noqa: F401 (fixture)

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
# Jurisdiction areas, so an escalation from Fresno routes to consulate B.
pytestmark = pytest.mark.usefixtures("areas")


@pytest.fixture(autouse=True)
def fixed_clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        yield


def escalate_to_b(olga: User) -> Escalation:
    call = log_call(olga, origin_state="CA", county="Fresno County")
    return call_escalate(
        actor=actor_for(olga),
        call=call,
        subtype=subtype(),
        given_names="Juan",
        first_surname="Pérez",
    )


def test_an_officer_sees_their_open_cases_most_urgent_first(
    alice: User, bob: User, carla: User
) -> None:
    normal = open_case_as(alice, assigned_to=alice)
    urgent = open_case_as(alice, assigned_to=alice, priority=Priority.URGENT)
    open_case_as(alice, assigned_to=carla)  # someone else's
    concluded = open_case_as(alice, assigned_to=alice)
    case_change_status(
        case=concluded, status=CaseStatus.CONCLUDED, closure_reason="favorable",
        actor=actor_for(alice),
    )  # fmt: skip
    open_case_as(bob, assigned_to=bob)  # another office

    work = officer_work(actor_for(alice))

    assert work.my_cases.items == [urgent, normal]
    assert work.my_cases.total == 2
    tallies = {tally.label: tally.count for tally in work.by_priority}
    assert tallies == {"Urgente": 1, "Alta": 0, "Normal": 1, "Baja": 0}


def test_detained_nationals_without_a_consular_notification_wait_in_the_queue(
    alice: User, bob: User
) -> None:
    waiting = open_case_as(alice, flags={"is_detained": True})
    notified = open_case_as(alice, flags={"is_detained": True})
    case_record_notification(
        case=notified, agency="ICE", arrested_at=NOW - timedelta(days=2),
        learned_at=NOW - timedelta(days=1), channel="phone", actor=actor_for(alice),
    )  # fmt: skip
    open_case_as(alice)  # not detained
    open_case_as(bob, flags={"is_detained": True})  # another office

    assert officer_work(actor_for(alice)).notifications_missing.items == [waiting]


def test_a_case_without_movement_for_two_weeks_is_due_for_follow_up(alice: User) -> None:
    with time_machine.travel(NOW - QUIET_AFTER - timedelta(hours=1), tick=False):
        quiet = open_case_as(alice, assigned_to=alice)
    with time_machine.travel(NOW - QUIET_AFTER + timedelta(hours=1), tick=False):
        open_case_as(alice, assigned_to=alice)  # moved 13 days 23 hours ago

    assert officer_work(actor_for(alice)).quiet_cases.items == [quiet]


def test_an_escalation_waits_in_the_receiving_office_only(
    olga: User, alice: User, bob: User
) -> None:
    escalation = escalate_to_b(olga)

    assert officer_work(actor_for(bob)).escalations.items == [escalation]
    assert officer_work(actor_for(alice)).escalations.items == []
    assert operator_work(actor_for(olga)).unacknowledged.items == [escalation]


def test_the_head_sees_the_office_workload_and_the_transfers_to_approve(
    alice: User, bob: User, carla: User, network: Network
) -> None:
    open_case_as(alice, assigned_to=alice)
    open_case_as(alice, assigned_to=alice)
    open_case_as(alice)
    incoming = open_case_as(bob)
    transfer = case_transfer_request(
        case=incoming, to_office=network.consulate_a,
        reason="Se mudó a Texas.", actor=actor_for(bob),
    )  # fmt: skip

    work = head_work(actor_for(carla))

    assert [(t.label, t.count) for t in work.by_officer] == [(alice.get_full_name(), 2)]
    assert work.unassigned == 1
    assert {t.label: t.count for t in work.by_status}["Abierto"] == 3
    assert work.transfers.items == [transfer]
    assert head_work(actor_for(bob)).transfers.items == []


def test_escalations_unacknowledged_after_an_hour_are_overdue_for_the_head(
    olga: User, bob: User, network: Network
) -> None:

    head_b = _member("head_b", network.consulate_b, Role.HEAD_OF_OFFICE)
    escalate_to_b(olga)
    assert head_work(actor_for(head_b)).overdue_escalations == 0
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        assert head_work(actor_for(head_b)).overdue_escalations == 1


def test_the_start_page_shows_each_role_its_queues(
    as_user, alice: User, bob: User, carla: User, olga: User
) -> None:
    mine = open_case_as(alice, assigned_to=alice)
    theirs = open_case_as(bob, assigned_to=bob)
    escalation = escalate_to_b(olga)

    alice_page = as_user(alice).get("/").content.decode()
    bob_page = as_user(bob).get("/").content.decode()
    carla_page = as_user(carla).get("/").content.decode()
    olga_page = as_user(olga).get("/").content.decode()

    assert mine.folio in alice_page and theirs.folio not in alice_page
    assert escalation.case.folio in bob_page and escalation.case.folio not in alice_page
    assert "Carga de trabajo de la representación" in carla_page
    assert "Carga de trabajo de la representación" not in alice_page
    assert "Escalamientos enviados sin acuse" in olga_page
    assert escalation.case.folio in olga_page


def test_the_api_gives_the_same_queues(as_user, alice: User, bob: User) -> None:
    mine = open_case_as(alice, assigned_to=alice, flags={"is_detained": True})
    open_case_as(bob, assigned_to=bob)

    body = as_user(alice).get("/api/v1/dashboard/work").json()

    assert body["head"] is None and body["operator"] is None
    officer = body["officer"]
    assert officer["my_cases"] == {
        "total": 1,
        "items": [
            {"type": "cases.case", "id": mine.pk, "label": mine.folio,
             "at": mine.opened_at.isoformat().replace("+00:00", "Z")},
        ],
    }  # fmt: skip
    assert officer["notifications_missing"]["total"] == 1
    assert {t["label"]: t["count"] for t in officer["by_priority"]}["Normal"] == 1
