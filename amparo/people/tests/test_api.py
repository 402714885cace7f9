"""/api/v1/people: same rules and audit trail as the pages, errors as {"detail": ...}."""

import json
from collections.abc import Mapping

import pytest

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action, Outcome
from amparo.conftest import Network
from amparo.people.models import Person
from amparo.people.tests.factories import PersonFactory

PEOPLE = "/api/v1/people"
VALID = {
    "given_names": "María José",
    "first_surname": "García",
    "second_surname": "Ruiz",
    "date_of_birth": "1990-05-17",
    "sex": "F",
    "birth_state": "JAL",
}


def post(client, url: str, data: Mapping[str, object]):  # type: ignore[no-untyped-def]
    return client.post(url, json.dumps(data), content_type="application/json")


def patch(client, url: str, data: Mapping[str, object]):  # type: ignore[no-untyped-def]
    return client.patch(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def person_a(network: Network) -> Person:
    return PersonFactory.create(office=network.consulate_a, given_names="Juana")


def test_the_list_is_scoped_paginated_and_audited(
    as_user, alice: User, bob: User, person_a: Person, network: Network
) -> None:
    PersonFactory.create(office=network.consulate_b)

    response = as_user(alice).get(PEOPLE, {"q": "juana"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["id"] == person_a.pk
    assert as_user(bob).get(PEOPLE).json()["count"] == 1
    assert AccessRecord.objects.filter(action=Action.LIST, target_id="").count() == 2


def test_bob_gets_404_on_alices_person_and_the_attempt_is_recorded(
    as_user, alice: User, bob: User, person_a: Person
) -> None:
    url = f"{PEOPLE}/{person_a.pk}"

    hidden = as_user(bob).get(url)
    assert hidden.status_code == 404
    assert hidden.json() == {"detail": "No encontrado."}
    assert AccessRecord.objects.get().outcome == Outcome.DENIED

    shown = as_user(alice).get(url)
    assert shown.status_code == 200
    assert shown.json()["given_names"] == "Juana"
    assert AccessRecord.objects.filter(action=Action.VIEW, outcome=Outcome.ALLOWED).count() == 1


def test_create_puts_the_person_in_the_callers_office(
    as_user, alice: User, network: Network
) -> None:
    response = post(as_user(alice), PEOPLE, VALID)

    assert response.status_code == 201
    person = Person.objects.get()
    assert response.json()["id"] == person.pk
    assert person.office == network.consulate_a
    assert AccessRecord.objects.get().action == Action.CREATE


def test_only_central_administration_chooses_another_office(
    as_user, alice: User, adan: User, network: Network
) -> None:
    refused = post(as_user(alice), PEOPLE, {**VALID, "office_id": network.consulate_b.pk})
    assert refused.status_code == 403
    assert "detail" in refused.json()
    assert not Person.objects.exists()

    accepted = post(as_user(adan), PEOPLE, {**VALID, "office_id": network.consulate_b.pk})
    assert accepted.status_code == 201
    assert Person.objects.get().office == network.consulate_b


@pytest.mark.parametrize(
    "bad",
    [
        {"first_surname": ""},
        {"given_names": "   "},
        {"sex": "Z"},
        {"birth_state": "XX"},
        {"date_of_birth": "2999-01-01"},
        {"date_of_birth": "ayer"},
    ],
)
def test_bad_input_is_a_422_and_writes_nothing(
    as_user, alice: User, bad: dict[str, object]
) -> None:
    response = post(as_user(alice), PEOPLE, {**VALID, **bad})

    assert response.status_code == 422
    assert "detail" in response.json()
    assert not Person.objects.exists()
    assert not AccessRecord.objects.exists()


def test_the_auditor_and_the_analyst_cannot_create(as_user, aurora: User, ana: User) -> None:
    assert post(as_user(aurora), PEOPLE, VALID).status_code == 404
    assert post(as_user(ana), PEOPLE, VALID).status_code == 403
    assert not Person.objects.exists()


def test_patch_changes_only_the_given_fields_for_the_owner_and_404s_for_bob(
    as_user, alice: User, bob: User, person_a: Person
) -> None:
    url = f"{PEOPLE}/{person_a.pk}"

    assert patch(as_user(bob), url, {"given_names": "Otra"}).status_code == 404
    person_a.refresh_from_db()
    assert person_a.given_names == "Juana"
    assert AccessRecord.objects.get().username == "bob"

    response = patch(as_user(alice), url, {"given_names": "Juana Inés"})
    assert response.status_code == 200
    person_a.refresh_from_db()
    assert (person_a.given_names, person_a.first_surname) == ("Juana Inés", "Hernández")
    allowed = AccessRecord.objects.filter(action=Action.UPDATE, outcome=Outcome.ALLOWED)
    assert list(allowed.values_list("username", flat=True)) == ["alice"]


def test_patch_rejects_bad_values_without_writing(as_user, alice: User, person_a: Person) -> None:
    url = f"{PEOPLE}/{person_a.pk}"
    client = as_user(alice)
    assert patch(client, url, {"given_names": None}).status_code == 422
    assert patch(client, url, {"first_surname": ""}).status_code == 422
    assert patch(client, url, {"date_of_birth": "2999-01-01"}).status_code == 422
    person_a.refresh_from_db()
    assert person_a.given_names == "Juana"
    assert not AccessRecord.objects.filter(action=Action.UPDATE).exists()


def test_anonymous_callers_get_401(client, person_a: Person) -> None:  # type: ignore[no-untyped-def]
    assert client.get(PEOPLE).status_code == 401
    assert client.get(f"{PEOPLE}/{person_a.pk}").status_code == 401
