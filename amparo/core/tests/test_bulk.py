"""The bulk writer, on whichever database the suite runs (SQLite, and PostgreSQL's COPY)."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from amparo.accounts.models import User
from amparo.cases.models import Case, CaseEvent, EventKind
from amparo.cases.tests.factories import open_case_as
from amparo.conftest import Network
from amparo.core.bulk import MAX_ROWS, insert_objects, insert_rows
from amparo.core.crypto import blind_index
from amparo.people.models import Person

pytestmark = pytest.mark.django_db


def test_instances_get_their_keys_encrypted_fields_and_derived_fields(network: Network) -> None:
    people = [
        Person(
            office=network.consulate_a,
            given_names=f"José {n}",
            first_surname="Núñez",
            a_number=f"A{200000000 + n}",
        )
        for n in range(MAX_ROWS + 3)  # more than one statement on SQLite
    ]
    insert_objects(people)
    assert all(person.pk for person in people) and len({p.pk for p in people}) == len(people)
    again = Person.objects.get(pk=people[-1].pk)
    assert (again.given_names, again.a_number) == (people[-1].given_names, people[-1].a_number)
    # Stored encrypted, found through its blind index, and its search name derived, as save().
    with connection.cursor() as cursor:
        cursor.execute("SELECT a_number FROM people_person WHERE id = %s", [again.pk])
        assert cursor.fetchone()[0] != again.a_number
    assert again.search_name and "nunez" in again.search_name
    index = blind_index(people[5].a_number, Person._meta.get_field("a_number").index_kind)
    assert list(Person.objects.filter(a_number_index=index)) == [people[5]]


def test_a_later_save_does_not_reuse_a_written_key(network: Network) -> None:
    written = insert_objects([Person(office=network.consulate_a, given_names="Ana")])
    later = Person.objects.create(office=network.consulate_a, given_names="Berta")
    assert later.pk > written[0].pk


def test_rows_take_field_defaults_and_keep_json(alice: User) -> None:
    case = open_case_as(alice)
    at = datetime(2026, 3, 8, 9, 30, tzinfo=UTC)
    (event_id,) = insert_rows(
        CaseEvent,
        [{"case_id": case.pk, "kind": EventKind.NOTE, "at": at, "payload": {"ñ": [1, "dos"]}}],
    )
    event = CaseEvent.objects.get(pk=event_id)
    assert (event.at, event.payload, event.text, event.actor_id) == (
        at,
        {"ñ": [1, "dos"]},
        "",
        None,
    )
    assert insert_rows(Case, []) == [] and insert_objects([]) == []
