"""Which office covers a place: pure lookups over an immutable JurisdictionMap.

Nothing here touches the database or Django. A map is built from plain rows (from the
database by `selectors.current_jurisdiction()`, or by hand in tests) and answers three
questions: by state and county name, by coordinates, and by ZIP code.
"""

import itertools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from amparo.network.counties import county_at

EARTH_RADIUS_KM = 6371.0088

# Suffixes that name the kind of county-equivalent; "city" is not one of them because
# Virginia has both "Fairfax County" and "Fairfax City".
_AREA_SUFFIXES = (
    ("city", "and", "borough"),
    ("census", "area"),
    ("county",),
    ("parish",),
    ("borough",),
    ("municipality",),
    ("municipio",),
)
_LEADING_FORMS = (("city", "and", "borough", "of"), ("municipality", "of"), ("borough", "of"))

# Rough regions where a point can be inside the US or Canada: (south, north, west, east).
_BOUNDING_BOXES = (
    (24.3, 49.5, -125.0, -66.8),  # contiguous United States
    (41.6, 83.2, -141.1, -52.5),  # Canada
    (51.2, 71.5, -180.0, -129.9),  # Alaska
    (51.2, 53.1, 172.0, 180.0),  # western Aleutians
    (18.8, 22.3, -160.3, -154.7),  # Hawaii
    (17.8, 18.6, -67.3, -65.2),  # Puerto Rico
)
# The US-Mexico border as (longitude, latitude) vertices, west to east; points south of it
# inside its longitude span are in Mexico.
_MEXICO_BORDER = (
    (-117.13, 32.53),
    (-114.72, 32.72),
    (-111.07, 31.33),
    (-108.21, 31.33),
    (-108.21, 31.78),
    (-106.53, 31.78),
    (-106.50, 31.755),
    (-106.45, 31.745),
    (-106.20, 31.47),
    (-105.00, 30.68),
    (-104.40, 29.57),
    (-103.15, 28.97),
    (-102.40, 29.76),
    (-101.40, 29.77),
    (-100.93, 29.31),
    (-100.50, 28.70),
    (-99.50, 27.50),
    (-99.10, 26.45),
    (-98.27, 26.09),
    (-97.95, 26.06),
    (-97.74, 26.04),
    (-97.50, 25.885),
    (-97.14, 25.96),
)


def normalize_words(value: str) -> tuple[str, ...]:
    """Lowercase ASCII words, "St."/"Ste." spelled out, "City and Borough of X" → "X city
    and borough"."""
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\bste\b\.?", " sainte ", text)
    text = re.sub(r"\bst\b\.?", " saint ", text)
    text = text.replace("'", "")
    words = tuple(re.sub(r"[^a-z0-9]+", " ", text).split())
    for form in _LEADING_FORMS:
        if words[: len(form)] == form and len(words) > len(form):
            words = words[len(form) :] + form[:-1]
            break
    return words


def strip_suffix(words: tuple[str, ...]) -> tuple[str, ...]:
    for suffix in _AREA_SUFFIXES:
        if len(words) > len(suffix) and words[-len(suffix) :] == suffix:
            return words[: -len(suffix)]
    return words


def name_key(value: str) -> str:
    """The full matching key of a county name: "DeKalb County" and "De Kalb county" agree."""
    return "".join(normalize_words(value))


def base_key(value: str) -> str:
    """The key without its kind: "Orleans Parish" → "orleans"."""
    return "".join(strip_suffix(normalize_words(value)))


def area_code(country: str, region: str, name: str) -> str:
    """A stable identifier for a county-equivalent, e.g. US-TX-HARRIS, US-VA-FAIRFAX-CITY."""
    words = strip_suffix(normalize_words(name))
    return "-".join((country.upper(), region.upper(), *words)).upper()


def _unit_vector(latitude: float, longitude: float) -> tuple[float, float, float]:
    lat, lon = math.radians(latitude), math.radians(longitude)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _border_latitude(longitude: float) -> float | None:
    points = _MEXICO_BORDER
    if not points[0][0] <= longitude <= points[-1][0]:
        return None
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(points):
        if lon1 <= longitude <= lon2:
            if lon2 == lon1:
                return max(lat1, lat2)
            return lat1 + (lat2 - lat1) * (longitude - lon1) / (lon2 - lon1)
    return None


def in_covered_territory(latitude: float, longitude: float) -> bool:
    """Roughly: is the point in the United States (with Puerto Rico) or Canada?"""
    inside = any(s <= latitude <= n and w <= longitude <= e for s, n, w, e in _BOUNDING_BOXES)
    if not inside:
        return False
    border = _border_latitude(longitude)
    return border is None or latitude >= border


@dataclass(frozen=True, slots=True)
class Area:
    """One county (or equivalent) or province, and the office that covers it."""

    code: str
    country: str
    region: str
    name: str
    latitude: float
    longitude: float
    office_code: str


@dataclass(frozen=True, slots=True)
class ReferencePoint:
    """An extra point that belongs to an area (e.g. a city inside a large province)."""

    area_code: str
    latitude: float
    longitude: float


# Cell edge on the unit sphere: 0.02 rad is about 127 km, a couple of county widths.
_CELL = 0.02
_MAX_RINGS = 8


def _cell(vector: tuple[float, float, float]) -> tuple[int, int, int]:
    return (
        math.floor(vector[0] / _CELL),
        math.floor(vector[1] / _CELL),
        math.floor(vector[2] / _CELL),
    )


class JurisdictionMap:
    """An immutable index of areas. Build once, query many times from any thread."""

    def __init__(
        self,
        areas: Iterable[Area],
        *,
        zip_areas: Mapping[str, str] | None = None,
        reference_points: Iterable[ReferencePoint] = (),
    ) -> None:
        self._areas: dict[str, Area] = {area.code: area for area in areas}
        self._zip_areas: Mapping[str, str] = zip_areas or {}
        self._by_name: dict[tuple[str, str, str], str] = {}
        ambiguous: set[tuple[str, str, str]] = set()
        for area in self._areas.values():
            region = area.region.upper()
            for key in {name_key(area.name), base_key(area.name)}:
                slot = (area.country.upper(), region, key)
                if slot in self._by_name and self._by_name[slot] != area.code:
                    ambiguous.add(slot)
                self._by_name[slot] = area.code
        for slot in ambiguous:
            del self._by_name[slot]
        self._points: list[tuple[float, float, float, str]] = []
        self._grid: dict[tuple[int, int, int], list[int]] = defaultdict(list)
        located = [(a.latitude, a.longitude, a.code) for a in self._areas.values()]
        located += [
            (p.latitude, p.longitude, p.area_code)
            for p in reference_points
            if p.area_code in self._areas
        ]
        for latitude, longitude, code in located:
            vector = _unit_vector(latitude, longitude)
            self._grid[_cell(vector)].append(len(self._points))
            self._points.append((*vector, code))

    def __len__(self) -> int:
        return len(self._areas)

    @property
    def areas(self) -> Mapping[str, Area]:
        return self._areas

    def area(self, code: str) -> Area | None:
        return self._areas.get(code.upper())

    def area_for(self, region: str, county: str, *, country: str | None = None) -> Area | None:
        """Match a county name accent- and case-insensitively, with or without its kind."""
        region = (region or "").strip().upper()
        if not region or not county or not county.strip():
            return None
        countries = [country.upper()] if country else ["US", "CA"]
        for candidate in countries:
            for key in (name_key(county), base_key(county)):
                code = self._by_name.get((candidate, region, key))
                if code is not None:
                    return self._areas[code]
        return None

    def area_for_point(self, latitude: float, longitude: float) -> Area | None:
        """The US county whose outline holds the point (`counties.county_at`), else the area
        whose centroid (or reference point) is nearest; None outside the US and Canada."""
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            return None
        if not self._points or not in_covered_territory(latitude, longitude):
            return None
        county = county_at(latitude, longitude)
        if county is not None:
            area = self.area_for(county.state, county.name, country="US")
            if area is not None:
                return area
        return self.nearest_area(latitude, longitude)

    def nearest_area(self, latitude: float, longitude: float) -> Area | None:
        """The area whose centroid (or reference point) is nearest the point."""
        index = self._nearest_index(_unit_vector(latitude, longitude))
        return None if index is None else self._areas[self._points[index][3]]

    def _nearest_index(self, target: tuple[float, float, float]) -> int | None:
        # Search cubic shells of grid cells outwards. After shell k every unseen point is at
        # least k cells away (chord length), so stop once the best chord is within that.
        # Far from every point (tiny maps) a plain scan is cheaper than more shells.
        cx, cy, cz = _cell(target)
        best_index, best_chord2 = None, math.inf
        for ring in range(_MAX_RINGS):
            for cell in _shell((cx, cy, cz), ring):
                for index in self._grid.get(cell, ()):
                    chord2 = _chord2(self._points[index], target)
                    if chord2 < best_chord2:
                        best_index, best_chord2 = index, chord2
            if best_index is not None and best_chord2 <= (ring * _CELL) ** 2:
                return best_index
        return self._scan_index(target)

    def _scan_index(self, target: tuple[float, float, float]) -> int | None:
        return min(
            range(len(self._points)),
            key=lambda index: _chord2(self._points[index], target),
            default=None,
        )

    def nearest_area_by_scan(self, latitude: float, longitude: float) -> Area | None:
        """The same answer as `nearest_area` by checking every point (reference for tests
        and the benchmark)."""
        target = _unit_vector(latitude, longitude)
        best = min(
            self._points,
            key=lambda point: _chord2(point, target),
            default=None,
        )
        return None if best is None else self._areas[best[3]]

    def area_for_zip(self, zip_code: str) -> Area | None:
        digits = (zip_code or "").strip()[:5]
        code = self._zip_areas.get(digits)
        return None if code is None else self._areas.get(code)

    def office_for(self, region: str, county: str, *, country: str | None = None) -> str | None:
        area = self.area_for(region, county, country=country)
        return None if area is None else area.office_code

    def office_for_point(self, latitude: float, longitude: float) -> str | None:
        area = self.area_for_point(latitude, longitude)
        return None if area is None else area.office_code

    def office_for_zip(self, zip_code: str) -> str | None:
        area = self.area_for_zip(zip_code)
        return None if area is None else area.office_code


def _chord2(point: tuple[float, float, float, str], target: tuple[float, float, float]) -> float:
    return (point[0] - target[0]) ** 2 + (point[1] - target[1]) ** 2 + (point[2] - target[2]) ** 2


def _shell(center: tuple[int, int, int], ring: int) -> Iterable[tuple[int, int, int]]:
    cx, cy, cz = center
    if ring == 0:
        yield center
        return
    for dx in range(-ring, ring + 1):
        for dy in range(-ring, ring + 1):
            if abs(dx) == ring or abs(dy) == ring:
                for dz in range(-ring, ring + 1):
                    yield (cx + dx, cy + dy, cz + dz)
            else:
                yield (cx + dx, cy + dy, cz - ring)
                yield (cx + dx, cy + dy, cz + ring)


def _current(jurisdiction: JurisdictionMap | None) -> JurisdictionMap:
    if jurisdiction is not None:
        return jurisdiction
    from amparo.network.selectors import current_jurisdiction

    return current_jurisdiction()


def office_for(
    state: str, county: str, *, jurisdiction: JurisdictionMap | None = None
) -> str | None:
    """Code of the office covering `county` in `state` (US state or Canadian province)."""
    return _current(jurisdiction).office_for(state, county)


def office_for_point(
    lat: float, lon: float, *, jurisdiction: JurisdictionMap | None = None
) -> str | None:
    """Code of the office covering the point's area (`JurisdictionMap.area_for_point`)."""
    return _current(jurisdiction).office_for_point(lat, lon)


def office_for_zip(zip_code: str, *, jurisdiction: JurisdictionMap | None = None) -> str | None:
    """Code of the office covering the county of a US ZIP code (ZIP+4 accepted)."""
    return _current(jurisdiction).office_for_zip(zip_code)


@dataclass(frozen=True)
class Place:
    """Where something happens or someone lives, as precisely as it is known."""

    state: str = ""  # US state or Canadian province code
    county: str = ""
    zip_code: str = ""
    country: str = ""  # ISO code; a ZIP code is only read for the US (or unknown)
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Covering:
    office_code: str
    chosen_by: str  # "county", "zip" or "point": how precise the answer is


def office_covering(
    place: Place, *, jurisdiction: JurisdictionMap | None = None
) -> Covering | None:
    """The one answer to "which office covers this place": by state and county, else by
    US ZIP code, else by the county whose outline holds the coordinates (or the nearest
    area); None when none applies."""
    map_ = _current(jurisdiction)
    state, county = place.state.strip(), place.county.strip()
    if state and county:
        code = map_.office_for(state, county)
        if code:
            return Covering(code, "county")
    zip_code = place.zip_code.strip()
    if zip_code and place.country.strip().upper() in ("", "US"):
        code = map_.office_for_zip(zip_code)
        if code:
            return Covering(code, "zip")
    if place.latitude is not None and place.longitude is not None:
        code = map_.office_for_point(place.latitude, place.longitude)
        if code:
            return Covering(code, "point")
    return None
