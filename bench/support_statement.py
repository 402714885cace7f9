"""A fund's statement for a period: what the application adds over the SQL that computes it.

Run: .venv/bin/python bench/support_statement.py [--runs 200] [--warmup 20] [--reuse] [--keep]
     [--postings 50000]
(set AMPARO_BENCH_DIR to keep a --reuse cluster apart from other benchmarks' data).

Data: a fund with allocations to two offices and --postings postings (deposits,
allocations, holds, payments, releases, refunds) spread over 2025, written in bulk — a
year of the whole network's support is a few hundred; this is a fund a hundred times
busier. For the whole fund (March to September) and for one office's allocation (the
year), interleaved:
  bare SQL  one hand-written pass over the transfers up to the period's end, grouped by
            posting kind and by whether they came before the period, summing what went
            into and out of the available and committed accounts;
  selector  support.selectors.summary (the ORM's version of that pass, plus the lines);
  view      GET /apoyos/fondos/<id>/estado/?desde=…&hasta=… (form, access, audit, links);
  api       GET /api/v1/support/funds/<id>/statement?start=…&end=…;
  floor     the bare SQL behind a minimal authenticated GET endpoint (same middleware).
Target: the selector at most 1.5 times the bare SQL; the view and API at most 1.5 times
the floor.
"""

from datetime import date
from typing import Any

import _support as bench

ADMIN = "demo.admin"
FUND = "Fondo del bench de estados"
OFFICES = ("CHI", "MKC")

BARE = """
SELECT p.kind, p.posted_at < %(start)s AS before,
       SUM(t.amount) FILTER (WHERE da.kind = 'available' AND %(office_debit)s),
       SUM(t.amount) FILTER (WHERE ca.kind = 'available' AND %(office_credit)s),
       SUM(t.amount) FILTER (WHERE da.kind = 'committed' AND %(office_debit)s),
       SUM(t.amount) FILTER (WHERE ca.kind = 'committed' AND %(office_credit)s)
  FROM support_transfer t
  JOIN support_posting p ON p.id = t.posting_id
  JOIN support_account da ON da.id = t.debit_account_id
  JOIN support_account ca ON ca.id = t.credit_account_id
 WHERE t.fund_id = %(fund)s AND p.posted_at < %(end)s
   AND ((da.kind IN ('available', 'committed') AND %(office_debit)s)
        OR (ca.kind IN ('available', 'committed') AND %(office_credit)s))
 GROUP BY 1, 2
"""


def bare_statement(fund: Any, start: date, end: date, office: Any) -> list[Any]:
    from datetime import datetime, time, timedelta

    from django.db import connection

    def midnight(day: date) -> datetime:
        return datetime.combine(day, time.min, tzinfo=fund.office.zone)

    office_debit = f"da.office_id = {int(office.pk)}" if office else "TRUE"
    office_credit = f"ca.office_id = {int(office.pk)}" if office else "TRUE"
    sql = BARE.replace("%(office_debit)s", office_debit).replace("%(office_credit)s", office_credit)
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {"fund": fund.pk, "start": midnight(start), "end": midnight(end + timedelta(days=1))},
        )
        return cursor.fetchall()


def ledger(postings: int) -> Any:
    """The bench fund, with `postings` postings of 2025 written in bulk the first time."""
    from django.db import connection

    from amparo.network.models import Office
    from amparo.support.models import AccountKind, Fund
    from amparo.support.services import account_for, allocate, deposit, fund_open

    fund = Fund.objects.filter(name=FUND).first()
    if fund is not None:
        return fund
    admin = bench.actor_for(ADMIN)
    fund = fund_open(actor=admin, name=FUND, currency="USD", office=Office.objects.get(code="SRE"))
    deposit(actor=admin, fund=fund, amount=1_000_000_00, idempotency_key="statement-budget")
    offices = list(Office.objects.filter(code__in=OFFICES).order_by("code"))
    for office in offices:
        allocate(actor=admin, fund=fund, office=office, amount=100_000_00,
                 idempotency_key=f"statement-allocation-{office.code}")  # fmt: skip
    # Each kind of posting moves money between two accounts (debit, credit), by office.
    moves = {
        "deposit": (AccountKind.AVAILABLE, AccountKind.FUNDING, None),
        "allocation": (AccountKind.AVAILABLE, AccountKind.AVAILABLE, "pool"),
        "hold": (AccountKind.COMMITTED, AccountKind.AVAILABLE, "office"),
        "payment": (AccountKind.PAID, AccountKind.COMMITTED, "office"),
        "release": (AccountKind.AVAILABLE, AccountKind.COMMITTED, "office"),
        "bond_refunded": (AccountKind.AVAILABLE, AccountKind.RECEIVABLE, "office"),
    }
    pairs = []
    for office in offices:
        for kind, (debit, credit, scope) in moves.items():
            debit_office = office if scope in ("office", "pool") else None
            credit_office = office if scope == "office" else None
            pairs.append((
                kind, account_for(fund, debit, debit_office).pk,
                account_for(fund, credit, credit_office).pk,
            ))  # fmt: skip
    user_id = admin.user.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_pairs (n int, kind text, debit bigint, credit bigint)"
        )
        cursor.executemany(
            "INSERT INTO bench_pairs VALUES (%s, %s, %s, %s)",
            [(n, *pair) for n, pair in enumerate(pairs)],
        )
        cursor.execute(
            """
            WITH made AS (
              INSERT INTO support_posting (fund_id, kind, idempotency_key, body_hash, memo,
                                           posted_by_id, posted_at)
              SELECT %(fund)s, b.kind, 'statement-' || i, '', '', %(user)s,
                     '2025-01-01 12:00-06'::timestamptz + (i * interval '1 year' / %(count)s)
                FROM generate_series(1, %(count)s) i
                JOIN bench_pairs b ON b.n = i %% %(pairs)s
              RETURNING id, kind, idempotency_key
            )
            INSERT INTO support_transfer (posting_id, fund_id, debit_account_id,
                                          credit_account_id, amount)
            SELECT made.id, %(fund)s, b.debit, b.credit, 100 + (made.id %% 5000)
              FROM made
              JOIN bench_pairs b
                ON b.n = split_part(made.idempotency_key, '-', 2)::int %% %(pairs)s
            """,
            {"fund": fund.pk, "user": user_id, "count": postings, "pairs": len(pairs)},
        )
        cursor.execute("ANALYZE support_posting; ANALYZE support_transfer")
    return fund


def measure(label: str, *, fund: Any, start: date, end: date, office: Any, options: Any) -> Any:
    from amparo.support.selectors import summary

    client = bench.signed_in_client(ADMIN)
    chosen = f"&oficina={office.code}" if office else ""
    api_office = f"&office_code={office.code}" if office else ""

    def view() -> object:
        response = client.get(f"/apoyos/fondos/{fund.pk}/estado/?desde={start}&hasta={end}{chosen}")
        assert response.status_code == 200, response.status_code
        return response

    def api() -> object:
        response = client.get(
            f"/api/v1/support/funds/{fund.pk}/statement?start={start}&end={end}{api_office}"
        )
        assert response.status_code == 200, response.status_code
        return response

    return bench.paths_row(
        label,
        bare=lambda: bare_statement(fund, start, end, office),
        selector=lambda: summary(fund, start, end, office),
        view=view,
        api=api,
        client=client,
        options=options,
    )


def main() -> None:
    options = bench.write_options(__doc__.splitlines()[0], postings=50_000)
    with bench.cluster(options, "support-statement") as (url, work):
        bench.django_setup(url, work)
        bench.load_offices_and_users()
        from django.test import override_settings

        from amparo.network.models import Office
        from amparo.support.models import Transfer
        from amparo.support.selectors import summary

        fund = ledger(options.extra["postings"])
        office = Office.objects.get(code=OFFICES[0])
        # The bench's bare SQL must say what the selector says, or the ratio means nothing.
        for start, end, chosen in ((date(2025, 3, 1), date(2025, 9, 30), None),
                                   (date(2025, 1, 1), date(2025, 12, 31), office)):  # fmt: skip
            figures = summary(fund, start, end, chosen)
            bare_rows = bare_statement(fund, start, end, chosen)
            bare_closing = sum(
                (r[2] or 0) - (r[3] or 0) + (r[4] or 0) - (r[5] or 0) for r in bare_rows
            )
            assert bare_closing == figures.closing_total, (bare_closing, figures.closing_total)
        print(f"PostgreSQL at {url}  ·  {Transfer.objects.filter(fund=fund).count():,} transfers")
        print(f"runs {options.runs} (+{options.warmup} warm-up) per case, interleaved")
        with override_settings(ROOT_URLCONF=bench.floor_urls()):
            rows = [
                measure("whole fund, Mar-Sep 2025", fund=fund, start=date(2025, 3, 1),
                        end=date(2025, 9, 30), office=None, options=options),
                measure(f"allocation of {office.code}, 2025", fund=fund, start=date(2025, 1, 1),
                        end=date(2025, 12, 31), office=office, options=options),
            ]  # fmt: skip
        names = ("selector", "view", "api")
        bench.print_table("Fund statement for a period", rows, names)
        passed = bench.verdicts("fund statement", rows, names)
    raise SystemExit(0 if passed else 1)


if __name__ == "__main__":
    main()
