"""Routing by the point: the US county whose outline holds it first, the nearest county
centre only when no outline the registry knows holds it."""

import pytest

from amparo.alerts.counties import county_at
from amparo.alerts.routing import route
from amparo.alerts.tests.conftest import Enrolled
from amparo.conftest import Network
from amparo.network.jurisdiction import office_for_point
from amparo.network.models import JurisdictionArea
from amparo.network.selectors import invalidate_jurisdiction

LONG_BEACH = (33.7701, -118.1937)  # Los Angeles County, nearer Orange County's centre
VENTURA = (34.2805, -119.2945)  # Ventura County, which the test registry does not hold


@pytest.mark.parametrize(
    ("point", "county"),
    [
        ((34.05, -118.25), ("CA", "Los Angeles")),
        (LONG_BEACH, ("CA", "Los Angeles")),
        ((33.75, -117.87), ("CA", "Orange")),
        ((30.27, -97.74), ("TX", "Travis")),
        ((41.88, -87.63), ("IL", "Cook")),
        ((61.22, -149.90), ("AK", "Anchorage")),  # the Alaska inset
        ((21.31, -157.86), ("HI", "Honolulu")),  # the Hawaii inset
        ((45.50, -73.56), None),  # Montreal: off the US map
        ((19.43, -99.13), None),  # Mexico City
    ],
)
def test_the_county_whose_outline_holds_the_point(
    point: tuple[float, float], county: tuple[str, str] | None
) -> None:
    found = county_at(*point)
    assert (found.state, found.name) == county if found else county is None


@pytest.fixture
def los_angeles_and_orange(network: Network) -> None:
    """The two counties' registry centres (as shipped), one office each."""
    for code, name, latitude, longitude, office in (
        ("US-CA-LOS-ANGELES", "Los Angeles County", 34.0714, -118.2547, network.consulate_b),
        ("US-CA-ORANGE", "Orange County", 33.7285, -117.8467, network.consulate_a),
    ):
        JurisdictionArea.objects.create(code=code, country="US", region="CA", name=name,
                                        latitude=latitude, longitude=longitude, office=office)  # fmt: skip
    invalidate_jurisdiction()


def test_a_point_goes_to_the_office_of_the_county_that_holds_it(
    enrolled: Enrolled, network: Network, los_angeles_and_orange: None
) -> None:
    # The nearest centre alone would send Long Beach to Orange County's office.
    assert office_for_point(*LONG_BEACH) == network.consulate_a.code
    went = route(enrolled.registrant, latitude=LONG_BEACH[0], longitude=LONG_BEACH[1],
                 accuracy_m=30)  # fmt: skip
    assert (went.office, went.routed_by) == (network.consulate_b, "point")


def test_a_county_the_registry_does_not_hold_falls_back_to_the_nearest_centre(
    enrolled: Enrolled, network: Network, los_angeles_and_orange: None
) -> None:
    found = county_at(*VENTURA)
    assert found is not None and found.name == "Ventura"  # held by an outline, yet unknown
    went = route(enrolled.registrant, latitude=VENTURA[0], longitude=VENTURA[1], accuracy_m=30)
    assert (went.office, went.routed_by) == (network.consulate_b, "point")  # Los Angeles'
