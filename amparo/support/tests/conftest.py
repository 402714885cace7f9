from datetime import datetime

import pytest
import time_machine

from amparo.accounts.models import User
from amparo.cases.tests.conftest import media_root  # noqa: F401 (fixture)
from amparo.cases.tests.factories import actor_for
from amparo.conftest import Network
from amparo.support.committee import bond_cancel, bond_refund, request_decide, request_pay
from amparo.support.models import ApprovalLevel, Fund
from amparo.support.services import allocate, deposit, fund_open
from amparo.support.tests.test_committee import bail_request


@pytest.fixture
def fund(network: Network, adan: User) -> Fund:
    return fund_open(
        actor=actor_for(adan),
        name="Fondo de fianzas 2025 - Medio Oeste",
        currency="USD",
        office=network.headquarters,
    )


def at(day: str):  # type: ignore[no-untyped-def]
    # 18:00 UTC is noon in Mexico City, where the fund's office is.
    return time_machine.travel(datetime.fromisoformat(f"{day}T18:00:00+00:00"), tick=False)


@pytest.fixture
def history(fund: Fund, adan: User, alice: User, carla: User, network: Network) -> Fund:
    with at("2025-01-15"):
        deposit(actor=actor_for(adan), fund=fund, amount=10_000_00, idempotency_key="budget")
    with at("2025-02-01"):
        allocate(actor=actor_for(adan), fund=fund, office=network.consulate_a, amount=6_000_00,
                 idempotency_key="allocation")  # fmt: skip
    with at("2025-03-10"):
        request = bail_request(alice, fund, 4_000_00)
        request = request_decide(actor=actor_for(carla), request=request,
                                 level=ApprovalLevel.OFFICE, approved=True, minutes_number="A-1")  # fmt: skip
    with at("2025-03-12"):
        request = request_pay(actor=actor_for(adan), request=request)
    with at("2025-06-30"):
        request = bond_cancel(actor=actor_for(adan), request=request, interest=20_00)
    with at("2025-07-20"):
        bond_refund(actor=actor_for(adan), request=request)
    return fund
