"""The ledger's promises: balanced by construction, never below zero, never changed,
once per idempotency key, and refused whole when any part is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord
from amparo.cases.tests.factories import actor_for
from amparo.support.models import Account, AccountKind, Fund, Posting, Transfer
from amparo.support.services import Leg, account_for, deposit, hold, pay, post, release, reverse

USD_10000 = 10_000_00


def balance(fund: Fund, kind: str) -> int:
    return account_for(fund, kind).balance


def sums_match_totals() -> bool:
    """Every account's running totals equal the sum of its transfers."""
    for account in Account.objects.all():
        debits = Transfer.objects.filter(debit_account=account).aggregate(s=Sum("amount"))["s"]
        credits = Transfer.objects.filter(credit_account=account).aggregate(s=Sum("amount"))["s"]
        if (account.debits, account.credits) != (debits or 0, credits or 0):
            return False
    return True


def test_money_moves_from_deposit_to_hold_to_payment(fund: Fund, adan: User) -> None:
    actor = actor_for(adan)
    deposit(actor=actor, fund=fund, amount=USD_10000, idempotency_key="d1")
    hold(actor=actor, fund=fund, amount=3_000_00, idempotency_key="h1")
    pay(actor=actor, fund=fund, amount=2_500_00, idempotency_key="p1")
    release(actor=actor, fund=fund, amount=500_00, idempotency_key="r1")

    assert balance(fund, AccountKind.AVAILABLE) == 7_500_00
    assert balance(fund, AccountKind.COMMITTED) == 0
    assert balance(fund, AccountKind.PAID) == 2_500_00
    assert balance(fund, AccountKind.FUNDING) == -USD_10000  # credit-normal source
    assert sum(account.balance for account in Account.objects.all()) == 0
    assert sums_match_totals()
    assert AccessRecord.objects.filter(target_type="support.posting").count() == 4


def test_nothing_is_held_or_paid_beyond_what_is_there(fund: Fund, adan: User) -> None:
    actor = actor_for(adan)
    deposit(actor=actor, fund=fund, amount=1_000_00, idempotency_key="d1")

    with pytest.raises(ValidationError, match="Saldo insuficiente"):
        hold(actor=actor, fund=fund, amount=1_000_01, idempotency_key="h1")
    hold(actor=actor, fund=fund, amount=600_00, idempotency_key="h2")
    with pytest.raises(ValidationError, match="Saldo insuficiente"):
        pay(actor=actor, fund=fund, amount=600_01, idempotency_key="p1")

    assert not Posting.objects.filter(idempotency_key__in=["h1", "p1"]).exists()
    assert balance(fund, AccountKind.AVAILABLE) == 400_00
    assert sums_match_totals()


def test_a_posting_is_refused_whole_when_one_leg_is_refused(fund: Fund, adan: User) -> None:
    actor = actor_for(adan)
    deposit(actor=actor, fund=fund, amount=100_00, idempotency_key="d1")
    available = account_for(fund, AccountKind.AVAILABLE)
    committed = account_for(fund, AccountKind.COMMITTED)
    paid = account_for(fund, AccountKind.PAID)

    with pytest.raises(ValidationError):
        post(
            actor=actor, fund=fund, kind="hold", idempotency_key="two-legs",
            legs=[Leg(committed, available, 100_00), Leg(paid, committed, 100_01)],
        )  # fmt: skip

    assert not Posting.objects.filter(idempotency_key="two-legs").exists()
    assert balance(fund, AccountKind.AVAILABLE) == 100_00
    assert sums_match_totals()


@pytest.mark.parametrize("amount", [0, -100, 10.5, True, "100"])
def test_amounts_are_positive_whole_minor_units(fund: Fund, adan: User, amount: object) -> None:
    with pytest.raises(ValidationError, match="entero de centavos"):
        deposit(actor=actor_for(adan), fund=fund, amount=amount, idempotency_key="d1")  # type: ignore[arg-type]
    assert not Posting.objects.exists()


def test_a_key_is_used_once_and_only_for_the_same_posting(fund: Fund, adan: User) -> None:
    actor = actor_for(adan)
    first = deposit(actor=actor, fund=fund, amount=500_00, idempotency_key="d1")
    again = deposit(actor=actor, fund=fund, amount=500_00, idempotency_key="d1")

    assert again == first
    assert balance(fund, AccountKind.AVAILABLE) == 500_00
    with pytest.raises(ValidationError, match="ya se usó"):
        deposit(actor=actor, fund=fund, amount=501_00, idempotency_key="d1")


def test_a_reversal_mirrors_the_posting_once(fund: Fund, adan: User) -> None:
    actor = actor_for(adan)
    deposit(actor=actor, fund=fund, amount=500_00, idempotency_key="d1")
    held = hold(actor=actor, fund=fund, amount=200_00, idempotency_key="h1")

    reverse(actor=actor, posting=held, idempotency_key="x1")

    assert balance(fund, AccountKind.AVAILABLE) == 500_00
    assert balance(fund, AccountKind.COMMITTED) == 0
    with pytest.raises(ValidationError, match="ya fue revertido"):
        reverse(actor=actor, posting=held, idempotency_key="x2")


def test_entries_cannot_be_changed_or_deleted_in_the_database(fund: Fund, adan: User) -> None:
    deposit(actor=actor_for(adan), fund=fund, amount=500_00, idempotency_key="d1")
    for sql in (
        "UPDATE support_transfer SET amount = 1",
        "DELETE FROM support_transfer",
        "UPDATE support_posting SET memo = 'x'",
        "DELETE FROM support_posting",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert Transfer.objects.get().amount == 500_00


def test_the_database_refuses_a_guarded_account_below_zero_and_cross_fund_transfers(
    fund: Fund, adan: User, network
) -> None:
    from amparo.support.services import fund_open

    available = account_for(fund, AccountKind.AVAILABLE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.filter(pk=available.pk).update(credits=1)
    other = fund_open(
        actor=actor_for(adan), name="Otro", currency="MXN", office=network.headquarters
    )
    posting = deposit(actor=actor_for(adan), fund=fund, amount=1_00, idempotency_key="d1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Transfer.objects.create(
            posting=posting, fund=fund, amount=1,
            debit_account=account_for(other, AccountKind.AVAILABLE),
            credit_account=account_for(fund, AccountKind.FUNDING),
        )  # fmt: skip


def test_only_the_funds_office_and_central_administration_post(fund: Fund, alice: User) -> None:
    with pytest.raises(PermissionDenied):
        deposit(actor=actor_for(alice), fund=fund, amount=1_00, idempotency_key="d1")


def test_a_fund_has_one_account_per_kind_and_office(fund: Fund, network) -> None:
    fund_wide = account_for(fund, AccountKind.AVAILABLE)
    chicago = account_for(fund, AccountKind.AVAILABLE, network.consulate_a)

    assert account_for(fund, AccountKind.AVAILABLE) == fund_wide
    assert account_for(fund, AccountKind.AVAILABLE, network.consulate_a) == chicago
    assert fund_wide != chicago
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.create(fund=fund, kind=AccountKind.AVAILABLE, guarded=True)
