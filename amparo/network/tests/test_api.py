import pytest

from amparo.audit.models import AccessRecord, Action
from amparo.network.models import JurisdictionChange

pytestmark = pytest.mark.django_db


def test_it_lists_offices_filtered_by_country_and_kind(as_user, alice, network) -> None:  # type: ignore[no-untyped-def]
    client = as_user(alice)
    codes = {o["code"] for o in client.get("/api/v1/network/offices").json()}
    assert {"TA", "TB", "TCIAM", "TSRE"} <= codes
    mexico = client.get("/api/v1/network/offices", {"country": "mx"}).json()
    assert [o["code"] for o in mexico] == ["TSRE"]
    centers = client.get("/api/v1/network/offices", {"kind": "contact_center"}).json()
    assert [o["code"] for o in centers] == ["TCIAM"]
    assert client.get("/api/v1/network/offices", {"kind": "palace"}).status_code == 422


def test_it_returns_one_office_or_404(as_user, bob, network) -> None:  # type: ignore[no-untyped-def]
    client = as_user(bob)
    body = client.get("/api/v1/network/offices/ta").json()
    assert (body["code"], body["name"], body["parent"]) == ("TA", "Consulado A", None)
    assert client.get("/api/v1/network/offices/NOPE").status_code == 404


def test_the_api_requires_a_session(client, network) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/network/offices").status_code == 401


def test_the_lookup_finds_the_office_by_county_point_or_zip(as_user, olga, travis) -> None:  # type: ignore[no-untyped-def]
    client = as_user(olga)
    url = "/api/v1/network/jurisdiction/lookup"
    by_county = client.get(url, {"state": "tx", "county": "Travis County"})
    assert by_county.status_code == 200
    assert by_county.json()["office"]["code"] == "TA"
    assert by_county.json()["area"]["code"] == "US-TX-TRAVIS"
    assert client.get(url, {"lat": 30.27, "lon": -97.74}).json()["method"] == "point"
    assert client.get(url, {"zip": "78701"}).json()["office"]["code"] == "TA"
    assert client.get(url, {"lat": 19.43, "lon": -99.13}).status_code == 404
    assert client.get(url, {"state": "TX", "county": "Atlantis"}).status_code == 404
    assert client.get(url).status_code == 422
    assert client.get(url, {"lat": 200, "lon": 0}).status_code == 422
    assert client.get(url, {"zip": "abcde"}).status_code == 422


def test_an_officer_cannot_reassign_an_area_but_the_central_admin_can(  # type: ignore[no-untyped-def]
    as_user, alice, adan, network, travis
) -> None:
    url = "/api/v1/network/jurisdiction/areas/US-TX-TRAVIS"
    payload = {"office_code": "TB", "reason": "Reorganización"}
    denied = as_user(alice).put(url, payload, content_type="application/json")
    assert denied.status_code == 403
    assert "detail" in denied.json()
    travis.refresh_from_db()
    assert travis.office == network.consulate_a

    admin = as_user(adan)
    response = admin.put(url, payload, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["office"] == "TB"
    assert JurisdictionChange.objects.filter(
        area=travis, changed_by=adan, reason="Reorganización"
    ).exists()
    assert AccessRecord.objects.filter(
        user=adan, action=Action.UPDATE, target_id=str(travis.pk)
    ).exists()
    lookup = admin.get("/api/v1/network/jurisdiction/lookup", {"state": "TX", "county": "Travis"})
    assert lookup.json()["office"]["code"] == "TB"


def test_reassigning_rejects_bad_input(as_user, adan, network, travis) -> None:  # type: ignore[no-untyped-def]
    client = as_user(adan)
    url = "/api/v1/network/jurisdiction/areas/US-TX-TRAVIS"

    def put(path: str, payload: dict[str, object]) -> int:
        return client.put(path, payload, content_type="application/json").status_code

    assert (
        put("/api/v1/network/jurisdiction/areas/US-TX-NOPE", {"office_code": "TB", "reason": "x"})
        == 404
    )
    assert put(url, {"office_code": "NOPE", "reason": "x"}) == 422
    assert put(url, {"office_code": "TSRE", "reason": "x"}) == 422
    assert put(url, {"office_code": "TA", "reason": "x"}) == 422
    assert put(url, {"office_code": "TB", "reason": ""}) == 422
    assert put(url, {"office_code": "TB", "reason": "   "}) == 422
    assert put(url, {"office_code": "TB"}) == 422
    assert client.post(url, "not json", content_type="application/json").status_code in {400, 422}
    assert not JurisdictionChange.objects.exists()
