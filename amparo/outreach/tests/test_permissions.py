"""One test per rule of amparo/outreach/permissions.py."""

import pytest

from amparo.accounts.models import User
from amparo.conftest import Network
from amparo.outreach.permissions import (
    can_approve_for,
    can_manage_kinds,
    can_plan_for,
    can_plan_for_any_office,
    can_use_outreach,
)
from amparo.outreach.tests.conftest import actor_of

pytestmark = pytest.mark.django_db


def test_rule_1_officers_and_heads_plan_for_their_office_and_central_admin_for_any(
    network: Network, alice: User, carla: User, adan: User, ana: User
) -> None:
    a, b = network.consulate_a, network.consulate_b
    assert can_plan_for_any_office(actor_of(adan))
    assert not any(can_plan_for_any_office(actor_of(u)) for u in (alice, carla, ana))
    assert can_plan_for(actor_of(alice), a) and can_plan_for(actor_of(carla), a)
    assert not can_plan_for(actor_of(alice), b)
    assert can_plan_for(actor_of(adan), b)
    assert not can_plan_for(actor_of(adan), network.headquarters)


def test_rule_2_only_the_head_or_central_admin_approves(
    network: Network, alice: User, carla: User, adan: User, ana: User
) -> None:
    a = network.consulate_a
    assert can_approve_for(actor_of(carla), a) and can_approve_for(actor_of(adan), a)
    assert not can_approve_for(actor_of(alice), a)
    assert not can_approve_for(actor_of(carla), network.consulate_b)
    assert not can_approve_for(actor_of(ana), a)


def test_rule_3_central_administration_adds_kinds(adan: User, ana: User, carla: User) -> None:
    assert can_manage_kinds(actor_of(adan))
    assert not can_manage_kinds(actor_of(ana)) and not can_manage_kinds(actor_of(carla))


def test_rule_4_hotline_pale_and_auditors_have_no_outreach(
    network: Network, olga: User, luis: User, aurora: User, ana: User
) -> None:
    for user in (olga, luis, aurora):
        assert not can_use_outreach(actor_of(user))
        assert not can_plan_for(actor_of(user), network.consulate_a)
    assert can_use_outreach(actor_of(ana))  # analysts read every office's events and report
