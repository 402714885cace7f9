from datetime import UTC, datetime, timedelta

import pytest

from amparo.cases import workflow
from amparo.cases.consular_notification import notification_delay
from amparo.cases.models import CaseStatus, ClosureReason
from amparo.cases.workflow import Transition, TransitionError, check_transition


def test_the_table_covers_every_status_and_only_known_ones() -> None:
    assert set(workflow.ALLOWED_TRANSITIONS) == set(CaseStatus.values)
    for targets in workflow.ALLOWED_TRANSITIONS.values():
        assert targets <= set(CaseStatus.values)


def test_closure_reasons_match_the_model_choices() -> None:
    assert set(ClosureReason.values) == workflow.CLOSURE_REASONS


@pytest.mark.parametrize(
    ("current", "new"),
    [
        ("open", "in_progress"),
        ("in_progress", "referred"),
        ("in_progress", "awaiting_support"),
        ("referred", "in_progress"),
        ("awaiting_support", "referred"),
    ],
)
def test_it_allows_the_working_moves(current: str, new: str) -> None:
    check_transition(Transition(current=current, new=new))


@pytest.mark.parametrize(
    ("current", "new"),
    [
        ("in_progress", "open"),
        ("concluded", "open"),
        ("concluded", "referred"),
        ("concluded", "concluded"),
        ("open", "open"),
        ("open", "archived"),
    ],
)
def test_it_refuses_moves_outside_the_table(current: str, new: str) -> None:
    with pytest.raises(TransitionError):
        check_transition(Transition(current=current, new=new, reason="x"))


def test_concluding_needs_a_known_closure_reason() -> None:
    with pytest.raises(TransitionError, match="motivo de cierre"):
        check_transition(Transition(current="in_progress", new="concluded"))
    with pytest.raises(TransitionError):
        check_transition(Transition(current="in_progress", new="concluded", closure_reason="won"))
    check_transition(Transition(current="open", new="concluded", closure_reason="no_contact"))


def test_a_closure_reason_is_refused_when_not_concluding() -> None:
    with pytest.raises(TransitionError):
        check_transition(Transition(current="open", new="in_progress", closure_reason="favorable"))


def test_reopening_needs_a_written_reason() -> None:
    with pytest.raises(TransitionError, match="reabrir"):
        check_transition(Transition(current="concluded", new="in_progress", reason="  "))
    check_transition(Transition(current="concluded", new="in_progress", reason="Nueva audiencia"))


def test_the_notification_delay_is_split_into_days_and_hours() -> None:
    arrested = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    delay = notification_delay(arrested_at=arrested, learned_at=arrested + timedelta(hours=77))
    assert (delay.days, delay.hours, delay.total_hours) == (3, 5, 77)
    assert delay.is_late


def test_a_prompt_notification_is_not_late_and_never_negative() -> None:
    arrested = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    assert not notification_delay(
        arrested_at=arrested, learned_at=arrested + timedelta(hours=5)
    ).is_late
    backwards = notification_delay(arrested_at=arrested, learned_at=arrested - timedelta(hours=1))
    assert backwards.total_hours == 0
