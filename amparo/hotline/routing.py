"""Where an escalated call goes: the office whose jurisdiction covers the caller's place,
by county and state, else ZIP code, else coordinates."""

from dataclasses import dataclass

from amparo.network import jurisdiction


@dataclass(frozen=True)
class Route:
    office_code: str
    routed_by: str  # "county", "zip", "point" or "chosen"


def route_for_place(
    *,
    state: str = "",
    county: str = "",
    zip_code: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    map_: jurisdiction.JurisdictionMap | None = None,
) -> Route | None:
    if state and county:
        code = jurisdiction.office_for(state, county, jurisdiction=map_)
        if code:
            return Route(code, "county")
    if zip_code:
        code = jurisdiction.office_for_zip(zip_code, jurisdiction=map_)
        if code:
            return Route(code, "zip")
    if latitude is not None and longitude is not None:
        code = jurisdiction.office_for_point(latitude, longitude, jurisdiction=map_)
        if code:
            return Route(code, "point")
    return None
