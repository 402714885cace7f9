"""The default owner of an area: the nearest consulate, preferring the same state.

Pure rule, plain values in and out. Consulates and consulates general qualify; a consular
section qualifies only in a city without a consulate (Ottawa does, Washington does not),
so embassies' sections never take counties from a consulate next door.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from amparo.network.jurisdiction import distance_km

CONSULATE_KINDS = frozenset({"consulate", "consulate_general"})
SECTION_KINDS = frozenset({"consular_section"})


@dataclass(frozen=True, slots=True)
class Site:
    code: str
    kind: str
    country: str
    region: str
    city: str
    latitude: float
    longitude: float


def eligible_sites(sites: Iterable[Site]) -> list[Site]:
    sites = list(sites)
    consulate_cities = {
        (site.country, site.city.casefold()) for site in sites if site.kind in CONSULATE_KINDS
    }
    return [
        site
        for site in sites
        if site.kind in CONSULATE_KINDS
        or (
            site.kind in SECTION_KINDS
            and (site.country, site.city.casefold()) not in consulate_cities
        )
    ]


def default_office(
    *, country: str, region: str, latitude: float, longitude: float, sites: Sequence[Site]
) -> str | None:
    """Code of the nearest eligible site in the same state, else in the same country."""
    in_country = [site for site in sites if site.country == country]
    in_region = [site for site in in_country if site.region == region]
    candidates = in_region or in_country
    if not candidates:
        return None
    nearest = min(
        candidates,
        key=lambda site: distance_km(latitude, longitude, site.latitude, site.longitude),
    )
    return nearest.code
