"""The US atlas: county and state outlines from the shipped us-atlas TopoJSON
(data/us-atlas/NOTICE.md), and the projection that places a position on it: d3's
geoAlbersUsa at scale 1300 around (487.5, 305), the one the file was projected with, written
out here (Alaska and Hawaii are insets). A point outside the three insets' extents (Canada's
north, Mexico, abroad) is not on the map. Routing reads the counties' outlines
(`network.counties`); the alert board draws them as SVG, with no tile server."""

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ATLAS = Path(__file__).parent / "data" / "us-atlas" / "counties-albers-10m.json"
WIDTH, HEIGHT = 975, 610
SCALE = 1300.0
TRANSLATE = (487.5, 305.0)
Point = tuple[float, float]


@dataclass(frozen=True)
class _Conic:
    """d3.geoConicEqualArea with its rotate, center, parallels, scale and translate."""

    rotate: float  # degrees added to the longitude
    center: Point  # (longitude, latitude) in the rotated frame
    parallels: Point
    scale: float
    translate: Point
    extent: tuple[Point, Point]  # the clip extent, in pixels

    def raw(self, lam: float, phi: float) -> Point:
        y0, y1 = (math.radians(p) for p in self.parallels)
        n = (math.sin(y0) + math.sin(y1)) / 2
        c = 1 + math.sin(y0) * (2 * n - math.sin(y0))
        r0 = math.sqrt(c) / n
        r = math.sqrt(c - 2 * n * math.sin(phi)) / n
        return r * math.sin(lam * n), r0 - r * math.cos(lam * n)

    def __call__(self, latitude: float, longitude: float) -> Point | None:
        lam = math.radians((longitude + self.rotate + 180) % 360 - 180)
        x, y = self.raw(lam, math.radians(latitude))
        cx, cy = self.raw(math.radians(self.center[0]), math.radians(self.center[1]))
        px = self.translate[0] + self.scale * (x - cx)
        py = self.translate[1] - self.scale * (y - cy)
        (left, top), (right, bottom) = self.extent
        return (px, py) if left <= px <= right and top <= py <= bottom else None


def _insets(k: float = SCALE, at: Point = TRANSLATE) -> tuple[_Conic, _Conic, _Conic]:
    x, y = at
    lower48 = _Conic(96, (-0.6, 38.7), (29.5, 45.5), k, at,
                     ((x - 0.455 * k, y - 0.238 * k), (x + 0.455 * k, y + 0.238 * k)))  # fmt: skip
    alaska = _Conic(154, (-2, 58.5), (55, 65), 0.35 * k, (x - 0.307 * k, y + 0.201 * k),
                    ((x - 0.425 * k, y + 0.120 * k), (x - 0.214 * k, y + 0.234 * k)))  # fmt: skip
    hawaii = _Conic(157, (-3, 19.9), (8, 18), k, (x - 0.205 * k, y + 0.212 * k),
                    ((x - 0.214 * k, y + 0.166 * k), (x - 0.115 * k, y + 0.234 * k)))  # fmt: skip
    return lower48, alaska, hawaii


INSETS = _insets()


def project(latitude: float, longitude: float) -> Point | None:
    """Where a position falls on the map (pixels), or None if off it."""
    for inset in INSETS:
        placed = inset(latitude, longitude)
        if placed is not None:
            return placed
    return None


@cache
def _topology() -> dict[str, Any]:
    with ATLAS.open(encoding="utf-8") as source:
        return json.load(source)


@cache
def _arcs() -> list[list[Point]]:
    """The arcs in pixels (TopoJSON's delta-encoded, quantized positions decoded)."""
    topology = _topology()
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _arc_indexes(geometry: dict[str, Any]) -> Iterator[int]:
    def walk(node: Any) -> Iterator[int]:
        if isinstance(node, int):
            yield node if node >= 0 else ~node
        else:
            for child in node:
                yield from walk(child)

    yield from walk(geometry.get("arcs", []))


def _path(indexes: Iterable[int]) -> str:
    """Each arc once, as an SVG path (shared borders are drawn once)."""
    arcs = _arcs()
    parts = []
    for index in sorted(set(indexes)):
        points = [f"{x:.1f} {y:.1f}" for x, y in arcs[index]]
        parts.append("M" + "L".join(points))
    return "".join(parts)


def _layer(name: str) -> str:
    geometries = _topology()["objects"][name]["geometries"]
    return _path(i for geometry in geometries for i in _arc_indexes(geometry))


@cache
def outline_svg() -> str:
    """The map as a standalone SVG document (counties, then states over them)."""

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>'
        f'<path d="{_layer("counties")}" fill="none" stroke="#d9d4ce" stroke-width="0.4"/>'
        f'<path d="{_layer("states")}" fill="none" stroke="#6f7271" stroke-width="0.9"/>'
        "</svg>\n"
    )


def county_rings(fips: str) -> list[list[Point]]:
    """The outer rings of one county's polygons, in pixels (for tests and checks)."""
    county = next(g for g in _topology()["objects"]["counties"]["geometries"] if g["id"] == fips)
    return [polygon[0] for polygon in _polygons(county)]


def county_shapes() -> Iterator[tuple[str, str, list[list[Point]]]]:
    """Every county as (FIPS code, name, every ring of its polygons, holes included)."""
    for county in _topology()["objects"]["counties"]["geometries"]:
        rings = [ring for polygon in _polygons(county) for ring in polygon]
        yield county["id"], county["properties"]["name"], rings


def _polygons(geometry: dict[str, Any]) -> list[list[list[Point]]]:
    """A (Multi)Polygon's polygons, each a list of rings in pixels (outer ring first)."""
    arcs = _arcs()
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    decoded = []
    for polygon in polygons:
        rings = []
        for indexes in polygon:
            ring: list[Point] = []
            for index in indexes:
                points = arcs[index] if index >= 0 else arcs[~index][::-1]
                ring.extend(points if not ring else points[1:])
            rings.append(ring)
        decoded.append(rings)
    return decoded
