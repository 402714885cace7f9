"""Reads for the network: the office directory, jurisdiction areas and the cached map."""

import copy
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from amparo.network.areas import shipped_reference_points, zip_area_codes
from amparo.network.jurisdiction import Area, JurisdictionMap, Place, office_covering
from amparo.network.models import JurisdictionArea, JurisdictionChange, Office

# How long a process trusts its cached map before checking the database for changes made
# by other processes. Changes made in this process clear the cache at once.
JURISDICTION_RECHECK_SECONDS = 10.0


def offices_filtered(*, country: str = "", kind: str = "", search: str = "") -> QuerySet[Office]:
    offices = Office.objects.select_related("parent").order_by("country", "region", "name")
    if country:
        offices = offices.filter(country=country.upper())
    if kind:
        offices = offices.filter(kind=kind)
    if search:
        offices = offices.filter(
            Q(name__icontains=search) | Q(city__icontains=search) | Q(code__iexact=search)
        )
    return offices


def office_countries() -> list[str]:
    return list(Office.objects.order_by("country").values_list("country", flat=True).distinct())


@dataclass(frozen=True)
class Coverage:
    office: Office
    chosen_by: str  # "county", "zip" or "point"


def office_covering_place(place: Place) -> Coverage | None:
    """The office whose jurisdiction covers `place`, and how it was found. Every question
    of the kind (escalations, case opening, people, imports, every alert) is answered here."""
    covering = office_covering(place)
    office = _covering_office(covering.office_code) if covering is not None else None
    if covering is None or office is None:
        return None
    return Coverage(office=office, chosen_by=covering.chosen_by)


def area_covering_place(place: Place) -> JurisdictionArea | None:
    """The county (or province) of `place`, by state and county name, else by US ZIP code."""
    map_ = current_jurisdiction()
    area = map_.area_for(place.state, place.county)
    if area is None and place.zip_code.strip() and place.country.strip().upper() in ("", "US"):
        area = map_.area_for_zip(place.zip_code)
    return (
        JurisdictionArea.objects.select_related("office").filter(code=area.code).first()
        if area
        else None
    )


def office_by_code(code: str) -> Office | None:
    return Office.objects.select_related("parent").filter(code=code.upper()).first()


def areas_of_office(office: Office) -> QuerySet[JurisdictionArea]:
    return office.jurisdiction_areas.order_by("country", "region", "name")


def area_regions() -> list[dict[str, Any]]:
    """One row per state/province: how many areas it has and how many offices cover it."""
    rows = (
        JurisdictionArea.objects.values("country", "region")
        .annotate(areas=Count("id"), offices=Count("office", distinct=True))
        .order_by("country", "region")
    )
    return [dict(row) for row in rows]


def areas_in_region(country: str, region: str) -> QuerySet[JurisdictionArea]:
    return (
        JurisdictionArea.objects.filter(country=country.upper(), region=region.upper())
        .select_related("office")
        .order_by("name")
    )


def area_by_code(code: str) -> JurisdictionArea | None:
    return JurisdictionArea.objects.select_related("office").filter(code=code.upper()).first()


def area_history(area: JurisdictionArea) -> QuerySet[JurisdictionChange]:
    return area.changes.select_related("from_office", "to_office", "changed_by")


def build_jurisdiction_map() -> JurisdictionMap:
    rows = JurisdictionArea.objects.values_list(
        "code", "country", "region", "name", "latitude", "longitude", "office__code"
    )
    return JurisdictionMap(
        (Area(*row) for row in rows),
        zip_areas=zip_area_codes(),
        reference_points=shipped_reference_points(),
    )


@dataclass
class _Cached:
    version: tuple[object, ...]
    checked_at: float
    jurisdiction: JurisdictionMap
    # The offices the map names, read once per version of it: building the query cost each
    # alert about 1 ms (docs/decisions.md, "Alert ingest").
    offices: dict[str, Office] = field(default_factory=dict)


def _covering_office(code: str) -> Office | None:
    """The office of a code the current map names; a copy, so no caller shares one."""
    current_jurisdiction()
    cached = _cached
    if cached is None:
        return office_by_code(code)
    office = cached.offices.get(code)
    if office is None:
        office = office_by_code(code)
        if office is None:
            return None
        cached.offices[code] = office
    return copy.copy(office)


_lock = threading.Lock()
_cached: _Cached | None = None


def _version() -> tuple[object, ...]:
    areas = JurisdictionArea.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    latest_change = JurisdictionChange.objects.aggregate(latest=Max("id"))["latest"]
    offices = Office.objects.aggregate(count=Count("id"), latest=Max("id"))
    return (areas["count"], areas["latest"], latest_change, offices["count"], offices["latest"])


def current_jurisdiction() -> JurisdictionMap:
    """The map of the current assignments, rebuilt only when an assignment changed."""
    global _cached  # noqa: PLW0603 - a process-wide cache of an immutable value
    now = time.monotonic()
    cached = _cached
    if cached is not None and now - cached.checked_at < JURISDICTION_RECHECK_SECONDS:
        return cached.jurisdiction
    with _lock:
        version = _version()
        if _cached is not None and _cached.version == version:
            _cached.checked_at = now
            return _cached.jurisdiction
        _cached = _Cached(version, now, build_jurisdiction_map())
        return _cached.jurisdiction


def invalidate_jurisdiction() -> None:
    """Forget the cached map; the next lookup rebuilds it from the database."""
    global _cached  # noqa: PLW0603
    with _lock:
        _cached = None
