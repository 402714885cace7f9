"""Enrolling at the consulate: the person's page leads to the form, the officer adds
trusted contacts and shows a one-time QR code the phone trades for its credential; bad
input is refused with nothing written; phones and the enrolment can be revoked."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from amparo.accounts.models import User
from amparo.alerts import enrolment
from amparo.alerts.models import Device, Registrant, TrustedContact
from amparo.alerts.tests.conftest import Enrolled, phone_client, raise_alert
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.cases.tests.factories import actor_for, person_in
from amparo.conftest import Network

PROVISION = "/api/v1/alerts/device/provision"


def test_the_officer_enrols_adds_a_contact_and_activates_a_phone(
    as_user, client, network: Network, alice: User
) -> None:
    load_case_taxonomy()
    person = person_in(network.consulate_a, phone="(512) 555-0100")
    officer = as_user(alice)
    page = officer.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert f"{reverse('alerts:enrol')}?person={person.pk}" in page
    url = f"{reverse('alerts:enrol')}?person={person.pk}"
    missing = officer.post(url, {"phone": "(512) 555-0100", "language": "es", "pin": "12"})
    assert missing.status_code == 400 and not Registrant.objects.exists()
    done = officer.post(url, {"phone": "(512) 555-0100", "language": "es", "pin": "2468",
                              "notice_accepted": "on"})  # fmt: skip
    registrant = Registrant.objects.get()
    assert done.url == reverse("alerts:registrant", args=[registrant.pk])
    assert registrant.phone == "+15125550100" and registrant.home_state == person.address_state
    officer.post(reverse("alerts:contact_add", args=[registrant.pk]), {
        "name": "Juan", "relation": "spouse", "phone": "(512) 555-0111", "language": "es",
        "sees": ["received", "seen", "safe"]})  # fmt: skip
    assert TrustedContact.objects.get().sees == ["received", "safe", "seen"]
    assert officer.get(url).url == reverse("alerts:registrant", args=[registrant.pk])

    qr = officer.post(reverse("alerts:activation_qr", args=[registrant.pk]))
    assert "no-store" in qr["Cache-Control"]
    found = re.search(r'id="activation-url">[^#]+#([\w-]+)<', qr.content.decode())
    assert found is not None
    code = found.group(1)
    answer = client.post(
        PROVISION, {"code": code, "label": "iPhone"}, content_type="application/json"
    )
    assert answer.status_code == 201
    credential = answer.json()["credential"]
    assert Device.objects.get().credential_hash != credential  # only its digest is kept
    again = client.post(PROVISION, {"code": code}, content_type="application/json")
    assert again.status_code == 422 and "no es válido" in again.json()["detail"]
    assert phone_client(credential).get("/api/v1/alerts/device/me").json()["contacts"] == 1


def test_a_provisioning_code_expires(enrolled: Enrolled, alice: User, client, fixed_clock) -> None:  # type: ignore[no-untyped-def]
    code = enrolment.provisioning_code_issue(actor=actor_for(alice), registrant=enrolled.registrant)
    fixed_clock.shift(timedelta(minutes=16))
    answer = client.post(PROVISION, {"code": code}, content_type="application/json")
    assert answer.status_code == 422 and Device.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pin": "12ab"}, "pin"),
        ({"duress_pin": "2468"}, "duress_pin"),
        ({"notice_accepted": False}, "notice"),
        ({"phone": "no"}, "phone"),
        ({"contacts": [enrolment.ContactIn(name="X", relation="friend")]}, "contacts.0"),
        (
            {
                "contacts": [enrolment.ContactIn(name="X", relation="friend", phone="5125550100")]
                * 6
            },
            "contacts",
        ),
    ],
)
def test_bad_enrolments_are_refused_with_nothing_written(
    network: Network, alice: User, change: dict[str, object], field: str
) -> None:
    person = person_in(network.consulate_a)
    given = {"phone": "5125550100", "pin": "2468", "notice_accepted": True, **change}
    with pytest.raises(ValidationError) as refused:
        enrolment.registrant_enrol(actor=actor_for(alice), person=person, **given)  # type: ignore[arg-type]
    assert field in refused.value.message_dict
    assert not Registrant.objects.exists() and not TrustedContact.objects.exists()


def test_another_consulate_cannot_enrol_or_read_the_enrolment(
    as_user, enrolled: Enrolled, bob: User
) -> None:
    registrant = enrolled.registrant
    other = as_user(bob)
    assert other.get(reverse("alerts:registrant", args=[registrant.pk])).status_code == 404
    assert other.get(f"{reverse('alerts:enrol')}?person={registrant.person_id}").status_code == 404
    assert other.get(f"/api/v1/alerts/registrants/{registrant.pk}").status_code == 404
    with pytest.raises(PermissionDenied):
        enrolment.contact_add(actor=actor_for(bob), registrant=registrant,
                              contact=enrolment.ContactIn(name="X", relation="friend",
                                                          phone="5125550100"))  # fmt: skip


def test_the_api_enrols_and_issues_the_qr_code(as_user, network: Network, alice: User) -> None:
    person = person_in(network.consulate_a)
    officer = as_user(alice)
    created = officer.post("/api/v1/alerts/registrants", {
        "person_id": person.pk, "phone": "5125550100", "pin": "2468", "notice_accepted": True,
        "contacts": [{"name": "Juan", "relation": "spouse", "phone": "5125550111"}]},
        content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    registrant_id = created.json()["id"]
    assert set(created.json()["contacts"][0]["sees"]) == {"received", "seen", "help", "detained",
                                                          "released", "safe"}  # fmt: skip
    issued = officer.post(f"/api/v1/alerts/registrants/{registrant_id}/provisioning-codes")
    assert issued.status_code == 201 and issued.json()["url"].endswith("#" + issued.json()["code"])


def test_a_lost_phone_is_revoked_from_another_and_the_enrolment_can_be_deleted(
    as_user, enrolled: Enrolled, alice: User, client
) -> None:
    code = enrolment.provisioning_code_issue(actor=actor_for(alice), registrant=enrolled.registrant)
    new = client.post(PROVISION, {"code": code}, content_type="application/json").json()
    new_phone = phone_client(new["credential"])
    revoked = new_phone.post("/api/v1/alerts/device/other-phones/revocation", {"pin": "2468"},
                             content_type="application/json")  # fmt: skip
    assert revoked.status_code == 204
    assert raise_alert(enrolled.phone).status_code == 401  # the lost one
    assert raise_alert(new_phone).status_code == 201
    by_duress = new_phone.post("/api/v1/alerts/device/enrolment/deletion", {"pin": "1357"},
                               content_type="application/json")  # fmt: skip
    assert by_duress.status_code == 422  # deleting needs the real PIN
    deleted = new_phone.post("/api/v1/alerts/device/enrolment/deletion", {"pin": "2468"},
                             content_type="application/json")  # fmt: skip
    assert deleted.status_code == 204
    registrant = Registrant.objects.get()
    assert registrant.ended_at is not None and not TrustedContact.objects.exists()
    assert raise_alert(new_phone).status_code == 401
    assert registrant.alerts.count() == 1  # the alert stays with its case


def test_the_office_revokes_a_phone(as_user, enrolled: Enrolled, alice: User) -> None:
    device = Device.objects.get()
    as_user(alice).post(reverse("alerts:device_revoke", args=[device.pk]))
    assert raise_alert(enrolled.phone).status_code == 401


def test_a_phone_is_noted_as_seen_at_most_once_a_minute(enrolled: Enrolled, fixed_clock) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from amparo.alerts.models import Device

    assert enrolled.phone.get("/api/v1/alerts/device/me").status_code == 200
    first = Device.objects.get(registrant=enrolled.registrant).last_seen_at
    assert first is not None
    fixed_clock.shift(timedelta(seconds=50))
    enrolled.phone.get("/api/v1/alerts/device/me")
    assert Device.objects.get(registrant=enrolled.registrant).last_seen_at == first
    fixed_clock.shift(timedelta(seconds=10))
    enrolled.phone.get("/api/v1/alerts/device/me")
    assert Device.objects.get(registrant=enrolled.registrant).last_seen_at == first + timedelta(
        seconds=60
    )
