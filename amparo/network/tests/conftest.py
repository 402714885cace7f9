from collections.abc import Iterator

import pytest

from amparo.network.models import JurisdictionArea
from amparo.network.selectors import invalidate_jurisdiction


@pytest.fixture(autouse=True)
def fresh_jurisdiction_cache() -> Iterator[None]:
    """The cached map outlives a test's rolled-back transaction; start each test clean."""
    invalidate_jurisdiction()
    yield
    invalidate_jurisdiction()


@pytest.fixture
def travis(network) -> JurisdictionArea:  # type: ignore[no-untyped-def]
    return JurisdictionArea.objects.create(
        code="US-TX-TRAVIS",
        country="US",
        region="TX",
        name="Travis County",
        latitude=30.33,
        longitude=-97.78,
        office=network.consulate_a,
    )
