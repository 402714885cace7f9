"""How much faster the jurisdiction map's grid finds the nearest county centroid than a
scan of every centroid, and what finding the county whose outline holds the point first
(office_for_point) costs and changes.

Run: python bench/jurisdiction.py  (no database needed; uses the shipped county data)
"""

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from amparo.network.areas import shipped_areas, shipped_reference_points  # noqa: E402
from amparo.network.jurisdiction import (  # noqa: E402
    Area,
    JurisdictionMap,
    distance_km,
    in_covered_territory,
)

QUERIES = 5_000


def brute_force(areas: list[Area], lat: float, lon: float) -> Area | None:
    """The baseline: haversine to every centroid, keep the nearest."""
    if not in_covered_territory(lat, lon):
        return None
    return min(areas, key=lambda a: distance_km(lat, lon, a.latitude, a.longitude))


def main() -> None:
    areas = [
        Area(r.code, r.country, r.region, r.name, r.latitude, r.longitude, r.code)
        for r in shipped_areas()
    ]
    started = time.perf_counter()
    jurisdiction = JurisdictionMap(areas)  # centroids only, so both sides search the same points
    build_seconds = time.perf_counter() - started
    rng = random.Random(42)
    # Where people are: ZIP code positions, jittered by up to ~10 km.
    import zipcodes

    places = [(float(z["lat"]), float(z["long"])) for z in zipcodes.list_all()]
    points = [
        (lat + rng.uniform(-0.1, 0.1), lon + rng.uniform(-0.1, 0.1))
        for lat, lon in rng.sample(places, QUERIES)
    ]

    started = time.perf_counter()
    nearest = [
        jurisdiction.nearest_area(lat, lon) if in_covered_territory(lat, lon) else None
        for lat, lon in points
    ]
    grid_seconds = time.perf_counter() - started
    fast = [area.code if area else None for area in nearest]

    started = time.perf_counter()
    held = [jurisdiction.office_for_point(lat, lon) for lat, lon in points]
    outline_seconds = time.perf_counter() - started
    moved = sum(1 for a, b in zip(held, fast, strict=True) if a != b)

    started = time.perf_counter()
    slow = [brute_force(areas, lat, lon) for lat, lon in points]
    scan_seconds = time.perf_counter() - started

    disagreements = sum(1 for a, b in zip(fast, slow, strict=True) if a != (b.code if b else None))
    print(
        f"areas: {len(areas)}  (+{len(shipped_reference_points())} reference points in production maps)"
    )
    print(f"map build: {build_seconds * 1000:.1f} ms")
    print(f"nearest centroid, grid: {grid_seconds / QUERIES * 1e6:.1f} µs/lookup")
    print(f"brute-force scan: {scan_seconds / QUERIES * 1e6:.1f} µs/lookup")
    print(f"speed-up: {scan_seconds / grid_seconds:.1f}x  disagreements: {disagreements}/{QUERIES}")
    print(
        f"office_for_point (the county outline first): {outline_seconds / QUERIES * 1e6:.1f} "
        f"µs/lookup; {moved}/{QUERIES} points lie in another county than the nearest "
        "centroid's (each county is its own office in this map)"
    )
    if disagreements:
        sys.exit(1)


if __name__ == "__main__":
    main()
