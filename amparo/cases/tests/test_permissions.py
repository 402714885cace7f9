"""One test per rule in amparo/cases/permissions.py, each with two users."""

from amparo.accounts.access import may_write_office
from amparo.cases.permissions import assignable_officers, can_edit_taxonomy
from amparo.cases.tests.factories import actor_for


def test_rule_1_officers_write_only_in_their_own_office(alice, bob, network) -> None:  # type: ignore[no-untyped-def]
    assert may_write_office(actor_for(alice), network.consulate_a.pk)
    assert not may_write_office(actor_for(alice), network.consulate_b.pk)
    assert may_write_office(actor_for(bob), network.consulate_b.pk)
    assert not may_write_office(actor_for(bob), network.consulate_a.pk)


def test_rule_1_central_admin_writes_anywhere_and_the_analyst_nowhere(adan, ana, network) -> None:  # type: ignore[no-untyped-def]
    assert may_write_office(actor_for(adan), network.consulate_b.pk)
    assert not may_write_office(actor_for(ana), network.consulate_b.pk)
    assert not may_write_office(actor_for(ana), network.headquarters.pk)
    assert not may_write_office(None, network.consulate_a.pk)


def test_rule_2_only_staff_of_the_owning_office_can_be_assigned(
    alice, carla, bob, luis, network
) -> None:  # type: ignore[no-untyped-def]
    officers = set(assignable_officers(network.consulate_a.pk))
    assert officers == {alice, carla}
    assert bob not in officers and luis not in officers


def test_rule_3_only_central_administration_edits_the_taxonomy(adan, ana, carla) -> None:  # type: ignore[no-untyped-def]
    assert can_edit_taxonomy(actor_for(adan))
    assert not can_edit_taxonomy(actor_for(ana))
    assert not can_edit_taxonomy(actor_for(carla))
