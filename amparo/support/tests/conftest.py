import pytest

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for
from amparo.conftest import Network
from amparo.support.models import Fund
from amparo.support.services import fund_open


@pytest.fixture
def fund(network: Network, adan: User) -> Fund:
    return fund_open(
        actor=actor_for(adan),
        name="Fondo de fianzas 2025 - Medio Oeste",
        currency="USD",
        office=network.headquarters,
    )
