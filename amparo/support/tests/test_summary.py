"""A fund's statement for a period: opening balance, what each kind of posting added or
took, closing balance; and each figure's entries. Days are the fund office's."""

from datetime import UTC, date, datetime

import time_machine

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for
from amparo.conftest import Network
from amparo.network.models import Office
from amparo.support.models import Account, Fund
from amparo.support.selectors import LedgerQuery, default_period, entries, period, summary
from amparo.support.services import deposit


def test_the_statement_reconciles_opening_lines_and_closing(history: Fund) -> None:
    march_to_july = summary(history, date(2025, 3, 1), date(2025, 7, 31))
    assert march_to_july.opening_total == 10_000_00
    lines = {line.kind: line for line in march_to_july.lines}
    assert lines["hold"].change == 0 and lines["hold"].moved == 4_000_00
    assert lines["payment"].change == -4_000_00
    assert lines["bond_refunded"].change == 4_020_00
    assert "bond_cancelled" not in lines  # receivable is not the fund's money yet
    assert march_to_july.closing_total == 10_020_00
    assert march_to_july.closing_total == march_to_july.opening_total + sum(
        line.change for line in march_to_july.lines
    )


def test_an_offices_statement_counts_its_allocation_as_money_in(
    history: Fund, network: Network
) -> None:
    year = summary(history, date(2025, 1, 1), date(2025, 12, 31), office=network.consulate_a)
    assert year.opening_total == 0
    assert {line.kind: line.change for line in year.lines}["allocation"] == 6_000_00
    assert year.closing_total == 6_020_00
    pool = summary(history, date(2025, 1, 1), date(2025, 12, 31))
    assert {line.kind: line.change for line in pool.lines}["allocation"] == 0


def test_a_period_ends_at_midnight_in_the_funds_office(fund: Fund, adan: User) -> None:
    # 03:00 UTC on 1 February is still 31 January in Mexico City.
    with time_machine.travel(datetime(2025, 2, 1, 3, 0, tzinfo=UTC), tick=False):
        deposit(actor=actor_for(adan), fund=fund, amount=1_00, idempotency_key="late")
    january = summary(fund, date(2025, 1, 1), date(2025, 1, 31))
    assert january.closing_total == 1_00
    assert [p.idempotency_key for p in entries(fund, LedgerQuery(end=date(2025, 1, 31)))] == [
        "late"
    ]
    assert not entries(fund, LedgerQuery(start=date(2025, 2, 1))).exists()


def test_each_figure_has_its_entries(history: Fund, network: Network) -> None:
    payments = entries(history, LedgerQuery(date(2025, 3, 1), date(2025, 7, 31), "payment"))
    assert [(p.kind, p.transfers.get().amount) for p in payments] == [("payment", 4_000_00)]
    of_the_office = entries(history, LedgerQuery(office=network.consulate_a))
    assert [p.kind for p in of_the_office] == [
        "allocation", "hold", "payment", "bond_cancelled", "bond_refunded",
    ]  # fmt: skip


def test_the_closing_balance_agrees_with_the_accounts_running_totals(
    history: Fund, network: Network
) -> None:
    def running(kind: str, office: Office | None = None) -> int:
        accounts = Account.objects.filter(fund=history, kind=kind)
        if office is not None:
            accounts = accounts.filter(office=office)
        return sum(account.balance for account in accounts)

    for office in (None, network.consulate_a):
        closing = summary(history, date(2025, 1, 1), date(2099, 12, 31), office=office).closing
        assert closing == {
            "available": running("available", office), "committed": running("committed", office),
        }  # fmt: skip


def test_the_default_period_is_this_year_or_the_year_of_the_last_posting(
    history: Fund, adan: User
) -> None:
    with time_machine.travel(datetime(2026, 3, 10, 16, 0, tzinfo=UTC), tick=False):
        # Last year's fund: its whole last year, not an empty year so far.
        assert default_period(history) == (date(2025, 1, 1), date(2025, 12, 31))
        deposit(actor=actor_for(adan), fund=history, amount=1_00, idempotency_key="this-year")
        assert default_period(history) == (date(2026, 1, 1), date(2026, 3, 10))


def test_a_period_with_one_end_given_keeps_it(history: Fund) -> None:
    with time_machine.travel(datetime(2026, 3, 10, 16, 0, tzinfo=UTC), tick=False):
        assert period(history, date(2026, 2, 1), None) == (date(2026, 2, 1), date(2026, 3, 10))
        assert period(history, None, date(2025, 6, 30)) == (date(2025, 1, 1), date(2025, 6, 30))
        assert period(history, None, None) == (date(2025, 1, 1), date(2025, 12, 31))
