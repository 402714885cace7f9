"""Office allocations (an office's requests draw on its share, and only on it) and requests
in another currency than the fund's (converted at the rate the committee records)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from amparo.accounts.models import User
from amparo.cases.models import CaseEvent, EventKind
from amparo.cases.tests.factories import actor_for, open_case_as
from amparo.conftest import Network
from amparo.support.committee import (
    bond_cancel,
    bond_refund,
    request_decide,
    request_pay,
    request_submit,
)
from amparo.support.models import (
    AccountKind,
    Approval,
    ApprovalLevel,
    Fund,
    Posting,
    RequestStatus,
    SupportRequest,
)
from amparo.support.services import account_for, allocate, deposit, fund_open


def submit(alice: User, fund: Fund, amount: int, currency: str | None = None) -> SupportRequest:
    return request_submit(
        actor=actor_for(alice), case=open_case_as(alice, flags={"is_detained": True}),
        fund=fund, kind="bail_bond", amount=amount, currency=currency,
        payee_name="Chicago Bond Fund", payee_kind="partner", justification="Fianza.",
    )  # fmt: skip


def approve(user: User, request: SupportRequest, level: str = ApprovalLevel.OFFICE, **kw):  # type: ignore[no-untyped-def]
    return request_decide(
        actor=actor_for(user), request=request, level=level, approved=True,
        minutes_number="ACTA-1", **kw,
    )  # fmt: skip


@pytest.fixture
def allocated(fund: Fund, adan: User, network: Network) -> Fund:
    deposit(actor=actor_for(adan), fund=fund, amount=10_000_00, idempotency_key="budget")
    allocate(
        actor=actor_for(adan), fund=fund, office=network.consulate_a, amount=3_000_00,
        idempotency_key="allocation-ta",
    )  # fmt: skip
    return fund


def test_an_offices_request_draws_on_its_allocation_through_the_bonds_whole_life(
    allocated: Fund, alice: User, carla: User, adan: User, network: Network
) -> None:
    office = network.consulate_a
    request = approve(carla, submit(alice, allocated, 2_000_00))
    assert request.ledger_office == office
    assert account_for(allocated, AccountKind.AVAILABLE, office).balance == 1_000_00
    assert account_for(allocated, AccountKind.AVAILABLE).balance == 7_000_00  # pool untouched

    request = request_pay(actor=actor_for(adan), request=request)
    request = bond_cancel(actor=actor_for(adan), request=request, interest=15_00)
    bond_refund(actor=actor_for(adan), request=request)

    assert account_for(allocated, AccountKind.AVAILABLE, office).balance == 3_015_00
    assert account_for(allocated, AccountKind.PAID, office).balance == 0
    assert account_for(allocated, AccountKind.RECEIVABLE, office).balance == 0


def test_an_office_cannot_spend_beyond_its_allocation_even_when_the_pool_has_money(
    allocated: Fund, alice: User, carla: User
) -> None:
    request = submit(alice, allocated, 3_500_00)
    with pytest.raises(ValidationError, match="Saldo insuficiente"):
        approve(carla, request)
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED
    assert not Approval.objects.filter(request=request).exists()  # nothing half-written


def test_an_office_without_allocation_draws_on_the_common_pool(
    fund: Fund, adan: User, alice: User, carla: User
) -> None:
    deposit(actor=actor_for(adan), fund=fund, amount=5_000_00, idempotency_key="budget")
    request = approve(carla, submit(alice, fund, 1_000_00))
    assert request.ledger_office is None
    assert account_for(fund, AccountKind.AVAILABLE).balance == 4_000_00


def test_an_allocation_beyond_the_pool_is_refused(fund: Fund, adan: User, network: Network) -> None:
    with pytest.raises(ValidationError, match="Saldo insuficiente"):
        allocate(
            actor=actor_for(adan), fund=fund, office=network.consulate_a, amount=1_00,
            idempotency_key="too-much",
        )  # fmt: skip
    assert not Posting.objects.filter(kind="allocation").exists()


@pytest.fixture
def peso_fund(adan: User, network: Network) -> Fund:
    fund = fund_open(
        actor=actor_for(adan), name="Fondo de repatriaciones (MXN)", currency="MXN",
        office=network.headquarters,
    )  # fmt: skip
    deposit(actor=actor_for(adan), fund=fund, amount=1_000_000_00, idempotency_key="mxn-budget")
    return fund


def test_a_dollar_request_on_a_peso_fund_is_held_at_the_rate_the_last_approval_records(
    peso_fund: Fund, alice: User, carla: User, adan: User
) -> None:
    request = submit(alice, peso_fund, 2_500_00, currency="USD")  # USD 2,500.00
    # Its amount in pesos is only known on the day: headquarters decides too.
    request = approve(carla, request, exchange_rate=Decimal("18.1"))
    assert request.status == RequestStatus.SUBMITTED
    request = approve(
        adan, request, level=ApprovalLevel.HEADQUARTERS, exchange_rate=Decimal("18.2345")
    )
    assert request.status == RequestStatus.APPROVED
    assert request.exchange_rate == Decimal("18.234500")
    assert request.held_amount == 45_586_25  # 2,500.00 * 18.2345 = 45,586.25 pesos
    assert account_for(peso_fund, AccountKind.COMMITTED).balance == 45_586_25

    request_pay(actor=actor_for(adan), request=request)
    assert account_for(peso_fund, AccountKind.PAID).balance == 45_586_25
    assert CaseEvent.objects.filter(case=request.case, kind=EventKind.SUPPORT).count() == 4


def test_converted_amounts_round_half_up_to_the_centavo(
    peso_fund: Fund, alice: User, carla: User, adan: User
) -> None:
    request = approve(carla, submit(alice, peso_fund, 1_01, currency="USD"), exchange_rate=1)
    request = approve(
        adan, request, level=ApprovalLevel.HEADQUARTERS, exchange_rate=Decimal("17.5")
    )
    assert request.held_amount == 17_68  # 1.01 * 17.5 = 17.675 → 17.68


@pytest.mark.parametrize("rate", [None, "0", "-18", "abc", "NaN", "100000"])
def test_an_approval_in_another_currency_needs_a_sensible_rate(
    peso_fund: Fund, alice: User, carla: User, rate: str | None
) -> None:
    request = submit(alice, peso_fund, 2_500_00, currency="USD")
    with pytest.raises(ValidationError) as error:
        approve(carla, request, exchange_rate=rate)
    assert "exchange_rate" in error.value.message_dict
    assert not Approval.objects.filter(request=request).exists()


def test_an_unknown_currency_is_refused(fund: Fund, alice: User) -> None:
    with pytest.raises(ValidationError) as error:
        submit(alice, fund, 1_000_00, currency="EUR")
    assert "currency" in error.value.message_dict
    assert not SupportRequest.objects.exists()
