"""Routing by the point asks the network (`network.jurisdiction.office_covering`): the US
county whose outline holds the point first (tested in network/tests/test_counties.py)."""

from amparo.alerts.routing import route
from amparo.alerts.tests.conftest import Enrolled
from amparo.conftest import Network
from amparo.network.tests.test_counties import LONG_BEACH


def test_an_alert_goes_to_the_office_of_the_county_that_holds_the_point(
    enrolled: Enrolled, network: Network, los_angeles_and_orange: None
) -> None:
    # The nearest centre alone would send Long Beach to Orange County's office.
    went = route(enrolled.registrant, latitude=LONG_BEACH[0], longitude=LONG_BEACH[1],
                 accuracy_m=30)  # fmt: skip
    assert (went.office, went.routed_by) == (network.consulate_b, "point")
