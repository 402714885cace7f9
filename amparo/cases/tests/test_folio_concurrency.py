"""Concurrent openings on PostgreSQL, where writers really run in parallel. SQLite
serializes writers (IMMEDIATE transactions), so the race cannot happen there."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from django.db import connection, connections, transaction

from amparo.cases.folios import allocate_folio
from amparo.network.models import Office
from amparo.network.tests.factories import OfficeFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs parallel writers (PostgreSQL)"
)


@pytest.mark.django_db(transaction=True)
def test_parallel_allocations_get_distinct_consecutive_numbers() -> None:
    office: Office = OfficeFactory(code="PAR")  # type: ignore[assignment]
    at = datetime(2025, 5, 1, tzinfo=UTC)

    def allocate(_: int) -> str:
        try:
            with transaction.atomic():
                return allocate_folio(office=office, at=at)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        folios = list(pool.map(allocate, range(24)))
    assert sorted(folios) == [f"PAR-2025-{n:06d}" for n in range(1, 25)]
