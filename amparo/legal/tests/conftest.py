from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
import time_machine

from amparo.accounts.models import Role, User
from amparo.cases.models import Case, Materia
from amparo.cases.tests.factories import actor_for, open_case_as, person_in
from amparo.conftest import Network, _member
from amparo.hotline.tests.conftest import areas  # noqa: F401 (fixture)
from amparo.legal.models import Contract, Provider
from amparo.legal.services import (
    contract_create,
    contract_set_status,
    lawyer_attach,
    provider_create,
)
from amparo.network.models import JurisdictionArea

NOW = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@dataclass
class Pale:
    provider: Provider
    contract: Contract
    rival: Provider  # a second provider under contract, with its own lawyer
    lawyer: User
    rival_lawyer: User
    case: Case


def provider_with_contract(
    carla: User, name: str, places: dict[str, JurisdictionArea], capacity: int = 5,
    period: tuple[date, date] = (date(2026, 1, 1), date(2026, 12, 31)),
) -> Provider:  # fmt: skip
    """Under contract with carla's office for `period` (the fixed clock's year by default;
    a test at the real time passes one around its today)."""
    actor = actor_for(carla)
    provider = provider_create(
        actor=actor, office=actor.office, name=name, kind="law_firm",
        materias=[Materia.objects.get(code="MIGRATORIO")], counties=[places["travis"]],
        languages="es,en",
    )  # fmt: skip
    contract = contract_create(
        actor=actor, provider=provider, office=actor.office, starts_on=period[0],
        ends_on=period[1], ceiling=50_000_00, capacity=capacity,
    )  # fmt: skip
    contract_set_status(actor=actor, contract=contract, status="in_force")
    return provider


@pytest.fixture
def pale(
    network: Network,
    carla: User,
    luis: User,
    areas: dict[str, JurisdictionArea],  # noqa: F811
    alice: User,
) -> Pale:
    provider = provider_with_contract(carla, "Despacho Ruiz & Asociados", areas)
    rival = provider_with_contract(carla, "Clínica Jurídica UT Austin", areas)
    lawyer_attach(actor=actor_for(carla), provider=provider, user=luis)
    rival_lawyer = _member("rita", network.consulate_a, Role.EXTERNAL_LAWYER)
    lawyer_attach(actor=actor_for(carla), provider=rival, user=rival_lawyer)
    person = person_in(network.consulate_a, address_state="TX", address_county="Travis County",
                       a_number="201555123", given_names="María", first_surname="Pérez",
                       second_surname="")  # fmt: skip
    case = open_case_as(alice, person=person, summary="Detenida en Austin; audiencia pendiente.")
    return Pale(provider, provider.contracts.get(), rival, luis, rival_lawyer, case)
