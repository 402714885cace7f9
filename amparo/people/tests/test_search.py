"""people_search: scoped, audited, forgiving with names, exact with identifiers."""

from datetime import date

import pytest
from django.db import connection

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action
from amparo.conftest import Network
from amparo.core.bulk import insert_objects
from amparo.people.models import IdentityDocument, NameWord, Person
from amparo.people.names import fold, name_parts, name_score
from amparo.people.selectors import people_find_by_document, people_search
from amparo.people.tests.factories import PersonFactory
from amparo.people.tests.test_services import actor_of


def test_fold_removes_accents_case_and_punctuation() -> None:
    assert fold("  María  NÚÑEZ-O'Neil ") == "maria nunez o neil"


def test_name_score_forgives_order_typos_and_a_missing_surname() -> None:
    name = ["maria", "garcia", "hernandez"]
    assert name_score(["maria", "garcia"], name) == 1.0
    assert name_score(["garcia", "maria"], name) == 1.0
    assert name_score(["mria", "grcia"], name) > 0.8
    assert name_score(["pedro", "zamora"], name) == 0.0


def test_a_name_typed_in_one_box_splits_in_the_mexican_order() -> None:
    assert name_parts("Rosa Elena Martínez Ruiz") == {
        "given_names": "Rosa Elena",
        "first_surname": "Martínez",
        "second_surname": "Ruiz",
    }
    assert name_parts("María García") == {"given_names": "María", "first_surname": "García"}
    assert name_parts(" López ") == {"first_surname": "López"}
    assert name_parts("") == {}


@pytest.fixture
def maria(network: Network) -> Person:
    return PersonFactory.create(
        office=network.consulate_a,
        given_names="María",
        first_surname="García",
        second_surname="Hernández",
        date_of_birth=date(1990, 5, 17),
        a_number="A012-345-678",
        phone="(213) 555-0123",
    )


@pytest.fixture
def others(network: Network) -> list[Person]:
    return [
        PersonFactory.create(
            office=network.consulate_a,
            given_names="Mario",
            first_surname="Garza",
            second_surname="",
        ),
        PersonFactory.create(
            office=network.consulate_a, given_names="Pedro", first_surname="Zamora"
        ),
    ]


@pytest.mark.parametrize(
    "query",
    ["Maria Garcia", "garcia maria", "MARÍA GARCÍA HERNÁNDEZ", "Mria Grcia", "maría hernandez"],
)
def test_alice_finds_maria_however_she_types_it(
    alice: User, maria: Person, others: list[Person], query: str
) -> None:
    hits = people_search(actor_of(alice), query)
    assert hits[0].person == maria
    assert others[1] not in [hit.person for hit in hits]


def test_exact_words_rank_above_typos(alice: User, maria: Person, network: Network) -> None:
    typo = PersonFactory.create(
        office=network.consulate_a, given_names="Marla", first_surname="Garcia", second_surname=""
    )
    ranked = [hit.person for hit in people_search(actor_of(alice), "maria garcia")]
    assert ranked.index(maria) < ranked.index(typo)


def test_bob_does_not_find_alices_people_by_name_or_identifier(
    alice: User, bob: User, maria: Person
) -> None:
    IdentityDocument.objects.create(person=maria, kind="passport", number="G1234567")
    for query in ("Maria Garcia", "G1234567", "A012345678", "2135550123", "1990-05-17"):
        assert people_search(actor_of(bob), query) == []
        assert people_search(actor_of(alice), query)[0].person == maria
    assert not people_find_by_document(actor_of(bob), "g-1234567").exists()
    assert list(people_find_by_document(actor_of(alice), "g-1234567")) == [maria]


def test_identifiers_match_exactly_whatever_the_formatting(alice: User, maria: Person) -> None:
    actor = actor_of(alice)
    for query in ("a 012 345 678", "12345678", "+1 213-555-0123"):
        assert [hit.person for hit in people_search(actor, query)] == [maria]
        assert people_search(actor, query)[0].matched_by == "document"
    assert people_search(actor, "012345679") == []


def test_date_of_birth_narrows_and_alone_lists(
    alice: User, maria: Person, network: Network
) -> None:
    twin = PersonFactory.create(
        office=network.consulate_a,
        given_names="María",
        first_surname="García",
        second_surname="",
        date_of_birth=date(1985, 1, 1),
    )
    actor = actor_of(alice)
    assert [
        h.person for h in people_search(actor, "maria garcia", date_of_birth=date(1990, 5, 17))
    ] == [maria]
    assert [h.person for h in people_search(actor, "17/05/1990")] == [maria]
    twin.date_of_birth_is_approximate = True
    twin.save()
    assert twin in [h.person for h in people_search(actor, "", date_of_birth=date(1985, 7, 7))]


def test_merged_records_are_hidden_from_search(
    alice: User, maria: Person, network: Network
) -> None:
    copy = PersonFactory.create(
        office=network.consulate_a, given_names="María", first_surname="García"
    )
    Person.objects.filter(pk=copy.pk).update(merged_into=maria)
    assert copy not in [h.person for h in people_search(actor_of(alice), "maria garcia")]


def test_each_search_is_audited_as_a_list_without_values(alice: User, maria: Person) -> None:
    people_search(actor_of(alice), "Maria Garcia")
    record = AccessRecord.objects.get()
    assert (record.action, record.target_type, record.reason) == (
        Action.LIST,
        "people.person",
        "search",
    )
    assert "maria" not in str(record.__dict__).lower()


@pytest.mark.parametrize("query", ["hern", "garc maria"])
def test_the_beginning_of_a_word_finds_the_name(
    alice: User, maria: Person, others: list[Person], query: str
) -> None:
    assert people_search(actor_of(alice), query)[0].person == maria


def test_the_vocabulary_of_name_words_follows_every_write(
    alice: User, maria: Person, network: Network
) -> None:
    """PostgreSQL's typo stage looks spellings up in people.NameWord, which a trigger fills
    whoever writes a person: a save, a bulk insert, a rename."""
    if connection.vendor != "postgresql":
        pytest.skip("the vocabulary serves PostgreSQL's typo stage only")
    assert {"maria", "garcia", "hernandez"} <= set(NameWord.objects.values_list("word", flat=True))
    insert_objects(
        [Person(office=network.consulate_a, given_names="Xóchitl", first_surname="Tzec")]
    )
    maria.first_surname = "Quintanilla"
    maria.save()
    words = set(NameWord.objects.values_list("word", flat=True))
    assert {"xochitl", "tzec", "quintanilla"} <= words
    assert people_search(actor_of(alice), "Maria Quintanila")[0].person == maria
