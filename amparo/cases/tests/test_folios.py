from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction

from amparo.cases.folios import allocate_folio, folio_year, format_folio
from amparo.cases.models import Case, FolioCounter
from amparo.cases.tests.factories import open_case_as


def test_the_folio_reads_office_year_and_six_digits() -> None:
    assert format_folio("ta", 2025, 42) == "TA-2025-000042"


def test_sequences_run_per_office_and_year(network, alice, bob) -> None:  # type: ignore[no-untyped-def]
    first = open_case_as(alice)
    second = open_case_as(alice)
    other_office = open_case_as(bob)
    # Each office's own year: on New Year's Eve, Austin and Fresno may not agree.
    year_a = folio_year(network.consulate_a, first.opened_at)
    year_b = folio_year(network.consulate_b, other_office.opened_at)
    assert first.folio == f"TA-{year_a}-000001"
    assert second.folio == f"TA-{year_a}-000002"
    assert other_office.folio == f"TB-{year_b}-000001"


def test_a_new_year_starts_the_sequence_again(network) -> None:  # type: ignore[no-untyped-def]
    office = network.consulate_a
    with transaction.atomic():
        last_of_year = allocate_folio(office=office, at=datetime(2024, 6, 1, tzinfo=UTC))
        first_of_next = allocate_folio(office=office, at=datetime(2025, 6, 1, tzinfo=UTC))
    assert last_of_year == "TA-2024-000001"
    assert first_of_next == "TA-2025-000001"
    assert FolioCounter.objects.filter(office=office).count() == 2


def test_the_year_follows_the_offices_own_calendar(network) -> None:  # type: ignore[no-untyped-def]
    # 2025-01-01 03:00 UTC is still New Year's Eve in Fresno (America/Los_Angeles).
    assert folio_year(network.consulate_b, datetime(2025, 1, 1, 3, 0, tzinfo=UTC)) == 2024


def test_many_openings_never_repeat_a_folio(alice) -> None:  # type: ignore[no-untyped-def]
    folios = [open_case_as(alice).folio for _ in range(15)]
    assert len(set(folios)) == 15
    assert folios[-1].endswith("-000015")


def test_the_database_refuses_a_duplicate_folio(alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    clone = Case.objects.get(pk=case.pk)
    clone.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()
