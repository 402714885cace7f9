"""A point's office: the US county whose outline holds it first (the shipped atlas), the
nearest county centre only when no outline the registry knows holds it. One answer for
every caller: routing, case opening, alerts and the lookup API."""

import pytest

from amparo.conftest import Network
from amparo.network.counties import county_at
from amparo.network.jurisdiction import office_for_point
from amparo.network.selectors import current_jurisdiction

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


def test_a_point_goes_to_the_office_of_the_county_that_holds_it(
    network: Network, los_angeles_and_orange: None
) -> None:
    nearest = current_jurisdiction().nearest_area(*LONG_BEACH)
    assert nearest is not None and nearest.office_code == network.consulate_a.code  # Orange's
    assert office_for_point(*LONG_BEACH) == network.consulate_b.code


def test_the_lookup_api_gives_the_same_answer(
    as_user, adan, network: Network, los_angeles_and_orange: None
) -> None:  # type: ignore[no-untyped-def]
    found = as_user(adan).get(
        "/api/v1/network/jurisdiction/lookup", {"lat": LONG_BEACH[0], "lon": LONG_BEACH[1]}
    )
    assert found.status_code == 200
    assert found.json()["method"] == "point"
    assert found.json()["area"]["code"] == "US-CA-LOS-ANGELES"
    assert found.json()["office"]["code"] == network.consulate_b.code


def test_a_county_the_registry_does_not_hold_falls_back_to_the_nearest_centre(
    network: Network, los_angeles_and_orange: None
) -> None:
    found = county_at(*VENTURA)
    assert found is not None and found.name == "Ventura"  # held by an outline, yet unknown
    assert office_for_point(*VENTURA) == network.consulate_b.code  # Los Angeles' centre
