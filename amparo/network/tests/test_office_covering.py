"""The one answer to "which office covers this place" (network.jurisdiction.office_covering)."""

from amparo.network.jurisdiction import Area, JurisdictionMap, Place, office_covering

JURISDICTION = JurisdictionMap(
    [
        Area("US-TX-TRAVIS", "US", "TX", "Travis County", 30.33, -97.78, "TA"),
        Area("US-CA-FRESNO", "US", "CA", "Fresno County", 36.76, -119.65, "TB"),
    ],
    zip_areas={"93721": "US-CA-FRESNO"},
)


def covering(**place: object) -> tuple[str, str] | None:
    found = office_covering(Place(**place), jurisdiction=JURISDICTION)  # type: ignore[arg-type]
    return None if found is None else (found.office_code, found.chosen_by)


def test_it_prefers_the_county_then_the_zip_code_then_the_coordinates() -> None:
    assert covering(state="TX", county="travis", zip_code="93721") == ("TA", "county")
    assert covering(state="TX", county="Nowhere", zip_code="93721") == ("TB", "zip")
    assert covering(latitude=30.2, longitude=-97.7) == ("TA", "point")
    assert covering() is None


def test_a_zip_code_is_read_only_for_the_united_states() -> None:
    assert covering(zip_code="93721", country="US") == ("TB", "zip")
    assert covering(zip_code="93721") == ("TB", "zip")  # country unknown
    assert covering(zip_code="93721", country="MX") is None
