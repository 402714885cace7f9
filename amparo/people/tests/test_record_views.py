"""The national's record over HTTP: full form, inline rows, duplicates, merge pages."""

from datetime import date

import pytest
from django.urls import reverse

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action
from amparo.conftest import Network
from amparo.people.merges import person_merge
from amparo.people.models import Contact, IdentityDocument, Person, PersonMerge
from amparo.people.tests.factories import PersonFactory
from amparo.people.tests.test_services import actor_of

EMPTY_ROWS = {
    "documents-TOTAL_FORMS": "0",
    "documents-INITIAL_FORMS": "0",
    "contacts-TOTAL_FORMS": "0",
    "contacts-INITIAL_FORMS": "0",
}
FULL = {
    "given_names": "María José",
    "first_surname": "García",
    "second_surname": "Ruiz",
    "aliases": "Majo\nMaría Ruiz",
    "date_of_birth": "1990-05-17",
    "date_of_birth_is_approximate": "on",
    "sex": "F",
    "gender_identity": "mujer",
    "birth_state": "OAX",
    "birth_municipality": "Juchitán",
    "curp": "garm900517mocrzr09",
    "nationality_proof": "birth_certificate",
    "a_number": "A 12345678",
    "phone": "(213) 555-0123",
    "email": "majo@example.org",
    "address_line": "100 Main St",
    "address_city": "Houston",
    "address_state": "tx",
    "address_county": "Harris",
    "address_zip": "77002",
    "address_country": "US",
    "languages": ["es", "zap"],
    "violence_notes": "amenazas",
    "health_notes": "asma",
    **EMPTY_ROWS,
    "documents-TOTAL_FORMS": "1",
    "documents-0-kind": "passport",
    "documents-0-number": "G1234567",
    "contacts-TOTAL_FORMS": "1",
    "contacts-0-name": "Rosa Ruiz",
    "contacts-0-relation": "parent",
    "contacts-0-phone": "+52 55 1234 5678",
    "contacts-0-consent_to_contact": "on",
}


def test_the_full_record_is_registered_normalised_and_shown(as_user, alice: User) -> None:
    client = as_user(alice)
    assert client.get(reverse("people:create")).status_code == 200

    response = client.post(reverse("people:create"), FULL)

    assert response.status_code == 302
    person = Person.objects.get()
    assert person.aliases == ["Majo", "María Ruiz"]
    assert (person.curp, person.a_number, person.phone) == (
        "GARM900517MOCRZR09",
        "012345678",
        "+12135550123",
    )
    assert (person.address_state, person.languages) == ("TX", ["es", "zap"])
    assert person.documents.get().number == "G1234567"
    contact = person.contacts.get()
    assert (contact.phone, contact.consent_to_contact) == ("+525512345678", True)
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    for shown in ("A-012-345-678", "zapoteco", "G1234567", "Rosa Ruiz", "amenazas", "Juchitán"):
        assert shown in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("curp", "XXXX"),
        ("a_number", "123"),
        ("phone", "12"),
        ("address_state", "ZZ"),
        ("address_zip", "ABCDEFGHIJ"),
        ("languages", ["klingon"]),
        ("documents-0-number", ""),
        ("contacts-0-phone", "no"),
    ],
)
def test_bad_input_is_a_400_and_writes_nothing(
    as_user, alice: User, field: str, value: object
) -> None:
    response = as_user(alice).post(reverse("people:create"), {**FULL, field: value})
    assert response.status_code == 400
    assert not Person.objects.exists()
    assert not IdentityDocument.objects.exists() and not Contact.objects.exists()
    assert not AccessRecord.objects.filter(action=Action.CREATE).exists()


def test_the_add_row_buttons_add_a_row_without_saving(as_user, alice: User) -> None:
    response = as_user(alice).post(reverse("people:create"), {**FULL, "add_contact": "1"})
    assert response.status_code == 200
    assert len(response.context["contacts"].forms) == 2
    assert not Person.objects.exists()


def test_likely_duplicates_are_shown_before_saving_and_need_confirmation(
    as_user, alice: User, network: Network
) -> None:
    existing = PersonFactory.create(
        office=network.consulate_a,
        given_names="María José",
        first_surname="García",
        second_surname="",
        date_of_birth=date(1990, 5, 17),
    )
    PersonFactory.create(
        office=network.consulate_b,
        given_names="María José",
        first_surname="García",
        date_of_birth=date(1990, 5, 17),
    )
    data = {**FULL, "curp": "", "a_number": ""}

    response = as_user(alice).post(reverse("people:create"), data)
    assert response.status_code == 409
    assert response.context["duplicates"] == [existing]
    assert "Consulado B" not in response.content.decode()  # bob's record stays unseen
    assert Person.objects.count() == 2

    confirmed = as_user(alice).post(reverse("people:create"), {**data, "confirm_new": "on"})
    assert confirmed.status_code == 302
    assert Person.objects.count() == 3


def test_the_edit_page_adds_and_removes_documents_and_contacts(
    as_user, alice: User, bob: User, network: Network
) -> None:
    person = PersonFactory.create(office=network.consulate_a)
    old = IdentityDocument.objects.create(person=person, kind="passport", number="OLD1")
    stranger = IdentityDocument.objects.create(
        person=PersonFactory.create(office=network.consulate_b), kind="passport", number="B1"
    )
    data = {
        "given_names": person.given_names,
        "first_surname": person.first_surname,
        "sex": "F",
        "address_country": "US",
        **EMPTY_ROWS,
        "documents-TOTAL_FORMS": "1",
        "documents-0-kind": "matricula_consular",
        "documents-0-number": "M-99",
        "remove_document": [str(old.pk), str(stranger.pk)],
    }
    edit = reverse("people:edit", args=[person.pk])
    assert as_user(bob).post(edit, data).status_code == 404

    assert as_user(alice).post(edit, data).status_code == 302
    assert list(person.documents.values_list("number", flat=True)) == ["M-99"]
    assert IdentityDocument.objects.filter(pk=stranger.pk).exists()


def test_the_office_suggestion_answers_for_the_typed_address(as_user, alice: User) -> None:
    response = as_user(alice).get(
        reverse("people:office_suggestion"), {"address_state": "TX", "address_county": "Harris"}
    )
    assert response.status_code == 200
    assert 'id="office-suggestion"' in response.content.decode()


def test_only_central_administration_reaches_the_merge_pages(
    as_user, adan: User, alice: User, ana: User, network: Network
) -> None:
    survivor = PersonFactory.create(office=network.consulate_a)
    merged = PersonFactory.create(office=network.consulate_a)
    post = {"survivor": survivor.pk, "merged": merged.pk, "reason": "mismo pasaporte"}
    for outsider in (alice, ana):
        client = as_user(outsider)
        assert client.get(reverse("people:merges")).status_code == 404
        assert client.post(reverse("people:merge"), post).status_code == 404
    assert not PersonMerge.objects.exists()

    client = as_user(adan)
    preview = client.get(reverse("people:merge"), {"survivor": survivor.pk, "merged": merged.pk})
    assert preview.status_code == 200 and preview.context["preview"]["merged"] == merged
    assert not PersonMerge.objects.exists()
    assert client.post(reverse("people:merge"), post).status_code == 302
    merge = PersonMerge.objects.get()
    assert client.get(reverse("people:merges")).status_code == 200

    assert as_user(alice).post(reverse("people:merge_undo", args=[merge.pk])).status_code == 404
    assert client.post(reverse("people:merge_undo", args=[merge.pk])).status_code == 302
    merge.refresh_from_db()
    assert merge.undone_by == adan


def test_a_merge_without_reason_or_with_unknown_ids_is_a_400(
    as_user, adan: User, network: Network
) -> None:
    survivor = PersonFactory.create(office=network.consulate_a)
    merged = PersonFactory.create(office=network.consulate_a)
    client = as_user(adan)
    bad = [
        {"survivor": survivor.pk, "merged": merged.pk, "reason": ""},
        {"survivor": survivor.pk, "merged": 999999, "reason": "x"},
        {"survivor": survivor.pk, "merged": survivor.pk, "reason": "x"},
    ]
    for data in bad:
        assert client.post(reverse("people:merge"), data).status_code == 400
    assert not PersonMerge.objects.exists()


def test_a_merged_record_points_to_its_survivor(as_user, adan: User, network: Network) -> None:
    survivor = PersonFactory.create(office=network.consulate_a)
    merged = PersonFactory.create(office=network.consulate_a)
    person_merge(survivor=survivor, merged=merged, actor=actor_of(adan), reason="x")
    page = as_user(adan).get(reverse("people:detail", args=[merged.pk])).content.decode()
    assert reverse("people:detail", args=[survivor.pk]) in page
