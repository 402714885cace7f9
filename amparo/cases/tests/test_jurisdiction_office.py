"""The office a new case belongs to follows the beneficiary's address (county or ZIP)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from amparo.cases.services import case_open, jurisdiction_office_id
from amparo.cases.tests.factories import actor_for, person_in, subtype
from amparo.network.selectors import invalidate_jurisdiction
from amparo.network.tests.factories import JurisdictionAreaFactory


@pytest.fixture
def fresno(network):  # type: ignore[no-untyped-def]
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


def test_the_office_comes_from_the_address_county(alice, fresno) -> None:  # type: ignore[no-untyped-def]
    person = person_in(actor_for(alice).office)
    person.address_state, person.address_county = "CA", "fresno"
    assert jurisdiction_office_id(person) == fresno.pk


def test_without_an_address_the_owning_office_of_the_record_counts(alice, fresno) -> None:  # type: ignore[no-untyped-def]
    person = person_in(actor_for(alice).office)
    person.address_state, person.address_county = "", ""
    assert jurisdiction_office_id(person) == person.office_id
    person.address_state, person.address_county = "CA", "Nowhere County"
    assert jurisdiction_office_id(person) == person.office_id


def test_an_officer_of_another_office_must_say_why(alice, fresno) -> None:  # type: ignore[no-untyped-def]
    actor = actor_for(alice)
    person = person_in(actor.office)
    person.address_state, person.address_county = "CA", "Fresno County"
    with pytest.raises(ValidationError) as error:
        case_open(actor=actor, beneficiary=person, subtype=subtype(), channel="walk_in")
    assert "office_override_reason" in error.value.message_dict
    case = case_open(
        actor=actor,
        beneficiary=person,
        subtype=subtype(),
        channel="walk_in",
        office_override_reason="La persona está de paso en Texas.",
    )
    assert case.office == actor.office
    assert case.office_override_reason == "La persona está de paso en Texas."


def test_central_administration_opens_in_the_jurisdiction_office_by_default(  # type: ignore[no-untyped-def]
    adan, alice, fresno
) -> None:
    person = person_in(actor_for(alice).office)
    person.address_state, person.address_county = "CA", "Fresno County"
    case = case_open(actor=actor_for(adan), beneficiary=person, subtype=subtype(), channel="phone")
    assert case.office == fresno
    assert case.office_override_reason == ""


def test_the_open_form_shows_the_suggested_office(as_user, alice, bob, fresno) -> None:  # type: ignore[no-untyped-def]
    office = actor_for(alice).office
    person = person_in(office, address_state="CA", address_county="Fresno County")
    body = as_user(alice).get(reverse("cases:create"), {"person": person.pk}).content.decode()
    assert "Consulado B" in body
    assert "indique el motivo" in body
    local = person_in(office)
    body = as_user(alice).get(reverse("cases:create"), {"person": local.pk}).content.decode()
    assert "indique el motivo" not in body
