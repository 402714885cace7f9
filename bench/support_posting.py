"""Posting to the fund ledger: what Amparo adds over the same SQL sent bare, in one run.

Run: .venv/bin/python bench/support_posting.py [--runs 200] [--warmup 20] [--reuse] [--keep]
(set AMPARO_BENCH_DIR to keep a --reuse cluster apart from other benchmarks' data).

A fund with money, the demo central administrator `demo.admin`, a throwaway PostgreSQL 15.
Interleaved:
  bare     the posting's SQL on a raw cursor in one transaction: INSERT the posting,
           INSERT its transfer, UPDATE the two accounts' running totals (the CHECK
           constraint still guards them);
  service  support.services.deposit: the same writes plus the checks (amount, accounts,
           idempotency key and content hash), the access rule and the audit row;
  floor    POST /bench/bare/ — the bare SQL behind the same middleware (session, OTP, actor,
           CSRF), answering 204;
  form     POST /apoyos/fondos/<id>/ — the deposit form (validation, service, redirect);
  api      POST /api/v1/support/funds/<id>/deposits (JSON in and out).
Target: the service at most 3 times the bare SQL (it writes an audit row besides, and reads
the accounts and the key before writing), the form and API at most 3 times the floor.
"""

import itertools
import sys
from collections.abc import Callable
from typing import Any

import _support as bench

ADMIN = "demo.admin"
TARGET = 3.0


def bare_posting(fund: Any, user_id: int, key: str) -> None:
    """The writes of one deposit, by hand."""
    from django.db import connection, transaction
    from django.utils import timezone

    from amparo.support.models import AccountKind
    from amparo.support.services import account_for

    available = account_for(fund, AccountKind.AVAILABLE).pk
    funding = account_for(fund, AccountKind.FUNDING).pk
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO support_posting (fund_id, kind, idempotency_key, body_hash, memo,"
            " posted_by_id, posted_at) VALUES (%s, 'deposit', %s, '', '', %s, %s) RETURNING id",
            [fund.pk, key, user_id, timezone.now()],
        )
        posting_id = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO support_transfer (posting_id, fund_id, debit_account_id,"
            " credit_account_id, amount) VALUES (%s, %s, %s, %s, 100)",
            [posting_id, fund.pk, available, funding],
        )
        cursor.execute(
            "UPDATE support_account SET debits = debits + 100 WHERE id = %s", [available]
        )
        cursor.execute(
            "UPDATE support_account SET credits = credits + 100 WHERE id = %s", [funding]
        )


def bench_urls(fund: Any, keys: Callable[[], str]) -> type:
    from django.http import HttpRequest, HttpResponse
    from django.urls import path

    from config.urls import urlpatterns as project_urls

    def floor(request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return HttpResponse(status=401)
        bare_posting(fund, request.user.pk, keys())
        return HttpResponse(status=204)

    class BenchURLs:
        urlpatterns = [path("bench/bare/", floor), *project_urls]

    return BenchURLs


def main() -> int:
    options = bench.write_options(__doc__.splitlines()[0])
    with bench.cluster(options, "support-posting") as (url, work):
        bench.django_setup(url, work)
        bench.load_offices_and_users()
        from django.test import override_settings

        from amparo.accounts.models import User
        from amparo.network.models import Office
        from amparo.support.models import Fund, Posting
        from amparo.support.services import deposit, fund_open

        admin = bench.actor_for(ADMIN)
        fund = Fund.objects.filter(name="Fondo del bench").first() or fund_open(
            actor=admin, name="Fondo del bench", currency="USD",
            office=Office.objects.get(code="SRE"),
        )  # fmt: skip
        counter = itertools.count(Posting.objects.count())

        def key() -> str:
            return f"bench-{next(counter)}"

        user_id = User.objects.get(username=ADMIN).pk
        with override_settings(ROOT_URLCONF=bench_urls(fund, key)):
            client = bench.signed_in_client(ADMIN)

            def expect(status: int, post: Callable[[], Any]) -> Callable[[], None]:
                def run() -> None:
                    response = post()
                    assert response.status_code == status, (response.status_code, response)

                return run

            paths: dict[str, Callable[[], object]] = {
                "bare": lambda: bare_posting(fund, user_id, key()),
                "service": lambda: deposit(
                    actor=admin, fund=fund, amount=100, idempotency_key=key()
                ),
                "floor": expect(204, lambda: client.post("/bench/bare/")),
                "form": expect(
                    302,
                    lambda: client.post(
                        f"/apoyos/fondos/{fund.pk}/", {"amount": "1.00", "idempotency_key": key()}
                    ),
                ),
                "api": expect(
                    201,
                    lambda: client.post(
                        f"/api/v1/support/funds/{fund.pk}/deposits",
                        {"amount": 100, "idempotency_key": key()},
                        content_type="application/json",
                    ),
                ),
            }
            before = Posting.objects.count()
            timings = dict(
                zip(
                    paths,
                    bench.interleaved(
                        list(paths.values()), runs=options.runs, warmup=options.warmup
                    ),
                    strict=True,
                )
            )
            written = Posting.objects.count() - before
        print(f"PostgreSQL at {url}")
        print(
            f"{written:,} postings written; runs {options.runs} (+{options.warmup} warm-up) per path"
        )
        print(f"\n{'path':<46} {'median ms':>10} {'p95 ms':>9} {'ratio':>7}")
        print("-" * 75)
        labels = {
            "bare": "bare SQL (posting, transfer, two totals)",
            "service": "services.deposit",
            "floor": "floor: bare SQL behind the middleware",
            "form": "deposit form POST /apoyos/fondos/<id>/",
            "api": "API POST /api/v1/support/funds/<id>/deposits",
        }
        reference = {
            "bare": "bare",
            "service": "bare",
            "floor": "floor",
            "form": "floor",
            "api": "floor",
        }
        for name, timing in timings.items():
            ratio = timing.median / timings[reference[name]].median
            print(f"{labels[name]:<46} {timing.median:>10.2f} {timing.p95:>9.2f} {ratio:>7.2f}")
        passed = True
        for name in ("service", "form", "api"):
            ratio = timings[name].median / timings[reference[name]].median
            ok = ratio <= TARGET
            passed &= ok
            against = "bare SQL" if name == "service" else "floor"
            print(
                f"{'PASS' if ok else 'FAIL'}  posting [{name} ÷ {against}]: {ratio:.2f}x — target ≤ {TARGET}x"
            )
        return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
