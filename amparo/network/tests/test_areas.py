"""The shipped geography and how it is derived from ZIP rows: no database."""

from collections import Counter

from amparo.network.areas import (
    US_REGIONS,
    county_records_from_zips,
    shipped_areas,
    shipped_reference_points,
    zip_area_codes,
    zip_area_codes_from,
)


def _zip(
    code: str, state: str, county: str, lat: float, lon: float, *, kind: str = "STANDARD"
) -> dict[str, object]:
    return {
        "zip_code": code,
        "state": state,
        "county": county,
        "lat": str(lat),
        "long": str(lon),
        "zip_code_type": kind,
        "active": True,
    }


ROWS = [
    _zip("78701", "TX", "Travis County", 30.0, -97.0),
    _zip("78702", "TX", "Travis County", 31.0, -98.0),
    _zip("78799", "TX", "Travis County", 40.0, -90.0, kind="PO BOX"),
    _zip("22030", "VA", "Fairfax City", 38.8, -77.3),
    _zip("22031", "VA", "Fairfax city", 38.8, -77.3),
    _zip("22032", "VA", "Fairfax County", 38.9, -77.2),
    _zip("00901", "PR", "San Juan Municipio", 18.4, -66.1),
    _zip("00902", "PR", "San Juan", 18.4, -66.1),
    _zip("09001", "AE", "", 50.0, 8.0, kind="MILITARY"),
    _zip("78703", "TX", "", 30.1, -97.1, kind="PO BOX"),
]


def test_a_county_sits_at_the_mean_of_its_residential_zips() -> None:
    records = {record.code: record for record in county_records_from_zips(ROWS)}
    travis = records["US-TX-TRAVIS"]
    assert (travis.latitude, travis.longitude) == (30.5, -97.5)
    assert travis.name == "Travis County"


def test_spellings_of_one_county_become_one_area() -> None:
    codes = [record.code for record in county_records_from_zips(ROWS)]
    assert sorted(codes) == [
        "US-PR-SAN-JUAN",
        "US-TX-TRAVIS",
        "US-VA-FAIRFAX",
        "US-VA-FAIRFAX-CITY",
    ]


def test_a_zip_without_county_goes_to_the_nearest_county_of_its_state() -> None:
    areas = county_records_from_zips(ROWS)
    zips = zip_area_codes_from(ROWS, areas)
    assert zips["78703"] == "US-TX-TRAVIS"
    assert zips["22031"] == "US-VA-FAIRFAX-CITY"
    assert "09001" not in zips


def test_the_shipped_counties_cover_every_state_once() -> None:
    areas = shipped_areas()
    us = [area for area in areas if area.country == "US"]
    assert len(us) > 3000
    assert {area.region for area in us} == US_REGIONS
    assert len({area.code for area in areas}) == len(areas)
    assert Counter(area.country for area in areas)["CA"] == 13
    by_region = Counter(area.region for area in us)
    assert by_region["DC"] == 1
    assert by_region["TX"] >= 254


def test_every_reference_point_names_a_shipped_province() -> None:
    codes = {area.code for area in shipped_areas()}
    assert {point.area_code for point in shipped_reference_points()} <= codes


def test_every_zip_of_the_covered_states_maps_to_a_shipped_area() -> None:
    codes = {area.code for area in shipped_areas()}
    zips = zip_area_codes()
    assert len(zips) > 40000
    assert set(zips.values()) <= codes
    assert zips["78701"] == "US-TX-TRAVIS"  # Austin
    assert zips["60601"] == "US-IL-COOK"  # Chicago
