"""The start page's charts count only what the actor may see, in local months."""

from datetime import UTC, datetime

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for, open_case_as
from amparo.dashboard.charts import (
    acknowledgement_times,
    calls_per_hour,
    caseload_by_matter,
    chart_year,
)


def test_caseload_counts_by_local_month_and_only_the_visible_offices(
    alice: User, bob: User, ana: User
) -> None:
    # 1 February 03:00 UTC is still 31 January in Texas (consulate A, America/Chicago).
    open_case_as(alice, opened_at=datetime(2025, 2, 1, 3, 0, tzinfo=UTC))
    open_case_as(alice, opened_at=datetime(2025, 2, 10, 18, 0, tzinfo=UTC))
    open_case_as(bob, opened_at=datetime(2025, 2, 10, 18, 0, tzinfo=UTC))

    alice_chart = caseload_by_matter(actor_for(alice), 2025)
    central_chart = caseload_by_matter(actor_for(ana), 2025)

    assert [row.total for row in alice_chart.rows][:3] == [1, 1, 0]
    assert [row.total for row in central_chart.rows][:3] == [1, 2, 0]
    assert [s.label for s in alice_chart.series] == ["Migratorio"]
    assert chart_year(actor_for(alice)) == 2025


def test_there_is_no_chart_year_without_cases(alice: User) -> None:
    assert chart_year(actor_for(alice)) is None


def test_acknowledgement_times_and_calls_per_hour_are_empty_without_data(
    alice: User, ana: User, olga: User
) -> None:
    assert acknowledgement_times(actor_for(ana), 2025).is_empty
    assert calls_per_hour(actor_for(alice), 2025) is None  # consulates do not see calls
    chart = calls_per_hour(actor_for(ana), 2025)
    assert chart is not None and chart.is_empty
