from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from amparo.audit.models import AccessRecord, Action
from amparo.cases.models import (
    CaseEvent,
    CaseStatus,
    ClosureReason,
    ConsularNotification,
    EventKind,
)
from amparo.cases.services import (
    case_add_action,
    case_add_note,
    case_assign,
    case_change_status,
    case_record_notification,
)
from amparo.cases.tests.factories import actor_for, open_case_as, person_in, subtype
from amparo.core.append_only import AppendOnlyError


def _audits(case) -> list[str]:  # type: ignore[no-untyped-def]
    return list(
        AccessRecord.objects.filter(target_type="cases.case", target_id=str(case.pk))
        .order_by("id")
        .values_list("reason", flat=True)
    )


def test_opening_a_case_writes_the_first_event_and_an_audit_record(alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice, flags={"is_detained": True, "is_minor": True})
    event = case.events.get()
    assert event.kind == EventKind.OPENED
    assert event.payload["after"]["status"] == CaseStatus.OPEN
    assert event.actor == alice
    record = AccessRecord.objects.get(target_type="cases.case", target_id=str(case.pk))
    assert record.action == Action.CREATE
    assert record.target_office_id == case.office_id
    assert case.is_detained and case.is_minor and not case.is_vaim
    assert case.materia.code == "MIGRATORIO"


def test_an_officer_cannot_open_a_case_for_someone_of_another_office(alice, network) -> None:  # type: ignore[no-untyped-def]
    foreign = person_in(network.consulate_b)
    with pytest.raises(ValidationError):
        open_case_as(alice, person=foreign)
    assert not CaseEvent.objects.exists()


def test_an_analyst_cannot_open_cases(ana, network) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        open_case_as(ana, person=person_in(network.headquarters))


def test_a_different_office_than_the_default_needs_a_reason(adan, network) -> None:  # type: ignore[no-untyped-def]
    person = person_in(network.consulate_a)
    with pytest.raises(ValidationError, match="motivo"):
        open_case_as(adan, person=person, office=network.consulate_b)
    case = open_case_as(
        adan, person=person, office=network.consulate_b, office_override_reason="Vive en Fresno"
    )
    assert case.office == network.consulate_b
    assert case.office_override_reason == "Vive en Fresno"


def test_a_retired_subtype_cannot_be_chosen_for_a_new_case_but_stays_on_old_ones(alice) -> None:  # type: ignore[no-untyped-def]
    chosen = subtype()
    old_case = open_case_as(alice, subtype=chosen)
    chosen.retired_at = timezone.now()
    chosen.save()
    with pytest.raises(ValidationError, match="vigente"):
        open_case_as(alice, subtype=chosen)
    old_case.refresh_from_db()
    assert old_case.subtype == chosen


def test_assigning_records_before_and_after(alice, carla, bob) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    case = case_assign(case=case, assignee=carla, actor=actor_for(alice))
    assert case.assigned_to == carla
    event = case.events.get(kind=EventKind.ASSIGNED)
    assert event.payload["before"] is None
    assert event.payload["after"]["id"] == carla.pk
    with pytest.raises(ValidationError):
        case_assign(case=case, assignee=bob, actor=actor_for(alice))
    assert case.events.filter(kind=EventKind.ASSIGNED).count() == 1


def test_concluding_needs_a_reason_and_nothing_is_written_without_it(alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    audits_before = _audits(case)
    with pytest.raises(ValidationError):
        case_change_status(case=case, status=CaseStatus.CONCLUDED, actor=actor_for(alice))
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    assert case.events.count() == 1
    assert _audits(case) == audits_before


def test_concluding_and_reopening_keep_the_history(alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    actor = actor_for(alice)
    case = case_change_status(
        case=case, status=CaseStatus.CONCLUDED, closure_reason=ClosureReason.FAVORABLE, actor=actor
    )
    assert case.closed_at is not None and case.closure_reason == ClosureReason.FAVORABLE
    case = case_change_status(
        case=case, status=CaseStatus.IN_PROGRESS, reason="Nueva audiencia", actor=actor
    )
    assert case.closed_at is None and case.closure_reason == ""
    changes = list(case.events.filter(kind=EventKind.STATUS_CHANGED).order_by("id"))
    assert [e.payload["after"]["status"] for e in changes] == ["concluded", "in_progress"]
    assert changes[1].payload["before"] == {"status": "concluded", "closure_reason": "favorable"}
    assert changes[1].text == "Nueva audiencia"
    assert _audits(case) == ["opened", "status_changed", "status_changed"]


def test_notes_and_actions_append_to_the_timeline(alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    actor = actor_for(alice)
    case_add_note(case=case, text="Llamó la madre", actor=actor)
    case_add_action(
        case=case,
        kind="call",
        occurred_on=timezone.localdate(),
        summary="Llamada a ICE",
        actor=actor,
    )
    kinds = list(case.events.order_by("id").values_list("kind", flat=True))
    assert kinds == ["opened", "note", "action"]
    action = case.events.get(kind=EventKind.ACTION)
    assert action.payload["action"] == "call"
    assert action.text == "Llamada a ICE"


def test_an_empty_note_or_a_future_action_is_refused(alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    actor = actor_for(alice)
    with pytest.raises(ValidationError):
        case_add_note(case=case, text="   ", actor=actor)
    with pytest.raises(ValidationError):
        case_add_action(
            case=case,
            kind="call",
            occurred_on=timezone.localdate() + timedelta(days=2),
            summary="x",
            actor=actor,
        )
    with pytest.raises(ValidationError):
        case_add_action(
            case=case, kind="telepathy", occurred_on=timezone.localdate(), summary="x", actor=actor
        )
    assert case.events.count() == 1


def test_another_office_cannot_write_to_the_case(alice, bob) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    with pytest.raises(PermissionDenied):
        case_add_note(case=case, text="hola", actor=actor_for(bob))


def test_the_consular_notification_keeps_its_delay(alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    arrested = timezone.now() - timedelta(days=4)
    notification = case_record_notification(
        case=case,
        agency="ICE Port Isabel",
        arrested_at=arrested,
        learned_at=arrested + timedelta(hours=50),
        channel="phone",
        requested_by_detainee=True,
        actor=actor_for(alice),
    )
    assert notification.delay.total_hours == 50
    assert case.events.get(kind=EventKind.NOTIFICATION).payload["delay_hours"] == 50


def test_learning_before_the_arrest_is_refused(alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    arrested = timezone.now() - timedelta(days=1)
    with pytest.raises(ValidationError, match="anterior"):
        case_record_notification(
            case=case,
            agency="Sheriff",
            arrested_at=arrested,
            learned_at=arrested - timedelta(hours=2),
            channel="phone",
            actor=actor_for(alice),
        )
    assert not ConsularNotification.objects.exists()


def test_timeline_rows_cannot_be_changed_or_deleted(alice) -> None:  # type: ignore[no-untyped-def]
    event = open_case_as(alice).events.get()
    event.text = "reescrito"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
