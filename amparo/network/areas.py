"""The shipped geography: US counties (derived from the `zipcodes` package), Canadian
provinces and territories (hand-entered), and the ZIP → county map.

County centroids are the mean position of a county's ZIP codes, written once to
data/us_counties.csv by `manage.py build_county_data`, so the list does not move when the
`zipcodes` package is upgraded. The ZIP map is built from the package on first use
(about half a second) and cached for the life of the process.
"""

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from amparo.network.jurisdiction import ReferencePoint, area_code, distance_km

DATA_DIR = Path(__file__).resolve().parent / "data"
US_COUNTIES_CSV = DATA_DIR / "us_counties.csv"
CA_PROVINCES_CSV = DATA_DIR / "ca_provinces.csv"
CA_PLACES_CSV = DATA_DIR / "ca_places.csv"
OFFICES_CSV = DATA_DIR / "offices.csv"

# The 50 states, the District of Columbia and Puerto Rico (the consulate in San Juan covers
# it); military and other territories' ZIP codes belong to no consular jurisdiction here.
# fmt: off
US_REGIONS = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY", "PR",
})
# fmt: on
CA_REGIONS = frozenset(
    ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]
)
AREA_FIELDS = ("code", "country", "region", "name", "latitude", "longitude")


@dataclass(frozen=True, slots=True)
class AreaRecord:
    code: str
    country: str
    region: str
    name: str
    latitude: float
    longitude: float


def county_records_from_zips(rows: Iterable[Mapping[str, Any]]) -> list[AreaRecord]:
    """Group ZIP rows by (state, county) and place each county at the mean of its ZIPs.

    Spellings that differ only in case, accents, "St."/"Saint" or a missing "County" /
    "Municipio" are one county, named by its most frequent spelling. Residential ("STANDARD") ZIPs are preferred for the
    centroid because PO boxes and single-company ZIPs cluster in town centres.
    """
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["state"] in US_REGIONS and row["county"] and row["active"]:
            groups[(row["state"], area_code("US", row["state"], row["county"]))].append(row)
    records: dict[str, AreaRecord] = {}
    for (state, code), members in sorted(groups.items()):
        spellings = Counter(row["county"] for row in members)
        name = max(spellings, key=lambda spelling: (spellings[spelling], len(spelling)))
        standard = [row for row in members if row["zip_code_type"] == "STANDARD"] or members
        latitude = sum(float(row["lat"]) for row in standard) / len(standard)
        longitude = sum(float(row["long"]) for row in standard) / len(standard)
        records[code] = AreaRecord(code, "US", state, name, round(latitude, 4), round(longitude, 4))
    return sorted(records.values(), key=lambda r: (r.region, r.name))


def write_area_csv(path: Path, records: Iterable[AreaRecord]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(AREA_FIELDS)
        for r in records:
            writer.writerow([r.code, r.country, r.region, r.name, r.latitude, r.longitude])


def read_area_csv(path: Path) -> list[AreaRecord]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            AreaRecord(
                row["code"],
                row["country"],
                row["region"],
                row["name"],
                float(row["latitude"]),
                float(row["longitude"]),
            )
            for row in csv.DictReader(handle)
        ]


@cache
def shipped_areas() -> tuple[AreaRecord, ...]:
    """Every US county-equivalent and Canadian province/territory shipped with Amparo."""
    return tuple(read_area_csv(US_COUNTIES_CSV) + read_area_csv(CA_PROVINCES_CSV))


@cache
def shipped_reference_points() -> tuple[ReferencePoint, ...]:
    """Large cities inside Canadian provinces: one centroid per province is too coarse to
    tell which province a point is in."""
    with CA_PLACES_CSV.open(newline="", encoding="utf-8") as handle:
        return tuple(
            ReferencePoint(row["area_code"], float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(handle)
        )


def zip_area_codes_from(
    rows: Iterable[Mapping[str, Any]], areas: Iterable[AreaRecord]
) -> dict[str, str]:
    """ZIP → area code. A ZIP whose county is blank or unknown goes to the nearest county
    centroid in its own state."""
    known = {area.code: area for area in areas if area.country == "US"}
    by_state: dict[str, list[AreaRecord]] = defaultdict(list)
    for area in known.values():
        by_state[area.region].append(area)
    result: dict[str, str] = {}
    for row in rows:
        state = row["state"]
        if state not in by_state:
            continue
        code = area_code("US", state, row["county"]) if row["county"] else ""
        if code not in known:
            lat, lon = float(row["lat"]), float(row["long"])
            code = min(
                by_state[state], key=lambda a: distance_km(lat, lon, a.latitude, a.longitude)
            ).code
        result[row["zip_code"]] = code
    return result


@cache
def zip_area_codes() -> Mapping[str, str]:
    import zipcodes

    return zip_area_codes_from(zipcodes.list_all(), shipped_areas())
