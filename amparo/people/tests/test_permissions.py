import pytest

from amparo.accounts.actor import Actor
from amparo.accounts.models import Membership, Role, User
from amparo.conftest import Network
from amparo.people.permissions import can_register_people, offices_for_new_people


@pytest.mark.parametrize("role", list(Role))
def test_can_register_people_agrees_with_the_offices_offered(network: Network, role: Role) -> None:
    user = User.objects.create(username=f"someone-{role}")
    membership = Membership.objects.create(user=user, office=network.consulate_a, role=role)
    actor = Actor(user=user, membership=membership)
    assert can_register_people(actor) == offices_for_new_people(actor).exists()


def test_nobody_signed_in_registers_nobody() -> None:
    assert not can_register_people(None)
