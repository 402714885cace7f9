"""Writes: validated, permitted by the access rules, and audited in the same transaction."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from amparo.accounts.actor import Actor, resolve_actor
from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action, Outcome
from amparo.conftest import Network
from amparo.people.models import Person, Sex
from amparo.people.services import person_create, person_update
from amparo.people.tests.factories import PersonFactory


def actor_of(user: User) -> Actor:
    actor = resolve_actor(user, None)
    assert actor is not None
    return actor


def create(actor: Actor, office: object, **overrides: object) -> Person:
    values: dict[str, object] = {
        "given_names": "María José",
        "first_surname": "García",
        "second_surname": "Ruiz",
        "date_of_birth": date(1990, 5, 17),
        "sex": Sex.FEMALE,
        "birth_state": "JAL",
    }
    values.update(overrides)
    return person_create(actor=actor, office=office, **values)  # type: ignore[arg-type]


def test_an_officer_registers_a_person_in_their_office_and_it_is_audited(
    alice: User, network: Network
) -> None:
    person = create(actor_of(alice), network.consulate_a)

    assert person.office == network.consulate_a
    record = AccessRecord.objects.get(action=Action.CREATE)
    assert (record.username, record.target_id, record.outcome) == (
        "alice",
        str(person.pk),
        Outcome.ALLOWED,
    )
    assert record.target_office_id == network.consulate_a.pk


def test_an_officer_cannot_register_in_another_office_and_the_attempt_is_recorded(
    alice: User, bob: User, network: Network
) -> None:
    with pytest.raises(PermissionDenied):
        create(actor_of(alice), network.consulate_b)
    assert not Person.objects.exists()
    denied = AccessRecord.objects.get()
    assert (denied.username, denied.action, denied.outcome) == (
        "alice",
        Action.CREATE,
        Outcome.DENIED,
    )
    # bob, whose office it is, may.
    assert create(actor_of(bob), network.consulate_b).office == network.consulate_b


def test_the_central_analyst_reads_but_cannot_register(
    ana: User, adan: User, network: Network
) -> None:
    with pytest.raises(PermissionDenied):
        create(actor_of(ana), network.consulate_a)
    assert create(actor_of(adan), network.consulate_a).office == network.consulate_a
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    "bad",
    [
        {"given_names": "   "},
        {"first_surname": ""},
        {"sex": "Z"},
        {"birth_state": "XX"},
        {"date_of_birth": date.today() + timedelta(days=1)},
        {"given_names": "x" * 121},
    ],
)
def test_bad_input_writes_nothing(alice: User, network: Network, bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        create(actor_of(alice), network.consulate_a, **bad)
    assert not Person.objects.exists()
    assert not AccessRecord.objects.exists()


def test_a_write_that_fails_after_its_audit_row_leaves_neither_behind(
    alice: User, network: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    from amparo.audit import services as audit_services

    def audit_then_crash(**kwargs: object) -> None:
        audit_services.audit_record(**kwargs)  # type: ignore[arg-type]
        raise RuntimeError("disk full")

    monkeypatch.setattr("amparo.people.services.audit_record", audit_then_crash)

    with pytest.raises(RuntimeError):
        create(actor_of(alice), network.consulate_a)
    assert not Person.objects.exists()
    assert not AccessRecord.objects.exists()


def test_every_committed_write_has_its_audit_row(alice: User, network: Network) -> None:
    person = create(actor_of(alice), network.consulate_a)
    person_update(actor=actor_of(alice), person=person, given_names="María")

    actions = list(
        AccessRecord.objects.filter(target_id=str(person.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == [Action.CREATE, Action.UPDATE]


def test_an_update_records_the_changed_field_names_but_not_their_values(
    alice: User, network: Network
) -> None:
    person = PersonFactory.create(office=network.consulate_a, given_names="Juana")
    updated = person_update(
        actor=actor_of(alice), person=person, given_names="Juana Inés", birth_state="OAX"
    )

    assert updated.given_names == "Juana Inés"
    record = AccessRecord.objects.get(action=Action.UPDATE)
    assert record.reason == "birth_state, given_names"
    assert "Juana" not in record.reason


def test_an_update_without_changes_writes_nothing(alice: User, network: Network) -> None:
    person = PersonFactory.create(office=network.consulate_a, given_names="Juana")
    person_update(actor=actor_of(alice), person=person, given_names="Juana")
    assert not AccessRecord.objects.exists()


def test_bob_cannot_update_alices_person_and_the_attempt_is_recorded(
    alice: User, bob: User, network: Network
) -> None:
    person = PersonFactory.create(office=network.consulate_a, given_names="Juana")

    with pytest.raises(Http404):
        person_update(actor=actor_of(bob), person=person, given_names="Otra")

    person.refresh_from_db()
    assert person.given_names == "Juana"
    denied = AccessRecord.objects.get()
    assert (denied.username, denied.action, denied.outcome) == (
        "bob",
        Action.UPDATE,
        Outcome.DENIED,
    )
    person_update(actor=actor_of(alice), person=person, given_names="Juana María")
    person.refresh_from_db()
    assert person.given_names == "Juana María"


def test_an_officer_cannot_move_a_person_to_another_office_but_central_admin_can(
    alice: User, adan: User, network: Network
) -> None:
    person = PersonFactory.create(office=network.consulate_a)

    with pytest.raises(PermissionDenied):
        person_update(actor=actor_of(alice), person=person, office=network.consulate_b)
    person.refresh_from_db()
    assert person.office == network.consulate_a
    assert AccessRecord.objects.get().outcome == Outcome.DENIED

    person_update(actor=actor_of(adan), person=person, office=network.consulate_b)
    person.refresh_from_db()
    assert person.office == network.consulate_b


def test_an_invalid_update_changes_nothing(alice: User, network: Network) -> None:
    person = PersonFactory.create(office=network.consulate_a, first_surname="García")
    with pytest.raises(ValidationError):
        person_update(actor=actor_of(alice), person=person, first_surname="")
    person.refresh_from_db()
    assert person.first_surname == "García"
    assert not AccessRecord.objects.exists()


def test_only_known_fields_can_be_changed(alice: User, network: Network) -> None:
    person = PersonFactory.create(office=network.consulate_a)
    with pytest.raises(ValueError, match="created_at"):
        person_update(actor=actor_of(alice), person=person, created_at=None)


def test_the_person_form_shows_every_field_the_services_let_staff_change(
    adan: User, alice: User
) -> None:
    from amparo.people.forms import PersonForm
    from amparo.people.models import EDITABLE_FIELDS

    assert list(PersonForm(actor=actor_of(adan)).fields) == list(EDITABLE_FIELDS)
    officer_fields = list(PersonForm(actor=actor_of(alice)).fields)
    assert officer_fields == [name for name in EDITABLE_FIELDS if name != "office"]
