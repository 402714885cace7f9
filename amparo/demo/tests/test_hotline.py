"""The demo call generator: deterministic, resumable, in the 2025 proportions, all in the
CIAM, with valid E.164 numbers."""

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection

from amparo.accounts.models import User
from amparo.cases.models import IntakeChannel
from amparo.cases.tests.factories import open_case_as
from amparo.conftest import Network
from amparo.core.crypto import blind_index
from amparo.core.models import DemoDataset
from amparo.demo.hotline import (
    CIAM_CODE,
    DATASET,
    calls_target,
    generate_calls,
    seed_calls,
    write_escalations,
)
from amparo.demo.management.commands.seed_demo import StepContext
from amparo.demo.progress import DemoDataError, no_progress
from amparo.hotline.models import Call, Callback, Escalation, HotlineShift, Outcome
from amparo.hotline.phones import normalize_phone
from amparo.hotline.topics import CallTopic

COLUMNS = (
    "operator_id", "started_at", "ended_at", "caller_phone", "caller_phone_index",
    "caller_name", "origin_country", "origin_state", "language", "topic", "summary", "outcome",
    "person_id", "escalated_case_id",
)  # fmt: skip
SMALL = 0.01  # 2,025 calls
PROFILE = 0.05  # 10,123 calls: enough for the proportions to settle


def _generate(network: Network, scale: float, **kwargs: Any) -> int:
    return generate_calls(scale=scale, office_code=network.ciam.code, **kwargs)


def _rows() -> list[tuple[Any, ...]]:
    # Decrypts every phone, so equal rows mean equal plaintext, not just equal tokens.
    return [
        tuple(getattr(call, column) for column in COLUMNS) for call in Call.objects.order_by("pk")
    ]


def _wipe() -> None:
    Callback.objects.all().delete()
    Call.objects.all().delete()
    DemoDataset.objects.filter(name=DATASET).delete()


def test_scale_one_is_the_202457_calls_of_2025() -> None:
    assert calls_target(1.0) == 202_457
    assert calls_target(4.94) >= 1_000_000


def test_it_writes_the_same_calls_for_the_same_seed(network: Network, olga: User) -> None:
    assert _generate(network, SMALL) == calls_target(SMALL)
    first = _rows()
    _wipe()
    _generate(network, SMALL, batch_size=333)
    assert _rows() == first
    _wipe()
    _generate(network, SMALL, seed=7)
    assert _rows() != first


def test_a_rerun_adds_nothing_and_a_larger_scale_tops_up(network: Network, olga: User) -> None:
    _generate(network, SMALL)
    callbacks = Callback.objects.count()
    assert _generate(network, SMALL) == 0
    assert Call.objects.count() == calls_target(SMALL)
    assert Callback.objects.count() == callbacks
    added = _generate(network, 2 * SMALL)
    assert added == calls_target(2 * SMALL) - calls_target(SMALL)
    topped_up = _rows()
    _wipe()
    _generate(network, 2 * SMALL)
    assert _rows() == topped_up


def test_another_seed_on_the_same_data_is_refused(network: Network, olga: User) -> None:
    _generate(network, SMALL)
    with pytest.raises(DemoDataError, match="semilla"):
        _generate(network, SMALL, seed=1)


def test_every_call_belongs_to_the_ciam_and_its_operators(
    network: Network, olga: User, alice: User
) -> None:
    oscar = User.objects.create(username="oscar")
    oscar.memberships.create(office=network.ciam, role="hotline_operator")
    _generate(network, SMALL)
    assert set(Call.objects.values_list("office_id", flat=True)) == {network.ciam.pk}
    assert set(Call.objects.values_list("operator_id", flat=True)) == {olga.pk, oscar.pk}
    shifts = HotlineShift.objects.filter(office=network.ciam)
    assert shifts.count() == 3
    assert all(set(shift.operators.all()) == {olga, oscar} for shift in shifts)


def test_it_needs_the_ciam_and_an_operator(network: Network, alice: User) -> None:
    with pytest.raises(DemoDataError, match="operadores"):
        _generate(network, SMALL)
    with pytest.raises(DemoDataError, match="NOPE"):
        generate_calls(scale=SMALL, office_code="NOPE")
    assert not Call.objects.exists()


def test_it_follows_the_2025_profile(network: Network, olga: User) -> None:
    _generate(network, PROFILE)
    calls = list(
        Call.objects.values(
            "started_at", "ended_at", "caller_phone_index", "origin_country", "origin_state",
            "topic", "outcome",
        )
    )  # fmt: skip
    total = len(calls)
    assert total == 10_123

    def share(counter: Counter[str], key: str) -> float:
        return counter[key] / total

    countries = Counter(call["origin_country"] for call in calls)
    assert share(countries, "US") == pytest.approx(0.96, abs=0.01)
    assert share(countries, "CA") == pytest.approx(0.03, abs=0.008)
    assert share(countries, "MX") == pytest.approx(0.01, abs=0.005)
    states = Counter(call["origin_state"] for call in calls if call["origin_country"] == "US")
    assert [state for state, _count in states.most_common(3)] == ["CA", "TX", "IL"]

    topics = Counter(call["topic"] for call in calls)
    assert share(topics, CallTopic.LOCATE_RELATIVE) == pytest.approx(0.35, abs=0.02)
    assert set(topics) == set(CallTopic.values)
    outcomes = Counter(call["outcome"] for call in calls)
    assert share(outcomes, Outcome.INFORMATION) > 0.6
    assert share(outcomes, Outcome.CASE_OPENED) == pytest.approx(0.03, abs=0.006)
    assert 0 < share(outcomes, Outcome.EMERGENCY_SERVICES) < 0.02
    assert set(outcomes) == set(Outcome.values)

    # The whole of 2025, around the clock, busier by day (CIAM time, UTC-7).
    assert min(c["started_at"] for c in calls) >= datetime(2025, 1, 1, 7, tzinfo=UTC)
    assert max(c["started_at"] for c in calls) < datetime(2026, 1, 1, 7, tzinfo=UTC)
    local_hours = Counter((c["started_at"] - timedelta(hours=7)).hour for c in calls)
    assert len(local_hours) == 24
    assert local_hours[11] > 5 * local_hours[3]

    for call in calls:
        ended = call["ended_at"]
        assert ended is not None
        seconds = (ended - call["started_at"]).total_seconds()
        if call["outcome"] == Outcome.DROPPED:
            assert 0 < seconds < 120
        else:
            assert 120 <= seconds <= 900

    # About 15% of calls come from a number that calls more than once.
    per_phone = Counter(call["caller_phone_index"] for call in calls)
    repeated = sum(count for count in per_phone.values() if count > 1)
    assert repeated / total == pytest.approx(0.15, abs=0.02)


def test_phones_are_valid_e164_numbers_of_where_the_caller_is(network: Network, olga: User) -> None:
    _generate(network, SMALL)
    prefixes = {"US": "+1", "CA": "+1", "MX": "+52"}
    for call in Call.objects.all():
        assert normalize_phone(call.caller_phone) == call.caller_phone
        assert call.caller_phone.startswith(prefixes[call.origin_country])
    # Stored encrypted, found through the blind index.
    one = Call.objects.order_by("pk").first()
    assert one is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT caller_phone FROM hotline_call WHERE id = %s", [one.pk])
        stored = cursor.fetchone()[0]
    assert one.caller_phone not in stored
    index = blind_index(one.caller_phone, "digits")
    assert Call.objects.filter(caller_phone_index=index, pk=one.pk).exists()


def test_calls_that_opened_a_case_are_tied_to_ciam_cases(
    network: Network, olga: User, alice: User
) -> None:
    opened = datetime(2025, 6, 10, 18, tzinfo=UTC)
    ciam_cases = [open_case_as(alice, channel=IntakeChannel.CIAM, opened_at=opened)]
    open_case_as(alice, channel=IntakeChannel.WALK_IN, opened_at=opened)
    _generate(network, SMALL)
    linked = Call.objects.filter(outcome=Outcome.CASE_OPENED)
    assert linked.exists()
    for call in linked:
        assert call.escalated_case == ciam_cases[0]
        assert call.person_id == ciam_cases[0].beneficiary_id
        assert call.ended_at is not None
        assert call.ended_at < opened
    assert not Call.objects.exclude(outcome=Outcome.CASE_OPENED).filter(
        escalated_case__isnull=False
    )


def test_each_case_opened_from_a_call_has_one_dated_acknowledged_escalation(
    network: Network, olga: User, alice: User
) -> None:
    opened = [datetime(2025, month, 10, 18, tzinfo=UTC) for month in (3, 6, 9)]
    cases = [open_case_as(alice, channel=IntakeChannel.CIAM, opened_at=at) for at in opened]
    _generate(network, SMALL)

    assert write_escalations(seed=7, office_code=network.ciam.code) == len(cases)
    assert write_escalations(seed=7, office_code=network.ciam.code) == 0  # a rerun adds nothing
    for escalation in Escalation.objects.select_related("call", "case"):
        first_call = (
            Call.objects.filter(escalated_case=escalation.case).order_by("started_at", "id").first()
        )
        assert escalation.call == first_call
        assert escalation.office_id == escalation.case.office_id
        assert escalation.created_at == first_call.ended_at  # dated in 2025, not today
        if escalation.acknowledged_at is not None:
            assert escalation.acknowledged_at > escalation.created_at
            assert escalation.acknowledged_by is not None
            assert escalation.acknowledged_by.memberships.filter(office=escalation.office).exists()


def test_every_scheduled_callback_has_its_callback_row(network: Network, olga: User) -> None:
    _generate(network, SMALL)
    callback_calls = Call.objects.filter(outcome=Outcome.CALLBACK)
    assert callback_calls.exists()
    assert Callback.objects.count() == callback_calls.count()
    for callback in Callback.objects.select_related("call", "shift"):
        assert callback.call.outcome == Outcome.CALLBACK
        assert callback.due_at > callback.call.started_at
        assert callback.assigned_to_id == callback.call.operator_id
        assert callback.shift is not None


def test_the_seed_demo_step_reports_what_it_added(network: Network, olga: User) -> None:
    context = StepContext(
        scale=SMALL, seed=2025, batch_size=500, progress=no_progress, write=lambda _text: None
    )
    network.ciam.code = CIAM_CODE
    network.ciam.save(update_fields=["code"])
    summary = seed_calls(context)
    assert summary == "2,025 nuevas, 2,025 en total; 0 escalamientos nuevos"
