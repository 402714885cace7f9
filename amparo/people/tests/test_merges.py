"""Merging duplicates and undoing it: central administration only, exact, audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action, Outcome
from amparo.cases.models import Case
from amparo.cases.tests.factories import open_case_as
from amparo.conftest import Network
from amparo.people.merges import person_merge, person_merge_undo, person_relations
from amparo.people.models import Contact, IdentityDocument, Person, PersonMerge
from amparo.people.selectors import people_search, people_visible_to
from amparo.people.tests.factories import PersonFactory
from amparo.people.tests.test_services import actor_of


@pytest.fixture
def pair(network: Network, alice: User) -> tuple[Person, Person]:
    survivor = PersonFactory.create(
        office=network.consulate_a, given_names="María", first_surname="García"
    )
    merged = PersonFactory.create(
        office=network.consulate_a, given_names="Maria", first_surname="Garcia"
    )
    open_case_as(alice, person=survivor)
    open_case_as(alice, person=merged)
    open_case_as(alice, person=survivor, requester=merged)
    IdentityDocument.objects.create(person=merged, kind="passport", number="G1")
    Contact.objects.create(person=merged, name="Rosa", relation="parent")
    return survivor, merged


def test_relations_are_discovered_generically() -> None:
    labels = {(model._meta.label_lower, attname) for model, attname in person_relations()}
    assert {
        ("cases.case", "beneficiary_id"),
        ("cases.case", "requester_id"),
        ("people.identitydocument", "person_id"),
        ("people.contact", "person_id"),
        ("people.person", "merged_into_id"),
    } <= labels
    assert not any(label == "people.personmerge" for label, _ in labels)


def test_a_merge_moves_everything_and_undo_moves_exactly_that_back(
    adan: User, alice: User, pair: tuple[Person, Person]
) -> None:
    survivor, merged = pair
    before = {
        "beneficiary": dict(Case.objects.values_list("pk", "beneficiary_id")),
        "requester": dict(Case.objects.values_list("pk", "requester_id")),
    }

    merge = person_merge(
        survivor=survivor, merged=merged, actor=actor_of(adan), reason="misma CURP"
    )

    assert not Case.objects.filter(beneficiary=merged).exists()
    assert not Case.objects.filter(requester=merged).exists()
    assert survivor.documents.count() == 1 and survivor.contacts.count() == 1
    merged.refresh_from_db()
    assert merged.merged_into == survivor
    assert merge.moved_count == 4
    assert merged not in people_visible_to(actor_of(alice))
    assert merged not in [h.person for h in people_search(actor_of(alice), "maria garcia")]
    assert AccessRecord.objects.filter(reason=f"merge {merge.pk}").count() == 2

    # A document added to the survivor after the merge stays with the survivor.
    later = IdentityDocument.objects.create(person=survivor, kind="other", number="X9")
    person_merge_undo(merge=merge, actor=actor_of(adan))

    assert {
        "beneficiary": dict(Case.objects.values_list("pk", "beneficiary_id")),
        "requester": dict(Case.objects.values_list("pk", "requester_id")),
    } == before
    assert list(merged.documents.values_list("number", flat=True)) == ["G1"]
    assert merged.contacts.count() == 1
    later.refresh_from_db()
    assert later.person == survivor
    merged.refresh_from_db()
    assert merged.merged_into is None
    merge.refresh_from_db()
    assert merge.undone_at is not None and merge.undone_by == adan
    assert AccessRecord.objects.filter(reason=f"merge {merge.pk} undone").count() == 2


def test_only_central_administration_merges_or_undoes(
    adan: User, alice: User, ana: User, pair: tuple[Person, Person]
) -> None:
    survivor, merged = pair
    for outsider in (alice, ana):
        with pytest.raises(PermissionDenied):
            person_merge(survivor=survivor, merged=merged, actor=actor_of(outsider), reason="x")
    assert not PersonMerge.objects.exists()
    assert AccessRecord.objects.filter(outcome=Outcome.DENIED, action=Action.UPDATE).count() == 2
    merge = person_merge(survivor=survivor, merged=merged, actor=actor_of(adan), reason="x")
    with pytest.raises(PermissionDenied):
        person_merge_undo(merge=merge, actor=actor_of(alice))
    merge.refresh_from_db()
    assert merge.undone_at is None


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_merge_needs_a_reason_and_writes_nothing_without_one(
    adan: User, pair: tuple[Person, Person], reason: str
) -> None:
    survivor, merged = pair
    with pytest.raises(ValidationError):
        person_merge(survivor=survivor, merged=merged, actor=actor_of(adan), reason=reason)
    assert not PersonMerge.objects.exists()
    assert Case.objects.filter(beneficiary=merged).exists()


def test_a_record_cannot_be_merged_twice_nor_into_itself(
    adan: User, pair: tuple[Person, Person], network: Network
) -> None:
    survivor, merged = pair
    actor = actor_of(adan)
    with pytest.raises(ValidationError):
        person_merge(survivor=survivor, merged=survivor, actor=actor, reason="x")
    merge = person_merge(survivor=survivor, merged=merged, actor=actor, reason="x")
    third = PersonFactory.create(office=network.consulate_b)
    with pytest.raises(ValidationError):
        person_merge(survivor=third, merged=merged, actor=actor, reason="x")
    person_merge_undo(merge=merge, actor=actor)
    with pytest.raises(ValidationError):
        person_merge_undo(merge=merge, actor=actor)
