"""People pages over HTTP. Every permission test uses two users."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action, Outcome
from amparo.conftest import Network
from amparo.people.models import Person
from amparo.people.tests.factories import PersonFactory

VALID = {
    "given_names": "María José",
    "first_surname": "García",
    "second_surname": "Ruiz",
    "date_of_birth": "1990-05-17",
    "sex": "F",
    "birth_state": "JAL",
}


@pytest.fixture
def person_a(network: Network) -> Person:
    return PersonFactory.create(
        office=network.consulate_a, given_names="Juana", first_surname="Álvarez"
    )


@pytest.fixture
def person_b(network: Network) -> Person:
    return PersonFactory.create(
        office=network.consulate_b, given_names="Pedro", first_surname="Zamora"
    )


def test_each_officer_lists_only_their_offices_people(
    as_user, alice: User, bob: User, person_a: Person, person_b: Person
) -> None:
    alice_sees = as_user(alice).get(reverse("people:list"))
    bob_sees = as_user(bob).get(reverse("people:list"))

    assert list(alice_sees.context["page"].object_list) == [person_a]
    assert list(bob_sees.context["page"].object_list) == [person_b]
    assert "Pedro" not in alice_sees.content.decode()


def test_a_list_page_is_audited_once_without_an_id(
    as_user, alice: User, person_a: Person, network: Network
) -> None:
    PersonFactory.create_batch(3, office=network.consulate_a)
    as_user(alice).get(reverse("people:list"))

    record = AccessRecord.objects.get()
    assert (record.action, record.target_type, record.target_id) == (
        Action.LIST,
        "people.person",
        "",
    )


def test_the_search_matches_every_word_in_the_names(
    as_user, alice: User, person_a: Person, network: Network
) -> None:
    PersonFactory.create(office=network.consulate_a, given_names="Rosa", first_surname="Álvarez")
    response = as_user(alice).get(reverse("people:list"), {"q": "juana Álvarez"})
    assert [hit.person for hit in response.context["hits"]] == [person_a]


def test_a_search_that_finds_nobody_offers_to_register_the_name_searched(
    as_user, alice: User, network: Network
) -> None:
    client = as_user(alice)
    page = client.get(reverse("people:list"), {"q": "Rosa Elena Martínez Ruiz"}).content.decode()
    assert (
        "autofocus" in page.split('id="id_q"')[0].rsplit("<input", 1)[1]
    )  # the cursor starts there
    link = reverse("people:create") + "?nombre=Rosa%20Elena%20Mart%C3%ADnez%20Ruiz"
    assert f'href="{link}">Registrar a Rosa Elena Martínez Ruiz</a>' in page
    form = client.get(link).context["form"]
    assert (form["given_names"].value(), form["first_surname"].value()) == (
        "Rosa Elena",
        "Martínez",
    )
    assert form["second_surname"].value() == "Ruiz"
    # A number searched is not a name to write in.
    by_number = client.get(reverse("people:list"), {"q": "G1234567"}).content.decode()
    assert "?nombre=" not in by_number and "Registrar persona</a>" in by_number


def test_auditors_and_lawyers_do_not_reach_the_people_pages(
    as_user, aurora: User, luis: User, ana: User, person_a: Person
) -> None:
    for outsider in (aurora, luis):
        client = as_user(outsider)
        assert client.get(reverse("people:list")).status_code == 404
        assert client.get(reverse("people:detail", args=[person_a.pk])).status_code == 404
    assert as_user(ana).get(reverse("people:detail", args=[person_a.pk])).status_code == 200


def test_the_list_runs_a_fixed_number_of_queries_however_many_people(
    as_user, alice: User, network: Network, django_assert_num_queries
) -> None:
    client = as_user(alice)
    client.get(reverse("people:list"))  # the first request also refreshes the session
    PersonFactory.create_batch(2, office=network.consulate_a)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("people:list"))
    PersonFactory.create_batch(20, office=network.consulate_a)

    # Request plumbing (session, user, OTP device, memberships once: 4) + the page (count,
    # people with offices joined, audit insert: 3).
    with django_assert_num_queries(7):
        response = client.get(reverse("people:list"))
    assert len(response.context["page"].object_list) == 22
    assert len(few.captured_queries) == 7


def test_bob_gets_404_on_alices_person_and_the_attempt_is_recorded(
    as_user, alice: User, bob: User, person_a: Person
) -> None:
    detail = reverse("people:detail", args=[person_a.pk])

    assert as_user(bob).get(detail).status_code == 404
    denied = AccessRecord.objects.get()
    assert (denied.username, denied.action, denied.outcome, denied.target_id) == (
        "bob",
        Action.VIEW,
        Outcome.DENIED,
        str(person_a.pk),
    )

    response = as_user(alice).get(detail)
    assert response.status_code == 200
    assert "Juana" in response.content.decode()
    viewed = AccessRecord.objects.get(outcome=Outcome.ALLOWED)
    assert (viewed.username, viewed.action) == ("alice", Action.VIEW)


def test_a_missing_person_is_a_404_like_a_hidden_one(as_user, alice: User) -> None:
    assert as_user(alice).get(reverse("people:detail", args=[999999])).status_code == 404
    assert not AccessRecord.objects.exists()


def test_bob_cannot_edit_alices_person(as_user, alice: User, bob: User, person_a: Person) -> None:
    edit = reverse("people:edit", args=[person_a.pk])

    assert as_user(bob).get(edit).status_code == 404
    assert as_user(bob).post(edit, {**VALID, "given_names": "Otra"}).status_code == 404
    person_a.refresh_from_db()
    assert person_a.given_names == "Juana"
    assert AccessRecord.objects.filter(username="bob", outcome=Outcome.DENIED).count() == 2

    response = as_user(alice).post(edit, {**VALID, "given_names": "Juana Inés"})
    assert response.status_code == 302
    person_a.refresh_from_db()
    assert person_a.given_names == "Juana Inés"


def test_the_analyst_reads_but_gets_404_on_edit_and_create(
    as_user, ana: User, carla: User, person_a: Person
) -> None:
    client = as_user(ana)
    assert client.get(reverse("people:edit", args=[person_a.pk])).status_code == 404
    assert client.get(reverse("people:create")).status_code == 404
    assert as_user(carla).get(reverse("people:edit", args=[person_a.pk])).status_code == 200


def test_an_officer_registers_a_person_in_their_own_office(
    as_user, alice: User, network: Network
) -> None:
    client = as_user(alice)
    form = client.get(reverse("people:create"))
    assert "office" not in form.context["form"].fields

    response = client.post(reverse("people:create"), VALID)

    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    assert person.office == network.consulate_a
    assert AccessRecord.objects.get(action=Action.CREATE).target_id == str(person.pk)


def test_an_office_smuggled_into_the_form_is_ignored(
    as_user, alice: User, network: Network
) -> None:
    as_user(alice).post(reverse("people:create"), {**VALID, "office": network.consulate_b.pk})
    assert Person.objects.get().office == network.consulate_a


def test_central_administration_chooses_the_office(as_user, adan: User, network: Network) -> None:
    response = as_user(adan).post(
        reverse("people:create"), {**VALID, "office": network.consulate_b.pk}
    )
    assert response.status_code == 302
    assert Person.objects.get().office == network.consulate_b


def test_bad_input_is_a_400_with_the_error_next_to_the_field_and_nothing_written(
    as_user, alice: User
) -> None:
    response = as_user(alice).post(
        reverse("people:create"), {**VALID, "first_surname": "", "birth_state": "ZZ"}
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"first_surname", "birth_state"}
    assert 'id="id_first_surname_error"' in response.content.decode()
    assert not Person.objects.exists()
    assert not AccessRecord.objects.filter(action=Action.CREATE).exists()


def test_the_audit_link_shows_only_for_those_who_read_the_trail(
    as_user, alice: User, adan: User, person_a: Person
) -> None:
    target = reverse("audit:target", args=["people.person", person_a.pk])
    detail = reverse("people:detail", args=[person_a.pk])
    assert target not in as_user(alice).get(detail).content.decode()
    assert target in as_user(adan).get(detail).content.decode()


def test_the_navigation_offers_people_to_officers_but_not_to_auditors(
    as_user, alice: User, aurora: User
) -> None:
    people = f'href="{reverse("people:list")}"'
    assert people in as_user(alice).get(reverse("dashboard:home")).content.decode()
    assert people not in as_user(aurora).get(reverse("dashboard:home")).content.decode()
