"""Racing postings on PostgreSQL, where writers really run in parallel (SQLite serialises
writers, so the race cannot happen there)."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for
from amparo.support.models import AccountKind, Fund, Posting
from amparo.support.services import account_for, deposit, hold, pay

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs parallel writers"),
    pytest.mark.django_db(transaction=True),
]


def in_threads(count: int, work: Callable[[int], object]) -> list[object]:
    def run(number: int) -> object:
        try:
            return work(number)
        except ValidationError as error:
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_fifty_payments_of_1000_from_10000_pay_exactly_ten(fund: Fund, adan: User) -> None:
    actor = actor_for(adan)
    deposit(actor=actor, fund=fund, amount=10_000_00, idempotency_key="deposit")
    hold(actor=actor, fund=fund, amount=10_000_00, idempotency_key="hold")

    results = in_threads(
        50, lambda n: pay(actor=actor, fund=fund, amount=1_000_00, idempotency_key=f"pay-{n}")
    )

    assert sum(isinstance(result, Posting) for result in results) == 10
    assert all(isinstance(r, Posting | ValidationError) for r in results)
    assert account_for(fund, AccountKind.PAID).balance == 10_000_00
    assert account_for(fund, AccountKind.COMMITTED).balance == 0


def test_a_hundred_replays_of_one_key_make_one_posting(fund: Fund, adan: User) -> None:
    actor = actor_for(adan)

    results = in_threads(
        100, lambda n: deposit(actor=actor, fund=fund, amount=250_00, idempotency_key="same")
    )

    assert Posting.objects.filter(idempotency_key="same").count() == 1
    assert {result.pk for result in results if isinstance(result, Posting)} == {
        Posting.objects.get(idempotency_key="same").pk
    }
    assert account_for(fund, AccountKind.AVAILABLE).balance == 250_00
