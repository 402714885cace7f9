"""Enrolling oneself from the web app: an SMS code proves the phone; the profile, the home
ZIP code (which picks the consulate), the PIN and the contacts make the enrolment; the same
code and the PIN re-activate a phone for someone already enrolled. Bad input leaves nothing."""

import re
from typing import Any

import pytest
from django.test import Client

from amparo.accounts.models import User
from amparo.alerts.models import Device, PhoneCheck, Registrant, TrustedContact
from amparo.alerts.tests.conftest import Enrolled, phone_client, raise_alert
from amparo.audit.models import AccessRecord
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.conftest import Network
from amparo.network.models import JurisdictionArea
from amparo.notifications.models import Notification
from amparo.people.models import Person

API = "/api/v1/alerts/device"
NEW_PHONE = "(512) 555-0199"


@pytest.fixture(autouse=True)
def _taxonomy_and_areas(areas: dict[str, JurisdictionArea]) -> None:
    load_case_taxonomy()


def _ask_code(client: Client, phone: str = NEW_PHONE) -> tuple[str, str]:
    response = client.post(f"{API}/enrolment/code", {"phone": phone, "language": "es"},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 202, response.content
    sms = Notification.objects.filter(kind="alert_enrolment_code").latest("pk")
    found = re.search(r"(\d{6})", sms.subject)
    assert found is not None
    return response.json()["request"], found.group(1)


def _profile(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "given_names": "Rosa Elena", "first_surname": "Quintanilla", "date_of_birth": "1990-04-02",
        "home_zip": "78701", "pin": "4826", "duress_pin": "9371", "notice_accepted": True,
        "label": "iPhone",
        "contacts": [{"name": "Pedro", "relation": "spouse", "phone": "(512) 555-0142",
                      "sees": ["received", "seen", "safe"]}],
    }  # fmt: skip
    body.update(overrides)
    return body


def _enrol(client: Client, request: str, code: str, **overrides: Any) -> Any:
    return client.post(f"{API}/enrolment", {"request": request, "code": code, **_profile(**overrides)},
                       content_type="application/json")  # fmt: skip


def test_someone_enrols_from_the_web_app_and_can_raise_an_alert(
    client: Client, network: Network, alice: User, as_user
) -> None:  # type: ignore[no-untyped-def]
    request, code = _ask_code(client)
    sms = Notification.objects.get(kind="alert_enrolment_code")
    assert sms.phone_e164 == "+15125550199" and "Quintanilla" not in sms.subject
    answer = _enrol(client, request, code)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["reactivated"] is False
    registrant = Registrant.objects.get()
    assert registrant.self_enrolled and registrant.enrolled_by is None
    assert registrant.office == network.consulate_a  # ZIP 78701 is Austin
    assert registrant.person.office == network.consulate_a
    assert registrant.person.full_name.startswith("Rosa Elena Quintanilla")
    assert [c.name for c in registrant.contacts.all()] == ["Pedro"]
    assert Device.objects.get().registrant == registrant
    assert AccessRecord.objects.filter(target_type="alerts.registrant", action="create").exists()
    # The phone works at once, and the code is spent.
    assert raise_alert(phone_client(body["credential"])).status_code == 201
    assert _enrol(client, request, code).status_code == 422
    # The officer sees that the identity was never checked.
    page = as_user(alice).get(f"/alertas/inscripciones/{registrant.pk}/").content.decode()
    assert "identidad no verificada" in page.lower()


def test_the_same_number_reactivates_with_the_pin_only(client: Client, enrolled: Enrolled) -> None:
    phone = "(512) 555-0100"  # the enrolled fixture's number
    request, code = _ask_code(client, phone)
    wrong = client.post(f"{API}/enrolment", {"request": request, "code": code, "pin": "1357"},
                        content_type="application/json")  # fmt: skip
    assert wrong.status_code == 422  # the duress PIN does not re-activate either
    answer = client.post(f"{API}/enrolment", {"request": request, "code": code, "pin": "2468"},
                         content_type="application/json")  # fmt: skip
    assert answer.status_code == 201 and answer.json()["reactivated"] is True
    assert enrolled.registrant.devices.count() == 2
    assert Registrant.objects.count() == 1 and Person.objects.count() == 1


def test_a_wrong_code_counts_and_five_spend_the_request(client: Client, network: Network) -> None:
    request, code = _ask_code(client)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        assert _enrol(client, request, wrong).status_code == 422
    assert _enrol(client, request, code).status_code == 422
    assert not Registrant.objects.exists() and not Person.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"home_zip": "10001"}, "consulado de su domicilio"),  # no consulate of the test network
        ({"pin": "12"}, "de 4 a 8"),
        ({"duress_pin": "4826"}, "distinto del PIN"),
        ({"notice_accepted": False}, "aviso de privacidad"),
        ({"contacts": [{"name": "Sin forma", "relation": "spouse"}]}, "teléfono o un correo"),
        ({"first_surname": ""}, "obligatorio"),
    ],
)
def test_bad_input_is_refused_and_leaves_nothing(
    client: Client, network: Network, overrides: dict[str, Any], reason: str
) -> None:
    request, code = _ask_code(client)
    answer = _enrol(client, request, code, **overrides)
    assert answer.status_code == 422, answer.content
    assert reason in answer.json()["detail"]
    assert not Registrant.objects.exists() and not Person.objects.exists()
    assert not TrustedContact.objects.exists() and not Device.objects.exists()
    # The code is not spent by a refusal: the person corrects the form and sends it again.
    assert _enrol(client, request, code).status_code == 201


def test_codes_per_number_are_limited(client: Client, network: Network) -> None:
    for _ in range(3):
        _ask_code(client)
    again = client.post(f"{API}/enrolment/code", {"phone": NEW_PHONE},
                        content_type="application/json")  # fmt: skip
    assert again.status_code == 429
    assert PhoneCheck.objects.count() == 3
    bad = client.post(f"{API}/enrolment/code", {"phone": "12"}, content_type="application/json")
    assert bad.status_code == 422


def test_the_officer_is_shown_the_record_the_person_probably_already_has(
    client: Client, network: Network, alice: User, as_user
) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from amparo.cases.tests.factories import person_in

    known = person_in(network.consulate_a, given_names="Rosa Elena", first_surname="Quintanilla",
                      date_of_birth=date(1990, 4, 2))  # fmt: skip
    request, code = _ask_code(client)
    assert _enrol(client, request, code).status_code == 201
    registrant = Registrant.objects.get()
    assert registrant.person != known  # never attached to a record by the phone's say-so
    page = as_user(alice).get(f"/alertas/inscripciones/{registrant.pk}/").content.decode()
    assert f"/personas/{known.pk}/" in page
