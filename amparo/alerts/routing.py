"""Where an alert goes: the consulate whose jurisdiction holds the point (the network's one
answer: the US county whose outline holds it, else the nearest county centre), else the
one of the registrant's registered county (or ZIP code), else the CIAM. A fix too vague to
place someone (worse than MAX_ROUTING_ACCURACY_M) routes by the registered county instead.

Outside the United States and Canada, the registered county says nothing about who can
help: the alert goes to the embassy or consulate nearest the point if one is within
ABROAD_RADIUS_KM, else to the CIAM. The registry has no country borders, so "the office in
that country" is read as the nearest office abroad (docs/decisions.md says why)."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from amparo.alerts.models import Registrant, RoutedBy
from amparo.alerts.system import ciam
from amparo.network.jurisdiction import Place, distance_km, in_covered_territory
from amparo.network.models import JURISDICTION_KINDS, Office
from amparo.network.selectors import office_covering_place

MAX_ROUTING_ACCURACY_M = 50_000
ABROAD_RADIUS_KM = 400
COVERED_COUNTRIES = ("US", "CA")


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
        if not in_covered_territory(latitude, longitude):
            abroad = office_abroad_near(latitude, longitude)
            return Route(abroad, RoutedBy.ABROAD) if abroad else _to_ciam(registrant)
    home = Place(state=registrant.home_state, county=registrant.home_county,
                 zip_code=registrant.home_zip, country="")  # fmt: skip
    covering = office_covering_place(home)
    if covering is not None and covering.office.can_hold_jurisdiction:
        by = RoutedBy.COUNTY if covering.chosen_by == "county" else RoutedBy.ZIP
        return Route(covering.office, by)
    return _to_ciam(registrant)


def _to_ciam(registrant: Registrant) -> Route:
    return Route(ciam() or registrant.office, RoutedBy.CIAM)


def office_abroad_near(latitude: float, longitude: float) -> Office | None:
    """The embassy or consulate outside the US and Canada nearest the point, if close."""
    today = timezone.localdate()
    offices = (
        Office.objects.filter(kind__in=JURISDICTION_KINDS)
        .filter(Q(active_until=None) | Q(active_until__gte=today))
        .exclude(country__in=COVERED_COUNTRIES)
    )
    by_distance = sorted(
        (distance_km(latitude, longitude, office.latitude, office.longitude), office.pk, office)
        for office in offices
    )
    if by_distance and by_distance[0][0] <= ABROAD_RADIUS_KM:
        return by_distance[0][2]
    return None
