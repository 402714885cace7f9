"""The pure lookups, on a tiny hand-made map: no database."""

import random

import pytest

from amparo.network.jurisdiction import (
    Area,
    JurisdictionMap,
    ReferencePoint,
    area_code,
    base_key,
    in_covered_territory,
    name_key,
    office_for,
    office_for_point,
    office_for_zip,
)

AREAS = [
    Area("US-TX-TRAVIS", "US", "TX", "Travis County", 30.33, -97.78, "AUS"),
    Area("US-TX-HARRIS", "US", "TX", "Harris County", 29.86, -95.39, "HOU"),
    Area("US-LA-ORLEANS", "US", "LA", "Orleans Parish", 29.97, -90.05, "MSY"),
    Area("US-MO-SAINT-LOUIS", "US", "MO", "St. Louis County", 38.65, -90.39, "MKC"),
    Area("US-MO-SAINT-LOUIS-CITY", "US", "MO", "St. Louis City", 38.63, -90.24, "MKC2"),
    Area("US-VA-FAIRFAX", "US", "VA", "Fairfax County", 38.85, -77.25, "WAS"),
    Area("US-VA-FAIRFAX-CITY", "US", "VA", "Fairfax City", 38.83, -77.35, "RDU"),
    Area("US-NM-DONA-ANA", "US", "NM", "Doña Ana County", 32.30, -106.80, "ELP"),
    Area("US-AK-JUNEAU", "US", "AK", "Juneau City and Borough", 58.32, -134.46, "SEA"),
    Area("CA-ON", "CA", "ON", "Ontario", 50.0, -85.3, "YYZ"),
    Area("CA-MB", "CA", "MB", "Manitoba", 55.0, -97.0, "YYC"),
]
ZIPS = {"78701": "US-TX-TRAVIS", "77002": "US-TX-HARRIS", "70112": "US-LA-ORLEANS"}
TORONTO = ReferencePoint("CA-ON", 43.65, -79.38)


@pytest.fixture
def jurisdiction() -> JurisdictionMap:
    return JurisdictionMap(AREAS, zip_areas=ZIPS, reference_points=[TORONTO])


@pytest.mark.parametrize(
    ("state", "county", "office"),
    [
        ("TX", "Travis County", "AUS"),
        ("tx", "travis", "AUS"),
        ("TX", "  HARRIS county ", "HOU"),
        ("LA", "Orleans", "MSY"),
        ("LA", "Orleans Parish", "MSY"),
        ("MO", "St. Louis", "MKC"),
        ("MO", "Saint Louis County", "MKC"),
        ("MO", "St Louis city", "MKC2"),
        ("VA", "Fairfax", "WAS"),
        ("VA", "Fairfax city", "RDU"),
        ("NM", "Dona Ana", "ELP"),
        ("NM", "DOÑA ANA COUNTY", "ELP"),
        ("AK", "City and Borough of Juneau", "SEA"),
        ("AK", "Juneau Borough", "SEA"),
        ("ON", "Ontario", "YYZ"),
    ],
)
def test_it_finds_the_office_by_county_name(
    jurisdiction: JurisdictionMap, state: str, county: str, office: str
) -> None:
    assert office_for(state, county, jurisdiction=jurisdiction) == office


@pytest.mark.parametrize(
    ("state", "county"),
    [("TX", "Harrison County"), ("CA", "Travis County"), ("", "Travis"), ("TX", ""), ("ZZ", "x")],
)
def test_it_answers_none_for_unknown_counties(
    jurisdiction: JurisdictionMap, state: str, county: str
) -> None:
    assert office_for(state, county, jurisdiction=jurisdiction) is None


def test_it_finds_the_office_of_the_nearest_county(jurisdiction: JurisdictionMap) -> None:
    assert office_for_point(30.27, -97.74, jurisdiction=jurisdiction) == "AUS"  # Austin
    assert office_for_point(29.76, -95.37, jurisdiction=jurisdiction) == "HOU"  # Houston
    assert office_for_point(58.30, -134.42, jurisdiction=jurisdiction) == "SEA"  # Juneau


def test_reference_points_pull_a_city_into_its_province(jurisdiction: JurisdictionMap) -> None:
    # Toronto is nearer the Ontario reference point than any centroid.
    assert office_for_point(43.70, -79.42, jurisdiction=jurisdiction) == "YYZ"


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (19.43, -99.13),  # Mexico City
        (32.50, -117.00),  # Tijuana, just south of the border
        (25.67, -100.31),  # Monterrey
        (48.86, 2.35),  # Paris
        (0.0, 0.0),
        (95.0, 0.0),  # not a coordinate
    ],
)
def test_it_answers_none_outside_the_us_and_canada(
    jurisdiction: JurisdictionMap, lat: float, lon: float
) -> None:
    assert office_for_point(lat, lon, jurisdiction=jurisdiction) is None


def test_the_border_line_keeps_us_border_cities_inside() -> None:
    assert in_covered_territory(32.72, -117.16)  # San Diego
    assert in_covered_territory(31.76, -106.49)  # El Paso
    assert in_covered_territory(25.90, -97.50)  # Brownsville
    assert not in_covered_territory(31.69, -106.42)  # Ciudad Juárez
    assert not in_covered_territory(25.87, -97.50)  # Matamoros


def test_the_grid_search_agrees_with_a_full_scan(jurisdiction: JurisdictionMap) -> None:
    rng = random.Random(7)
    for _ in range(500):
        lat, lon = rng.uniform(25, 70), rng.uniform(-140, -70)
        assert jurisdiction.nearest_area(lat, lon) == jurisdiction.nearest_area_by_scan(lat, lon)


def test_it_finds_the_office_by_zip(jurisdiction: JurisdictionMap) -> None:
    assert office_for_zip("78701", jurisdiction=jurisdiction) == "AUS"
    assert office_for_zip("70112-1234", jurisdiction=jurisdiction) == "MSY"
    assert office_for_zip("99999", jurisdiction=jurisdiction) is None
    assert office_for_zip("", jurisdiction=jurisdiction) is None


def test_an_empty_map_answers_none() -> None:
    empty = JurisdictionMap([])
    assert empty.office_for_point(30.0, -97.0) is None
    assert empty.office_for("TX", "Travis") is None


def test_names_normalize_to_one_key() -> None:
    assert name_key("DeKalb County") == name_key("De Kalb county") == "dekalbcounty"
    assert base_key("Ste. Genevieve County") == "saintegenevieve"
    assert area_code("US", "va", "Fairfax City") == "US-VA-FAIRFAX-CITY"
    assert area_code("US", "AK", "City and Borough of Juneau") == "US-AK-JUNEAU"
