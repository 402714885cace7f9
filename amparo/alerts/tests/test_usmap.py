"""The board's map: the projection written in Python places a position inside its own
county as drawn by the shipped us-atlas file (projected with d3's geoAlbersUsa), insets
included; places off the map are None; the outlines are served as SVG."""

import pytest

from amparo.alerts.management.commands.alerts_draw_map import DRAWN
from amparo.network import atlas


def _inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[-1:] + ring[:-1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


@pytest.mark.parametrize(
    ("latitude", "longitude", "fips"),
    [
        (30.33, -97.78, "48453"),  # Austin, Travis County
        (36.74, -119.78, "06019"),  # Fresno
        (41.88, -87.63, "17031"),  # Chicago, Cook County
        (25.76, -80.19, "12086"),  # Miami-Dade
        (44.31, -69.78, "23011"),  # Augusta, Maine
        (61.20, -149.90, "02020"),  # Anchorage (the Alaska inset)
        (21.31, -157.86, "15003"),  # Honolulu (the Hawaii inset)
    ],
)
def test_a_position_falls_inside_its_county(latitude: float, longitude: float, fips: str) -> None:
    point = atlas.project(latitude, longitude)
    assert point is not None
    assert any(_inside(point, ring) for ring in atlas.county_rings(fips))


def test_places_off_the_map_have_no_point() -> None:
    assert atlas.project(19.43, -99.13) is None  # Mexico City
    assert atlas.project(40.42, -3.70) is None  # Madrid
    assert atlas.project(-33.9, 151.2) is None  # Sydney


def test_the_static_map_is_drawn_from_the_shipped_atlas() -> None:
    """Run `manage.py alerts_draw_map` after changing network.atlas or the atlas."""
    assert DRAWN.read_text(encoding="utf-8") == atlas.outline_svg()
    svg = atlas.outline_svg()
    assert svg.startswith("<svg") and svg.count("<path") == 2 and len(svg) < 700_000
