"""Where an alert goes: the consulate whose jurisdiction holds the point, else the one of
the registrant's registered county (or ZIP code), else the CIAM. A fix too vague to place
someone (worse than MAX_ROUTING_ACCURACY_M) routes by the registered county instead."""

from dataclasses import dataclass

from amparo.alerts.models import Registrant, RoutedBy
from amparo.alerts.system import ciam
from amparo.network.jurisdiction import Place
from amparo.network.models import Office
from amparo.network.selectors import office_covering_place

MAX_ROUTING_ACCURACY_M = 50_000


@dataclass(frozen=True)
class Route:
    office: Office
    routed_by: str


def route(
    registrant: Registrant,
    *,
    latitude: float | None = None,
    longitude: float | None = None,
    accuracy_m: float | None = None,
) -> Route:
    if (
        latitude is not None
        and longitude is not None
        and (accuracy_m or 0) <= MAX_ROUTING_ACCURACY_M
    ):
        covering = office_covering_place(Place(latitude=latitude, longitude=longitude))
        if covering is not None and covering.office.can_hold_jurisdiction:
            return Route(covering.office, RoutedBy.POINT)
    home = Place(state=registrant.home_state, county=registrant.home_county,
                 zip_code=registrant.home_zip, country="")  # fmt: skip
    covering = office_covering_place(home)
    if covering is not None and covering.office.can_hold_jurisdiction:
        by = RoutedBy.COUNTY if covering.chosen_by == "county" else RoutedBy.ZIP
        return Route(covering.office, by)
    office = ciam() or registrant.office
    return Route(office, RoutedBy.CIAM)
