import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amparo.audit.models import AccessRecord, Action
from amparo.network.models import JurisdictionChange

pytestmark = pytest.mark.django_db


def test_any_staff_member_sees_the_office_directory(as_user, alice, olga, network) -> None:  # type: ignore[no-untyped-def]
    for user in (alice, olga):
        response = as_user(user).get(reverse("network:offices"))
        assert response.status_code == 200
        assert "Consulado A" in response.content.decode()


def test_the_directory_filters_by_country_kind_and_search(as_user, alice, network) -> None:  # type: ignore[no-untyped-def]
    client = as_user(alice)

    def listed(**params: str) -> set[str]:
        page = client.get(reverse("network:offices"), params).content.decode()
        return {
            code for code in ("TA", "TB", "TCIAM", "TSRE") if f"/representaciones/{code}/" in page
        }

    assert listed() == {"TA", "TB", "TCIAM", "TSRE"}
    assert listed(country="MX") == {"TSRE"}
    assert listed(kind="contact_center") == {"TCIAM"}
    assert listed(q="fresno") == {"TB"}
    assert listed(q="ta") == {"TA"}


def test_the_directory_requires_sign_in(client, network) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("network:offices"))
    assert response.status_code == 302


def test_an_office_page_lists_its_counties(as_user, alice, network, travis) -> None:  # type: ignore[no-untyped-def]
    response = as_user(alice).get(reverse("network:office_detail", args=["TA"]))
    assert response.status_code == 200
    assert "Travis County" in response.content.decode()
    assert as_user(alice).get(reverse("network:office_detail", args=["NOPE"])).status_code == 404


def test_jurisdiction_pages_are_readable_by_staff(as_user, alice, travis) -> None:  # type: ignore[no-untyped-def]
    client = as_user(alice)
    assert "TX" in client.get(reverse("network:jurisdiction")).content.decode()
    region = client.get(reverse("network:jurisdiction_region", args=["US", "TX"]))
    assert "Travis County" in region.content.decode()
    detail = client.get(reverse("network:area_detail", args=["US-TX-TRAVIS"]))
    assert detail.status_code == 200
    assert "Reasignar" not in detail.content.decode()


def test_an_officer_cannot_reassign_but_the_central_admin_can(  # type: ignore[no-untyped-def]
    as_user, alice, adan, network, travis
) -> None:
    url = reverse("network:area_detail", args=["US-TX-TRAVIS"])
    data = {"office": "TB", "reason": "Nuevo convenio"}
    assert as_user(alice).post(url, data).status_code == 403
    travis.refresh_from_db()
    assert travis.office == network.consulate_a

    response = as_user(adan).post(url, data)
    assert response.status_code == 302
    travis.refresh_from_db()
    assert travis.office == network.consulate_b
    change = JurisdictionChange.objects.get(area=travis)
    assert (change.from_office, change.to_office, change.changed_by) == (
        network.consulate_a,
        network.consulate_b,
        adan,
    )
    assert AccessRecord.objects.filter(
        user=adan, action=Action.UPDATE, target_id=str(travis.pk), reason="Nuevo convenio"
    ).exists()
    assert "Nuevo convenio" in as_user(alice).get(url).content.decode()


def test_a_reassignment_needs_a_reason_and_an_eligible_office(
    as_user, adan, network, travis
) -> None:  # type: ignore[no-untyped-def]
    url = reverse("network:area_detail", args=["US-TX-TRAVIS"])
    client = as_user(adan)
    assert client.post(url, {"office": "TB", "reason": "  "}).status_code == 400
    assert client.post(url, {"office": "TSRE", "reason": "x"}).status_code == 400
    assert client.post(url, {"office": "TCIAM", "reason": "x"}).status_code == 400
    assert not JurisdictionChange.objects.exists()


def test_only_the_central_admin_imports_jurisdiction(as_user, ana, adan, network, travis) -> None:  # type: ignore[no-untyped-def]
    url = reverse("network:jurisdiction_import")
    assert as_user(ana).get(url).status_code == 403

    def upload(text: str, dry_run: bool) -> dict[str, object]:
        data: dict[str, object] = {
            "file": SimpleUploadedFile("j.csv", text.encode()),
            "reason": "Oficial",
        }
        if dry_run:
            data["dry_run"] = "on"
        return data

    good = "country,region,county_name,office_code\nUS,TX,Travis,TB\n"
    client = as_user(adan)
    assert client.get(url).status_code == 200
    response = client.post(url, upload(good, dry_run=True))
    assert response.status_code == 200 and "US-TX-TRAVIS: TA → TB" in response.content.decode()
    travis.refresh_from_db()
    assert travis.office == network.consulate_a

    bad = "country,region,county_name,office_code\nUS,TX,Travis,TB\nUS,TX,Atlantis,TB\n"
    response = client.post(url, upload(bad, dry_run=False))
    assert response.status_code == 400 and "Línea 3" in response.content.decode()
    travis.refresh_from_db()
    assert travis.office == network.consulate_a

    assert client.post(url, upload(good, dry_run=False)).status_code == 200
    travis.refresh_from_db()
    assert travis.office == network.consulate_b
