"""Which US county holds a point, from the shipped us-atlas outlines (`network.atlas`): the
point is projected as the atlas was (`atlas.project`) and tested against the county
polygons whose boxes hold it (even-odd rule, so holes count). The jurisdiction map asks this
first for a point (`JurisdictionMap.area_for_point`): the nearest county centre sends a
point in Long Beach or downtown Los Angeles to Orange County, whose centre is nearer than
Los Angeles County's.

The atlas is simplified at 1:10,000,000 and a pixel is about 4 km, so a point within a few
kilometres of a county line may land on either side. Counties are named as the atlas names
them ("Los Angeles", state from the FIPS code); a name the registry does not know (some of
Virginia's independent cities) finds no area, and the map falls back to the nearest
centre."""

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from amparo.network.atlas import Point, county_shapes, project

CELL = 10.0  # pixels: the index's cells
STATE_BY_FIPS = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "72": "PR",
}  # fmt: skip


@dataclass(frozen=True)
class County:
    state: str
    name: str
    rings: tuple[tuple[Point, ...], ...]


def county_at(latitude: float, longitude: float) -> County | None:
    """The county whose outline holds the point; None off the map or between outlines."""
    point = project(latitude, longitude)
    if point is None:
        return None
    cells = _index()
    for county in cells.get(_cell(point), ()):
        if _inside(point, county.rings):
            return county
    return None


@cache
def _index() -> dict[tuple[int, int], tuple[County, ...]]:
    """Each cell of the map with the counties whose bounding box touches it."""
    cells: dict[tuple[int, int], list[County]] = defaultdict(list)
    for fips, name, rings in county_shapes():
        state = STATE_BY_FIPS.get(fips[:2])
        if state is None:
            continue
        county = County(state, name, tuple(tuple(ring) for ring in rings))
        xs = [x for ring in rings for x, _y in ring]
        ys = [y for ring in rings for _x, y in ring]
        (left, top), (right, bottom) = _cell((min(xs), min(ys))), _cell((max(xs), max(ys)))
        for cx in range(left, right + 1):
            for cy in range(top, bottom + 1):
                cells[(cx, cy)].append(county)
    return {cell: tuple(found) for cell, found in cells.items()}


def _cell(point: Point) -> tuple[int, int]:
    return int(point[0] // CELL), int(point[1] // CELL)


def _inside(point: Point, rings: tuple[tuple[Point, ...], ...]) -> bool:
    """Even-odd rule: a ray to the right crosses the rings' edges an odd number of times."""
    x, y = point
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside
