"""One test per rule in records_visible_to, each with two users."""

from datetime import timedelta

import pytest
from django.utils import timezone

from amparo.accounts.actor import Actor, resolve_actor
from amparo.accounts.models import Role, User
from amparo.accounts.tests.factories import MembershipFactory, UserFactory
from amparo.audit.models import AccessRecord, Action, Outcome
from amparo.audit.selectors import RecordFilters, records_visible_to
from amparo.audit.services import audit_record
from amparo.conftest import Network
from amparo.people.tests.factories import PersonFactory


def actor_of(user: User) -> Actor:
    actor = resolve_actor(user, None)
    assert actor is not None
    return actor


def ids(records: object) -> set[int]:
    return {record.pk for record in records}  # type: ignore[attr-defined]


@pytest.fixture
def trail(network: Network, alice: User, bob: User, olga: User) -> dict[str, AccessRecord]:
    """alice reads her own person; bob reads his; olga (CIAM) is denied alice's person."""
    person_a = PersonFactory.create(office=network.consulate_a)
    person_b = PersonFactory.create(office=network.consulate_b)
    return {
        "a": audit_record(actor=actor_of(alice), action=Action.VIEW, target=person_a),
        "b": audit_record(actor=actor_of(bob), action=Action.VIEW, target=person_b),
        "ciam_on_a": audit_record(
            actor=actor_of(olga), action=Action.VIEW, target=person_a, outcome=Outcome.DENIED
        ),
    }


@pytest.fixture
def auditor_a(network: Network) -> User:
    user = UserFactory.create(username="auditora_a")
    MembershipFactory(user=user, office=network.consulate_a, role=Role.AUDITOR)
    return user


def test_rule_1_only_auditors_and_central_administration_read_the_trail(
    trail: dict[str, AccessRecord], alice: User, ana: User, carla: User, aurora: User
) -> None:
    for outsider in (alice, ana, carla):
        assert not records_visible_to(actor_of(outsider)).exists()
    assert records_visible_to(None).count() == 0
    assert ids(records_visible_to(actor_of(aurora))) == ids(trail.values())


def test_rule_2_headquarters_auditors_and_administrators_read_every_record(
    trail: dict[str, AccessRecord], aurora: User, adan: User, auditor_a: User
) -> None:
    everything = ids(trail.values())
    assert ids(records_visible_to(actor_of(aurora))) == everything
    assert ids(records_visible_to(actor_of(adan))) == everything
    assert ids(records_visible_to(actor_of(auditor_a))) != everything


def test_rule_3_an_office_auditor_reads_what_the_office_did_or_owns(
    trail: dict[str, AccessRecord], auditor_a: User, aurora: User
) -> None:
    # Alice acted from consulate A; the CIAM denial concerned a person consulate A owns.
    assert ids(records_visible_to(actor_of(auditor_a))) == {trail["a"].pk, trail["ciam_on_a"].pk}
    assert trail["b"].pk in ids(records_visible_to(actor_of(aurora)))


def test_the_newest_record_comes_first(trail: dict[str, AccessRecord], aurora: User) -> None:
    first = records_visible_to(actor_of(aurora)).first()
    assert first is not None
    assert first.pk == trail["ciam_on_a"].pk


def test_filters_narrow_by_user_office_action_outcome_and_target(
    trail: dict[str, AccessRecord], aurora: User, network: Network
) -> None:
    actor = actor_of(aurora)

    def matching(**filters: object) -> set[int]:
        return ids(records_visible_to(actor, RecordFilters(**filters)))  # type: ignore[arg-type]

    assert matching(username="bob") == {trail["b"].pk}
    assert matching(office_id=network.consulate_b.pk) == {trail["b"].pk}
    assert matching(office_id=network.consulate_a.pk) == {trail["a"].pk, trail["ciam_on_a"].pk}
    assert matching(outcome=Outcome.DENIED) == {trail["ciam_on_a"].pk}
    assert matching(action=Action.UPDATE) == set()
    person_a_id = trail["a"].target_id
    assert matching(target_type="people.person", target_id=person_a_id) == {
        trail["a"].pk,
        trail["ciam_on_a"].pk,
    }


def test_the_date_range_includes_both_ends(trail: dict[str, AccessRecord], aurora: User) -> None:
    actor = actor_of(aurora)
    today = timezone.localdate()
    assert records_visible_to(actor, RecordFilters(since=today, until=today)).count() == 3
    yesterday = today - timedelta(days=1)
    assert not records_visible_to(actor, RecordFilters(until=yesterday)).exists()
    assert not records_visible_to(actor, RecordFilters(since=today + timedelta(days=1))).exists()
