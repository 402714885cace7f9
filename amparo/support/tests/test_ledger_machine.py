"""A Hypothesis state machine drives the ledger with random deposits, holds, payments,
releases, reversals and bond refunds, and after every step checks what must always hold:
debits equal credits, no guarded account below zero, every account's totals equal the sum
of its transfers, and every balance equals the model's own arithmetic.

On PostgreSQL (the database the issue's proof is about) it runs 50 runs of 200 steps, 10,000 in all;
on SQLite a tenth, so the plain suites stay quick."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Sum
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from amparo.accounts.actor import Actor
from amparo.accounts.models import Membership, Role, User
from amparo.network.models import Office, OfficeKind
from amparo.network.tests.factories import OfficeFactory
from amparo.support.models import Account, AccountKind, Posting, Transfer
from amparo.support.services import (
    Leg,
    account_for,
    deposit,
    fund_open,
    hold,
    pay,
    post,
    release,
    reverse,
)

FULL = connection.vendor == "postgresql"
EXAMPLES, STEPS = (50, 200) if FULL else (10, 100)
amounts = st.integers(min_value=1, max_value=5_000_00)


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        # Each run in a savepoint rolled back at its end: runs never see each other's rows.
        self.savepoint = transaction.atomic()
        self.savepoint.__enter__()
        office: Office = OfficeFactory(code="HQX", slug="hq-x", kind=OfficeKind.HEADQUARTERS)  # type: ignore[assignment]
        user = User.objects.create(username="ledger")
        self.actor = Actor(
            user=user,
            membership=Membership.objects.create(user=user, office=office, role=Role.CENTRAL_ADMIN),
        )
        self.fund = fund_open(actor=self.actor, name="Fondo", currency="USD", office=office)
        self.expected = dict.fromkeys(AccountKind, 0)
        self.postings: list[Posting] = []
        self.reversed: set[int] = set()
        self.keys = 0

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.savepoint.__exit__(None, None, None)

    def key(self) -> str:
        self.keys += 1
        return f"k{self.keys}"

    def attempt(self, changes: dict[str, int], operation) -> None:  # type: ignore[no-untyped-def]
        """Run `operation`; it must succeed exactly when no guarded account would go below
        zero, and then move the model's balances by `changes`."""
        after = {kind: self.expected[kind] + changes.get(kind, 0) for kind in self.expected}
        allowed = all(after[kind] >= 0 for kind in (
            AccountKind.AVAILABLE, AccountKind.COMMITTED, AccountKind.PAID, AccountKind.RECEIVABLE
        ))  # fmt: skip
        try:
            posting = operation()
        except ValidationError:
            assert not allowed, f"refused although allowed: {changes}"
            return
        assert allowed, f"accepted although it overdraws: {changes}"
        self.expected = after
        self.postings.append(posting)

    @rule(amount=amounts)
    def deposit(self, amount: int) -> None:
        self.attempt(
            {AccountKind.AVAILABLE: amount, AccountKind.FUNDING: -amount},
            lambda: deposit(
                actor=self.actor, fund=self.fund, amount=amount, idempotency_key=self.key()
            ),
        )

    @rule(amount=amounts)
    def hold(self, amount: int) -> None:
        self.attempt(
            {AccountKind.COMMITTED: amount, AccountKind.AVAILABLE: -amount},
            lambda: hold(
                actor=self.actor, fund=self.fund, amount=amount, idempotency_key=self.key()
            ),
        )

    @rule(amount=amounts)
    def pay(self, amount: int) -> None:
        self.attempt(
            {AccountKind.PAID: amount, AccountKind.COMMITTED: -amount},
            lambda: pay(
                actor=self.actor, fund=self.fund, amount=amount, idempotency_key=self.key()
            ),
        )

    @rule(amount=amounts)
    def release(self, amount: int) -> None:
        self.attempt(
            {AccountKind.AVAILABLE: amount, AccountKind.COMMITTED: -amount},
            lambda: release(
                actor=self.actor, fund=self.fund, amount=amount, idempotency_key=self.key()
            ),
        )

    @rule(amount=amounts, interest=st.integers(min_value=0, max_value=500_00))
    def bond_refunded(self, amount: int, interest: int) -> None:
        """A paid bond comes back with interest: paid → receivable → available."""
        fund = self.fund
        receivable = account_for(fund, AccountKind.RECEIVABLE)
        legs = [Leg(receivable, account_for(fund, AccountKind.PAID), amount),
                Leg(account_for(fund, AccountKind.AVAILABLE), receivable, amount)]  # fmt: skip
        changes: dict[str, int] = {AccountKind.PAID: -amount, AccountKind.AVAILABLE: amount}
        if interest:
            legs.insert(1, Leg(receivable, account_for(fund, AccountKind.INTEREST), interest))
            legs[-1] = Leg(account_for(fund, AccountKind.AVAILABLE), receivable, amount + interest)
            changes = {**changes, AccountKind.AVAILABLE: amount + interest,
                       AccountKind.INTEREST: -interest}  # fmt: skip
        self.attempt(
            changes,
            lambda: post(actor=self.actor, fund=fund, kind="bond", idempotency_key=self.key(),
                         legs=legs),
        )  # fmt: skip

    @rule(data=st.data())
    def reverse_one(self, data: st.DataObject) -> None:
        candidates = [
            p for p in self.postings if p.kind != "reversal" and p.pk not in self.reversed
        ]
        if not candidates:
            return
        posting = data.draw(st.sampled_from(candidates))
        changes: dict[str, int] = {}
        for transfer in posting.transfers.select_related("debit_account", "credit_account"):
            changes[transfer.debit_account.kind] = (
                changes.get(transfer.debit_account.kind, 0) - transfer.amount
            )
            changes[transfer.credit_account.kind] = (
                changes.get(transfer.credit_account.kind, 0) + transfer.amount
            )
        self.attempt(
            changes, lambda: reverse(actor=self.actor, posting=posting, idempotency_key=self.key())
        )
        if Posting.objects.filter(reverses=posting).exists():
            self.reversed.add(posting.pk)

    @invariant()
    def the_books_balance(self) -> None:
        accounts = {a.kind: a for a in Account.objects.filter(fund=self.fund)}
        assert sum(a.balance for a in accounts.values()) == 0
        assert {kind: a.balance for kind, a in accounts.items()} == self.expected
        moved = Transfer.objects.filter(fund=self.fund).order_by()
        debits = dict(moved.values_list("debit_account").annotate(s=Sum("amount")))
        credits = dict(moved.values_list("credit_account").annotate(s=Sum("amount")))
        for account in accounts.values():
            assert (account.debits, account.credits) == (
                debits.get(account.pk, 0),
                credits.get(account.pk, 0),
            )


class TestLedgerMachine(TestCase):
    def test_random_postings_keep_the_books(self) -> None:
        run_state_machine_as_test(
            LedgerMachine,
            settings=settings(max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None),
        )
