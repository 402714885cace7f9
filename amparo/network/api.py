"""/api/v1/network: the office directory, jurisdiction lookup and reassignment."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from amparo.accounts.actor import acting
from amparo.network import selectors
from amparo.network.jurisdiction import Area
from amparo.network.models import JurisdictionArea, Office, OfficeKind
from amparo.network.permissions import can_edit_jurisdiction
from amparo.network.services import jurisdiction_reassign

router = Router(tags=["network"])


class OfficeOut(Schema):
    code: str
    slug: str
    kind: str
    name: str
    country: str
    region: str
    city: str
    time_zone: str
    latitude: float
    longitude: float
    address: str
    phone: str
    emergency_phone: str
    email: str
    parent: str | None = Field(None, alias="parent.code")


class OfficeFilters(Schema):
    country: str = ""
    kind: OfficeKind | None = None
    q: str = ""


class AreaOut(Schema):
    code: str
    country: str
    region: str
    name: str
    latitude: float
    longitude: float
    office: str


class JurisdictionLookupQuery(Schema):
    state: str = ""
    county: str = ""
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    zip: str = Field("", max_length=10)


class LookupOut(Schema):
    method: str
    area: AreaOut
    office: OfficeOut


class ReassignIn(Schema):
    office_code: str = Field(..., min_length=1, max_length=12)
    reason: str = Field(..., min_length=1, max_length=255)


class Error(Schema):
    detail: str


def _area_out(area: JurisdictionArea) -> dict[str, Any]:
    return {
        "code": area.code,
        "country": area.country,
        "region": area.region,
        "name": area.name,
        "latitude": area.latitude,
        "longitude": area.longitude,
        "office": area.office.code,
    }


@router.get("/offices", response=list[OfficeOut])
def list_offices(request: HttpRequest, filters: Query[OfficeFilters]) -> Any:
    return list(
        selectors.offices_filtered(
            country=filters.country, kind=filters.kind or "", search=filters.q
        )
    )


@router.get("/offices/{code}", response={200: OfficeOut, 404: Error})
def get_office(request: HttpRequest, code: str) -> Any:
    office = selectors.office_by_code(code)
    if office is None:
        return Status(404, {"detail": "Representación no encontrada."})
    return office


@router.get("/jurisdiction/lookup", response={200: LookupOut, 404: Error, 422: Error})
def lookup(request: HttpRequest, params: Query[JurisdictionLookupQuery]) -> Any:
    """Find the office for ?state=&county=, ?lat=&lon= or ?zip=."""
    jurisdiction = selectors.current_jurisdiction()
    found: Area | None
    if params.zip:
        if not params.zip[:5].isdigit():
            return Status(422, {"detail": "El código postal debe tener 5 dígitos."})
        method, found = "zip", jurisdiction.area_for_zip(params.zip)
    elif params.lat is not None and params.lon is not None:
        method, found = "point", jurisdiction.area_for_point(params.lat, params.lon)
    elif params.state and params.county:
        method, found = "county", jurisdiction.area_for(params.state, params.county)
    else:
        return Status(422, {"detail": "Indique state y county, lat y lon, o zip."})
    if found is None:
        return Status(404, {"detail": "Ninguna representación cubre ese lugar."})
    area = selectors.area_by_code(found.code)
    if area is None:  # the cached map is a few seconds older than the database
        return Status(404, {"detail": "Ninguna representación cubre ese lugar."})
    return {"method": method, "area": _area_out(area), "office": area.office}


@router.get("/jurisdiction/areas", response=list[AreaOut])
def list_areas(request: HttpRequest, country: str, region: str) -> Any:
    return [_area_out(area) for area in selectors.areas_in_region(country, region)]


@router.api_operation(
    ["PUT", "POST"],
    "/jurisdiction/areas/{code}",
    response={200: AreaOut, 403: Error, 404: Error, 422: Error},
)
def reassign_area(request: HttpRequest, code: str, payload: ReassignIn) -> Any:
    """Move an area to another office (central administration only)."""
    actor = acting(request)
    if not can_edit_jurisdiction(actor):
        return Status(403, {"detail": "Solo la administración central reasigna circunscripciones."})
    area = selectors.area_by_code(code)
    if area is None:
        return Status(404, {"detail": "Área no encontrada."})
    office = Office.objects.filter(code=payload.office_code.strip().upper()).first()
    if office is None:
        return Status(422, {"detail": "No existe esa representación."})
    try:
        area = jurisdiction_reassign(area=area, office=office, reason=payload.reason, actor=actor)
    except PermissionDenied:
        return Status(403, {"detail": "Solo la administración central reasigna circunscripciones."})
    except ValidationError as error:
        return Status(422, {"detail": " ".join(error.messages)})
    return _area_out(area)
