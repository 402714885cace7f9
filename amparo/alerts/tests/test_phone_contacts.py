"""The registrant edits their trusted contacts from the phone, behind the PIN; the duress
PIN shows none and changes nothing, while answering as if it did."""

from amparo.alerts.models import TrustedContact
from amparo.alerts.tests.conftest import Enrolled
from amparo.audit.models import AccessRecord

API = "/api/v1/alerts/device"


def _post(enrolled: Enrolled, path: str, body: dict[str, object]):  # type: ignore[no-untyped-def]
    return enrolled.phone.post(f"{API}{path}", body, content_type="application/json")


def test_the_phone_lists_adds_and_removes_contacts_with_the_pin(enrolled: Enrolled) -> None:
    assert _post(enrolled, "/contacts/list", {"pin": "0000"}).status_code == 422
    listed = _post(enrolled, "/contacts/list", {"pin": "2468"}).json()
    assert [c["name"] for c in listed] == ["Juan Pérez", "Ana"]
    added = _post(enrolled, "/contacts", {"pin": "2468", "contact": {
        "name": "Lic. Ortega", "relation": "other", "email": "ortega@example.com",
        "sees": ["detained", "released"]}})  # fmt: skip
    assert added.status_code == 201, added.content
    new = TrustedContact.objects.get(name="Lic. Ortega")
    assert new.sees == ["detained", "released"] and new.registrant == enrolled.registrant
    assert (
        _post(enrolled, f"/contacts/{listed[0]['id']}/removal", {"pin": "2468"}).status_code == 204
    )
    assert list(enrolled.registrant.contacts.values_list("name", flat=True)) == [
        "Ana",
        "Lic. Ortega",
    ]
    assert AccessRecord.objects.filter(target_type="alerts.trustedcontact").count() >= 2


def test_the_duress_pin_shows_no_contact_and_changes_nothing(enrolled: Enrolled) -> None:
    assert _post(enrolled, "/contacts/list", {"pin": "1357"}).json() == []
    first = enrolled.registrant.contacts.order_by("id").first()
    assert first is not None
    assert _post(enrolled, f"/contacts/{first.pk}/removal", {"pin": "1357"}).status_code == 204
    added = _post(enrolled, "/contacts", {"pin": "1357", "contact": {
        "name": "Falso", "relation": "other", "phone": "(512) 555-0190"}})  # fmt: skip
    assert added.status_code == 201
    assert enrolled.registrant.contacts.count() == 2
    assert not TrustedContact.objects.filter(name="Falso").exists()


def test_bad_contacts_and_a_sixth_are_refused(enrolled: Enrolled) -> None:
    no_address = _post(enrolled, "/contacts", {"pin": "2468", "contact": {
        "name": "Sin forma", "relation": "spouse"}})  # fmt: skip
    assert no_address.status_code == 422
    for n in range(3):
        assert _post(enrolled, "/contacts", {"pin": "2468", "contact": {
            "name": f"C{n}", "relation": "other", "phone": f"(512) 555-016{n}"}}).status_code == 201  # fmt: skip
    sixth = _post(enrolled, "/contacts", {"pin": "2468", "contact": {
        "name": "Sexto", "relation": "other", "phone": "(512) 555-0169"}})  # fmt: skip
    assert sixth.status_code == 422 and enrolled.registrant.contacts.count() == 5
