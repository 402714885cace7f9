"""The replay clock: what the demo's past work is stamped with, and what it never touches."""

from datetime import UTC, datetime

import pytest
import time_machine

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord
from amparo.cases.models import CaseEvent, EventKind
from amparo.cases.services.cases import case_add_note
from amparo.cases.tests.factories import actor_for, open_case_as
from amparo.core import clock

NOW = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)
LAST_YEAR = datetime(2025, 6, 2, 18, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_now_is_djangos_clock_unless_replaying() -> None:
    assert clock.now() == NOW
    with clock.replaying(LAST_YEAR):
        assert clock.now() == LAST_YEAR
    assert clock.now() == NOW


@pytest.mark.parametrize("at", [datetime(2025, 6, 2, 18, 0), datetime(2026, 3, 11, tzinfo=UTC)])
def test_only_an_aware_moment_in_the_past_is_replayed(at: datetime) -> None:
    with pytest.raises(ValueError, match="past"), clock.replaying(at):
        pass  # pragma: no cover
    assert clock.now() == NOW


def test_a_replayed_timeline_line_keeps_the_real_time_in_the_access_trail(
    network: object, alice: User
) -> None:
    case = open_case_as(alice)
    with clock.replaying(LAST_YEAR):
        case_add_note(case=case, text="Llamada con la familia.", actor=actor_for(alice))
    note = CaseEvent.objects.get(case=case, kind=EventKind.NOTE)
    assert note.at == LAST_YEAR
    assert AccessRecord.objects.filter(reason=EventKind.NOTE).get().at == NOW
