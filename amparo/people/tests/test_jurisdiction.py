"""The office suggested by the address abroad, and derived fields kept by bulk writes."""

from collections.abc import Iterator

import pytest
from django.urls import reverse

from amparo.accounts.models import User
from amparo.conftest import Network
from amparo.core.crypto import blind_index
from amparo.network.models import Office
from amparo.network.selectors import invalidate_jurisdiction
from amparo.network.tests.factories import JurisdictionAreaFactory
from amparo.people.models import Person
from amparo.people.selectors import office_suggestion, office_suggestion_for
from amparo.people.tests.factories import PersonFactory
from amparo.people.tests.test_record_views import EMPTY_ROWS


@pytest.fixture
def fresno(network: Network) -> Iterator[Office]:
    """Fresno County, California belongs to consulate B."""
    JurisdictionAreaFactory.create(
        code="US-CA-FRESNO",
        country="US",
        region="CA",
        name="Fresno County",
        latitude=36.76,
        longitude=-119.65,
        office=network.consulate_b,
    )
    invalidate_jurisdiction()
    yield network.consulate_b
    invalidate_jurisdiction()


def test_the_suggestion_follows_the_county_accent_and_case_blind(fresno: Office) -> None:
    assert office_suggestion(state="CA", county="fresno") == fresno
    assert office_suggestion(state="CA", county="Nowhere") is None
    assert office_suggestion(state="", county="Fresno") is None


def test_the_form_and_the_detail_page_show_the_suggestion(
    as_user, alice: User, fresno: Office, network: Network
) -> None:
    client = as_user(alice)
    partial = client.get(
        reverse("people:office_suggestion"), {"address_state": "ca", "address_county": "Fresno"}
    )
    assert "Consulado B" in partial.content.decode()
    person = PersonFactory.create(
        office=network.consulate_a, address_state="CA", address_county="Fresno County"
    )
    assert office_suggestion_for(person) == fresno
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Consulado B" in page


def test_central_administration_leaving_the_office_empty_gets_the_jurisdictions(
    as_user, adan: User, fresno: Office
) -> None:
    response = as_user(adan).post(
        reverse("people:create"),
        {
            "given_names": "Ana",
            "first_surname": "Ruiz",
            "sex": "F",
            "address_state": "CA",
            "address_county": "Fresno",
            **EMPTY_ROWS,
        },
    )
    assert response.status_code == 302
    assert Person.objects.get().office == fresno


def test_an_officer_keeps_their_own_office_whatever_the_address(
    as_user, alice: User, fresno: Office, network: Network
) -> None:
    as_user(alice).post(
        reverse("people:create"),
        {
            "given_names": "Ana",
            "first_surname": "Ruiz",
            "sex": "F",
            "address_state": "CA",
            "address_county": "Fresno",
        },
    )
    assert Person.objects.get().office == network.consulate_a


def test_bulk_create_fills_the_search_name_and_the_blind_indexes(network: Network) -> None:
    Person.objects.bulk_create(
        [
            Person(
                office=network.consulate_a,
                given_names="José",
                first_surname="Núñez",
                a_number="A-1234-5678",
                phone="213 555 0123",
            )
        ]
    )
    person = Person.objects.get()
    assert person.search_name == "jose nunez"
    assert person.a_number == "012345678"
    assert person.a_number_index == blind_index("012345678", "digits")
    assert person.phone_index == blind_index("+12135550123", "digits")
