"""Requests and the committee: the requester never decides, large amounts need
headquarters too, approval holds the money (or fails whole), payment posts it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for, open_case_as
from amparo.support.committee import (
    CoFunding,
    bond_breach,
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
from amparo.support.services import account_for, deposit


def bail_request(alice: User, fund: Fund, amount: int) -> SupportRequest:
    return request_submit(
        actor=actor_for(alice), case=open_case_as(alice, flags={"is_detained": True}),
        fund=fund, kind="bail_bond", amount=amount, payee_name="Chicago Bond Fund",
        payee_kind="partner", justification="Fianza de USD 8,000; la organización pone el resto.",
        cofunders=[CoFunding("Chicago Bond Fund", 4_000_00)],
    )  # fmt: skip


@pytest.fixture
def funded(fund: Fund, adan: User) -> Fund:
    deposit(actor=actor_for(adan), fund=fund, amount=10_000_00, idempotency_key="budget")
    return fund


def test_an_approved_request_holds_the_money_and_payment_posts_it(
    funded: Fund, alice: User, carla: User, adan: User
) -> None:
    request = bail_request(alice, funded, 4_000_00)
    assert request.cofunders.get().amount == 4_000_00

    request = request_decide(
        actor=actor_for(carla), request=request, level=ApprovalLevel.OFFICE, approved=True,
        minutes_number="CAPC-TA-2025-014",
    )  # fmt: skip
    assert request.status == RequestStatus.APPROVED
    assert account_for(funded, AccountKind.AVAILABLE).balance == 6_000_00
    assert account_for(funded, AccountKind.COMMITTED).balance == 4_000_00

    request = request_pay(actor=actor_for(adan), request=request)
    assert request.status == RequestStatus.PAID
    assert account_for(funded, AccountKind.PAID).balance == 4_000_00
    assert account_for(funded, AccountKind.COMMITTED).balance == 0


def test_the_requester_never_decides(funded: Fund, carla: User, alice: User) -> None:
    request = bail_request(carla, funded, 1_000_00)  # the head of office asks this time
    with pytest.raises(ValidationError, match="no puede aprobar"):
        request_decide(
            actor=actor_for(carla), request=request, level=ApprovalLevel.OFFICE,
            approved=True, minutes_number="A-1",
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():  # nor behind the service's back
        Approval.objects.create(
            request=request, level=ApprovalLevel.OFFICE, approved=True, minutes_number="A-1",
            decided_by=carla, requested_by=carla, decided_at=timezone.now(),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):  # and an officer is not the committee
        request_decide(
            actor=actor_for(alice), request=request, level=ApprovalLevel.OFFICE,
            approved=True, minutes_number="A-1",
        )  # fmt: skip


def test_above_the_threshold_one_approval_is_not_enough(
    funded: Fund, alice: User, carla: User, adan: User
) -> None:
    request = bail_request(alice, funded, 6_000_00)  # threshold: 5,000

    request = request_decide(
        actor=actor_for(carla), request=request, level=ApprovalLevel.OFFICE, approved=True,
        minutes_number="A-2",
    )  # fmt: skip
    assert request.status == RequestStatus.SUBMITTED
    assert account_for(funded, AccountKind.COMMITTED).balance == 0
    with pytest.raises(PermissionDenied):  # a head of office is not headquarters
        request_decide(
            actor=actor_for(carla), request=request, level=ApprovalLevel.HEADQUARTERS,
            approved=True, minutes_number="A-2",
        )  # fmt: skip

    request = request_decide(
        actor=actor_for(adan), request=request, level=ApprovalLevel.HEADQUARTERS,
        approved=True, minutes_number="CAPC-SRE-2025-031",
    )  # fmt: skip
    assert request.status == RequestStatus.APPROVED
    assert account_for(funded, AccountKind.COMMITTED).balance == 6_000_00


def test_an_approval_beyond_what_is_available_writes_nothing(
    fund: Fund, adan: User, alice: User, carla: User
) -> None:
    deposit(actor=actor_for(adan), fund=fund, amount=500_00, idempotency_key="budget")
    request = bail_request(alice, fund, 1_000_00)

    with pytest.raises(ValidationError, match="Saldo insuficiente"):
        request_decide(
            actor=actor_for(carla), request=request, level=ApprovalLevel.OFFICE,
            approved=True, minutes_number="A-3",
        )  # fmt: skip

    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED
    assert not Approval.objects.exists()
    assert Posting.objects.count() == 1  # the deposit only


def test_a_rejection_closes_the_request_and_holds_nothing(
    funded: Fund, alice: User, carla: User, adan: User
) -> None:
    request = bail_request(alice, funded, 1_000_00)
    request = request_decide(
        actor=actor_for(carla), request=request, level=ApprovalLevel.OFFICE, approved=False,
        minutes_number="A-4", note="No cumple los criterios.",
    )  # fmt: skip
    assert request.status == RequestStatus.REJECTED
    with pytest.raises(ValidationError, match="Solo se paga"):
        request_pay(actor=actor_for(adan), request=request)
    assert account_for(funded, AccountKind.COMMITTED).balance == 0


@pytest.mark.parametrize("amount", [0, -5, 12.5, True])
def test_bad_amounts_are_refused_and_nothing_is_written(
    funded: Fund, alice: User, amount: object
) -> None:
    with pytest.raises(ValidationError, match="entero de centavos"):
        bail_request(alice, funded, amount)  # type: ignore[arg-type]
    assert not SupportRequest.objects.exists()


def test_another_office_cannot_ask_for_a_case_it_does_not_own(
    funded: Fund, alice: User, bob: User
) -> None:
    from django.http import Http404

    case = open_case_as(alice)
    with pytest.raises(Http404):
        request_submit(
            actor=actor_for(bob), case=case, fund=funded, kind="bail_bond", amount=1_00,
            payee_name="X", payee_kind="partner", justification="X",
        )  # fmt: skip


def paid_bond(funded: Fund, alice: User, carla: User, adan: User) -> SupportRequest:
    request = bail_request(alice, funded, 4_000_00)
    request_decide(
        actor=actor_for(carla), request=request, level=ApprovalLevel.OFFICE, approved=True,
        minutes_number="A-5",
    )  # fmt: skip
    return request_pay(actor=actor_for(adan), request=request)


def test_a_cancelled_bond_comes_back_with_its_interest(
    funded: Fund, alice: User, carla: User, adan: User
) -> None:
    request = paid_bond(funded, alice, carla, adan)

    request = bond_cancel(actor=actor_for(adan), request=request, interest=12_34)
    assert request.status == RequestStatus.BOND_CANCELLED
    assert account_for(funded, AccountKind.RECEIVABLE).balance == 4_012_34
    assert account_for(funded, AccountKind.PAID).balance == 0

    request = bond_refund(actor=actor_for(adan), request=request)
    assert request.status == RequestStatus.REFUNDED
    assert account_for(funded, AccountKind.RECEIVABLE).balance == 0
    assert account_for(funded, AccountKind.AVAILABLE).balance == 10_012_34
    assert account_for(funded, AccountKind.INTEREST).balance == -12_34


def test_a_breached_bond_is_written_off_and_cannot_be_refunded(
    funded: Fund, alice: User, carla: User, adan: User
) -> None:
    request = bond_breach(actor=actor_for(adan), request=paid_bond(funded, alice, carla, adan))

    assert request.status == RequestStatus.WRITTEN_OFF
    assert account_for(funded, AccountKind.WRITTEN_OFF).balance == 4_000_00
    assert account_for(funded, AccountKind.PAID).balance == 0
    with pytest.raises(ValidationError, match="etapa"):
        bond_refund(actor=actor_for(adan), request=request)


def test_the_statement_lists_every_transfer_and_the_trial_balance_adds_to_zero(
    as_user, funded: Fund, alice: User, carla: User, adan: User
) -> None:
    import io

    from openpyxl import load_workbook

    paid_bond(funded, alice, carla, adan)
    client = as_user(adan)

    csv_text = client.get(f"/apoyos/fondos/{funded.pk}/estado.csv").content.decode()
    lines = csv_text.strip().splitlines()
    assert len(lines) == 1 + 3  # header, deposit, hold, payment
    assert "4000.00" in lines[-1]
    book = load_workbook(io.BytesIO(client.get(f"/apoyos/fondos/{funded.pk}/estado.xlsx").content))
    rows = list(book["Balanza de comprobación"].values)
    assert rows[-1][0] == "Total" and rows[-1][3] == 0
    assert as_user(alice).get(f"/apoyos/fondos/{funded.pk}/estado.csv").status_code == 404


def test_people_released_counts_each_national_whose_bond_was_paid_once(
    as_user, funded: Fund, alice: User, carla: User, adan: User, bob: User
) -> None:
    from amparo.support.selectors import people_released

    paid_bond(funded, alice, carla, adan)
    bond_breach(actor=actor_for(adan), request=paid_bond(funded, alice, carla, adan))
    bail_request(alice, funded, 1_000_00)  # still before the committee: not released

    assert people_released(actor_for(adan)) == 2
    assert people_released(actor_for(alice)) == 2
    assert people_released(actor_for(bob)) == 0  # another office's requests
    page = as_user(alice).get("/apoyos/solicitudes/").content.decode()
    assert 'data-figure="people_released">2<' in page
