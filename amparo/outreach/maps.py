"""The county map of the outreach report, drawn on the server as SVG: one circle per
county where events were held, its area proportional to the people reached, its shade
by how many protection cases the office opened per 1,000 people reached. No tiles, no
script: it obeys the Content-Security-Policy and prints. Pure Python, no database."""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT = 960, 540
# The contiguous United States and southern Canada (equirectangular, longitude scaled by
# the cosine of the middle latitude so shapes are not stretched).
WEST, EAST, SOUTH, NORTH = -126.0, -65.0, 23.0, 50.5
MAX_RADIUS = 28.0
# Fills of the four shades, lightest first. Attributes rather than CSS classes: the map is
# its own SVG document (an <img> on the report page), which the site's stylesheet does not
# reach and whose Content-Security-Policy allows no inline <style>.
SHADE_FILLS = ("#d9b8c4", "#b5717f", "#9f2241", "#611232")
SHADES = len(SHADE_FILLS)


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    radius: float
    shade: int
    label: str


@dataclass(frozen=True)
class CountyPoint:
    latitude: float
    longitude: float
    reach: int
    label: str
    office_code: str


def project(latitude: float, longitude: float) -> tuple[float, float] | None:
    """SVG coordinates of a point, or None when it falls outside the drawn region."""
    if not (WEST <= longitude <= EAST and SOUTH <= latitude <= NORTH):
        return None
    x = (longitude - WEST) / (EAST - WEST) * WIDTH
    y = (NORTH - latitude) / (NORTH - SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)


def shade_of(rate: float | None, cut_points: list[float]) -> int:
    if rate is None:
        return 0
    return sum(1 for cut in cut_points if rate > cut)


def quartile_cuts(rates: Iterable[float]) -> list[float]:
    ordered = sorted(rates)
    if not ordered:
        return []
    return [ordered[min(len(ordered) - 1, (len(ordered) * q) // SHADES)] for q in range(1, SHADES)]


def county_circles(
    points: Iterable[CountyPoint], rate_by_office: Mapping[str, float | None]
) -> tuple[list[Circle], int]:
    """Circles for the points inside the drawn region (largest first, so small ones stay
    on top), and how many points fell outside it (Alaska, Hawaii, most of Canada)."""
    points = list(points)
    largest = max((p.reach for p in points), default=0)
    cuts = quartile_cuts(r for r in rate_by_office.values() if r is not None)
    circles, outside = [], 0
    for point in sorted(points, key=lambda p: -p.reach):
        where = project(point.latitude, point.longitude)
        if where is None:
            outside += 1
            continue
        radius = MAX_RADIUS * math.sqrt(point.reach / largest) if largest else 2.0
        circles.append(
            Circle(
                x=where[0],
                y=where[1],
                radius=round(max(radius, 2.0), 1),
                shade=shade_of(rate_by_office.get(point.office_code), cuts),
                label=point.label,
            )
        )
    return circles, outside


def svg_circles(circles: Iterable[Circle]) -> SafeString:
    """The circles as SVG elements, every value escaped (format_html_join). Written here
    rather than as a template loop: a network map has ~3,200 of them (docs/decisions.md)."""
    return format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="{}" fill="{}"><title>{}</title></circle>',
        ((c.x, c.y, c.radius, SHADE_FILLS[c.shade], c.label) for c in circles),
    )
