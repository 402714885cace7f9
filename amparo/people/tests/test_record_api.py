"""/api/v1/people: the full record, documents, contacts, search, duplicates, merges."""

from datetime import date

import pytest

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action
from amparo.conftest import Network
from amparo.people.models import Contact, IdentityDocument, Person, PersonMerge
from amparo.people.tests.factories import PersonFactory
from amparo.people.tests.test_api import PEOPLE, VALID, patch, post

FULL = {
    **VALID,
    "aliases": ["Majo"],
    "curp": "GARM900517MOCRZR09",
    "a_number": "A-12345678",
    "phone": "213 555 0123",
    "address_state": "TX",
    "address_county": "Harris",
    "languages": ["es", "nah"],
    "health_notes": "asma",
    "documents": [{"kind": "passport", "number": "G1234567"}],
    "contacts": [{"name": "Rosa", "relation": "parent", "phone": "3125550199"}],
}


@pytest.fixture
def maria(network: Network) -> Person:
    return PersonFactory.create(
        office=network.consulate_a,
        given_names="María José",
        first_surname="García",
        second_surname="Ruiz",
        date_of_birth=date(1990, 5, 17),
    )


def test_the_full_record_round_trips(as_user, alice: User) -> None:
    client = as_user(alice)
    created = post(client, PEOPLE, FULL)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["a_number"], body["phone"], body["languages"]) == (
        "012345678",
        "+12135550123",
        ["es", "nah"],
    )
    person_id = body["id"]
    documents = client.get(f"{PEOPLE}/{person_id}/documents").json()
    assert [d["number"] for d in documents] == ["G1234567"]
    contacts = client.get(f"{PEOPLE}/{person_id}/contacts").json()
    assert contacts[0]["phone"] == "+13125550199"

    changed = patch(client, f"{PEOPLE}/{person_id}", {"phone": None, "address_state": "ca"})
    assert changed.status_code == 200
    assert (changed.json()["phone"], changed.json()["address_state"]) == ("", "CA")


@pytest.mark.parametrize(
    "bad",
    [
        {"curp": "NOPE"},
        {"a_number": "12"},
        {"phone": "call me"},
        {"languages": ["xx"]},
        {"address_state": "QQ"},
        {"documents": [{"kind": "passport", "number": "--"}]},
        {"documents": [{"kind": "visa", "number": "1"}]},
        {"contacts": [{"name": "Rosa", "relation": "parent", "phone": "1"}]},
        {"email": "not-an-address"},
    ],
)
def test_bad_input_is_a_422_and_writes_nothing(as_user, alice: User, bad: dict) -> None:
    response = post(as_user(alice), PEOPLE, {**FULL, **bad})
    assert response.status_code == 422
    assert "detail" in response.json()
    assert not Person.objects.exists()
    assert not IdentityDocument.objects.exists() and not Contact.objects.exists()


def test_a_likely_duplicate_is_a_409_with_only_visible_candidates(
    as_user, alice: User, maria: Person, network: Network
) -> None:
    PersonFactory.create(
        office=network.consulate_b,
        given_names="María José",
        first_surname="García",
        date_of_birth=date(1990, 5, 17),
    )
    response = post(as_user(alice), PEOPLE, VALID)
    assert response.status_code == 409
    assert response.json()["candidates"] == [maria.pk]
    assert Person.objects.count() == 2

    confirmed = post(as_user(alice), PEOPLE, {**VALID, "confirm_new": True})
    assert confirmed.status_code == 201


def test_the_same_curp_is_a_duplicate_and_cannot_be_forced(
    as_user, alice: User, maria: Person
) -> None:
    Person.objects.filter(pk=maria.pk).update(curp="GARM900517MOCRZR09")
    other_name = {**FULL, "given_names": "Otra", "first_surname": "Persona"}
    assert post(as_user(alice), PEOPLE, other_name).json()["candidates"] == [maria.pk]
    forced = post(as_user(alice), PEOPLE, {**other_name, "confirm_new": True})
    assert forced.status_code == 422  # the CURP is unique


def test_search_is_scoped_and_finds_by_identifier(
    as_user, alice: User, bob: User, maria: Person
) -> None:
    IdentityDocument.objects.create(person=maria, kind="passport", number="G7654321")
    for client, expected in ((as_user(alice), [maria.pk]), (as_user(bob), [])):
        for query in ("maria garcia", "Grcia Mria", "g7654321"):
            response = client.get(f"{PEOPLE}/search", {"q": query})
            assert response.status_code == 200
            assert [hit["person"]["id"] for hit in response.json()] == expected
    assert client.get(f"{PEOPLE}/search", {"limit": 0}).status_code == 422
    assert AccessRecord.objects.filter(action=Action.LIST, reason="search").count() == 6


def test_documents_and_contacts_are_scoped(as_user, alice: User, bob: User, maria: Person) -> None:
    url = f"{PEOPLE}/{maria.pk}/documents"
    document = {"kind": "matricula_consular", "number": "M123"}
    assert post(as_user(bob), url, document).status_code == 404
    assert as_user(bob).get(url).status_code == 404
    added = post(as_user(alice), url, document)
    assert added.status_code == 201
    document_id = added.json()["id"]
    assert as_user(bob).delete(f"{url}/{document_id}").status_code == 404
    assert as_user(alice).delete(f"{url}/{document_id}").status_code == 204
    assert not IdentityDocument.objects.exists()

    contacts = f"{PEOPLE}/{maria.pk}/contacts"
    assert post(as_user(alice), contacts, {"name": "", "relation": "parent"}).status_code == 422
    assert post(as_user(bob), contacts, {"name": "Rosa", "relation": "parent"}).status_code == 404
    assert not Contact.objects.exists()


def test_only_central_administration_merges_and_undoes(
    as_user, adan: User, alice: User, maria: Person, network: Network
) -> None:
    copy = PersonFactory.create(
        office=network.consulate_b, given_names="Maria", first_surname="Garcia"
    )
    payload = {"survivor_id": maria.pk, "merged_id": copy.pk, "reason": "misma persona"}
    assert post(as_user(alice), f"{PEOPLE}/merges", payload).status_code == 404
    assert post(as_user(adan), f"{PEOPLE}/merges", {**payload, "reason": ""}).status_code == 422
    assert post(as_user(adan), f"{PEOPLE}/merges", {**payload, "merged_id": 999}).status_code == 404
    assert not PersonMerge.objects.exists()

    merged = post(as_user(adan), f"{PEOPLE}/merges", payload)
    assert merged.status_code == 201
    merge_id = merged.json()["id"]
    assert as_user(adan).get(f"{PEOPLE}/merges").json()["count"] == 1
    assert post(as_user(alice), f"{PEOPLE}/merges/{merge_id}/undo", {}).status_code == 404
    undone = post(as_user(adan), f"{PEOPLE}/merges/{merge_id}/undo", {})
    assert undone.status_code == 200 and undone.json()["undone_at"]
    assert post(as_user(adan), f"{PEOPLE}/merges/{merge_id}/undo", {}).status_code == 422
