"""Caller history on a million CIAM calls: what Amparo adds over the bare SQL, in one run.

Run: .venv/bin/python bench/hotline_caller_history.py [--calls-scale 4.94]
     [--people-scale 1.0] [--runs 30] [--warmup 5] [--reuse] [--keep]
(set AMPARO_BENCH_DIR to keep a --reuse cluster apart from other benchmarks' data).

Loads, on a throwaway PostgreSQL 15, the demo network, users, people and cases (seed_demo at
--people-scale) and 1,000,000 CIAM calls (amparo.demo.hotline at --calls-scale 4.94), then
times, interleaved, for three numbers (the busiest repeat caller, a caller whose call opened
a case, a number that never called):
  bare SQL  a raw cursor: the blind index, then the statements that return the same rows —
            the last 10 calls of that index in the CIAM (with the case folio), and the
            people linked to those calls or with that phone, with their cases;
  selector  amparo.hotline.selectors.caller_history as demo.ciam (scoping, whitelisted
            columns, audit row);
  view      GET /ciam/llamadas/historial/?caller_phone=… (the htmx partial);
  api       GET /api/v1/hotline/history?phone=… (JSON).
  floor     the bare SQL behind a minimal authenticated GET (same middleware), as JSON.
Target: the selector at most 1.5 times the bare SQL median; the view and the API at most
1.5 times the floor.
"""

import argparse
import io
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import _support as bench

OPERATOR = "demo.ciam"
LIMIT = 10  # amparo.hotline.selectors.HISTORY_LIMIT


def parse() -> tuple[bench.BenchOptions, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls-scale", type=float, default=4.94, help="4.94 = 1,000,138 calls")
    parser.add_argument("--people-scale", type=float, default=1.0, help="1.0 = 176,827 people")
    parser.add_argument("--runs", type=int, default=30, help="timed repetitions per case")
    parser.add_argument("--warmup", type=int, default=5, help="untimed repetitions first")
    parser.add_argument("--reuse", action="store_true", help="keep and reuse the cluster")
    parser.add_argument("--keep", action="store_true", help="leave the cluster running")
    args = parser.parse_args()
    options = bench.BenchOptions(
        scale=args.people_scale,
        reuse=args.reuse,
        keep=args.keep or args.reuse,
        runs=max(1, args.runs),
        warmup=max(0, args.warmup),
    )
    return options, args.calls_scale


def load(options: bench.BenchOptions, calls_scale: float) -> None:
    """Idempotent: a reused database only tops up."""
    from django.core.management import call_command
    from django.db import connection

    from amparo.demo.hotline import generate_calls
    from amparo.demo.progress import tqdm_progress

    started = time.perf_counter()
    call_command("migrate", "--no-input", verbosity=0)
    steps = ("network", "users", "people", "cases")
    call_command(
        "seed_demo",
        *("--scale", f"{options.scale:.6f}", "--batch-size", "20000", "--no-progress"),
        *(argument for step in steps for argument in ("--only", step)),
        stdout=io.StringIO(),
    )
    seeded = time.perf_counter()
    added = generate_calls(scale=calls_scale, seed=2025, batch_size=20_000, progress=tqdm_progress)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"data ready in {time.perf_counter() - started:.0f} s (people and cases "
        f"{seeded - started:.0f} s; {added:,} calls added in {time.perf_counter() - seeded:.0f} s)"
    )


def phones(ciam_id: int) -> list[tuple[str, str]]:
    """(label, E.164 number) of the three callers timed."""
    from django.db.models import Count

    from amparo.hotline.models import Call, Outcome

    busiest = (
        # bench/hotline_log_call.py's bare INSERTs leave rows without an index (and with a
        # phone that is not encrypted) in a shared --reuse cluster: not callers.
        Call.objects.filter(office_id=ciam_id)
        .exclude(caller_phone_index="")
        .values("caller_phone_index")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    assert busiest is not None, "no calls loaded"
    repeat = Call.objects.filter(caller_phone_index=busiest["caller_phone_index"]).first()
    opened = Call.objects.filter(office_id=ciam_id, outcome=Outcome.CASE_OPENED).exclude(
        escalated_case=None
    )
    case_call = opened.order_by("pk").first()
    assert repeat is not None
    assert case_call is not None, "no call tied to a case: load the cases before the calls"
    count = busiest["n"]
    return [
        (f"repeat caller ({count} calls)", repeat.caller_phone),
        ("call that opened a case", case_call.caller_phone),
        ("number never seen", "+15205550100"),  # the generator never draws 555 numbers
    ]


CALLS_SQL = (
    "SELECT c.id, c.started_at, c.topic, c.outcome, c.summary, c.person_id, "
    "c.escalated_case_id, k.folio FROM hotline_call c "
    "LEFT JOIN cases_case k ON k.id = c.escalated_case_id "
    "WHERE c.office_id = %s AND c.caller_phone_index = %s "
    "ORDER BY c.started_at DESC, c.id DESC LIMIT %s"
)
# Each way of matching is its own indexed lookup (primary key, blind index, case key).
PEOPLE_SQL = (
    "SELECT p.id, p.given_names, p.first_surname, p.second_surname, o.name, "
    "k.folio, ko.name, k.status, k.opened_at "
    "FROM (SELECT id FROM ("
    " SELECT id FROM people_person WHERE id = ANY(%s)"
    " UNION SELECT id FROM people_person WHERE phone_index = %s"
    " UNION SELECT beneficiary_id FROM cases_case WHERE id = ANY(%s)) u LIMIT %s) m "
    "JOIN people_person p ON p.id = m.id AND p.merged_into_id IS NULL "
    "JOIN network_office o ON o.id = p.office_id "
    "LEFT JOIN cases_case k ON k.beneficiary_id = p.id "
    "LEFT JOIN network_office ko ON ko.id = k.office_id "
    "ORDER BY p.first_surname, p.given_names, p.id, k.opened_at DESC"
)


def bare(ciam_id: int, phone: str) -> Callable[[], list[Any]]:
    from django.db import connection

    from amparo.core.crypto import blind_index

    def run() -> list[Any]:
        index = blind_index(phone, "digits")
        with connection.cursor() as cursor:
            cursor.execute(CALLS_SQL, [ciam_id, index, LIMIT])
            calls = cursor.fetchall()
            people = [row[5] for row in calls if row[5]]
            cases = [row[6] for row in calls if row[6]]
            cursor.execute(PEOPLE_SQL, [people, index, cases, LIMIT])
            return [calls, cursor.fetchall()]

    return run


def main() -> int:
    options, calls_scale = parse()
    with bench.cluster(options, "hotline-history") as (url, work):
        bench.django_setup(url, work)
        load(options, calls_scale)
        from django.urls import reverse

        from amparo.hotline.models import Call
        from amparo.hotline.selectors import caller_history
        from amparo.network.models import Office

        ciam_id = Office.objects.get(code="CIAM").pk
        actor = bench.actor_for(OPERATOR)
        client = bench.signed_in_client(OPERATOR)
        history_url = reverse("hotline:history")
        print(f"PostgreSQL at {url}  ·  calls {Call.objects.count():,}")
        print(f"runs {options.runs} (+{options.warmup} warm-up) per case, interleaved")

        def get(path: str, query: dict[str, str]) -> Any:
            response = client.get(path, query)
            assert response.status_code == 200, response.status_code
            return response

        from django.test import override_settings

        rows = []
        floor_urls = override_settings(ROOT_URLCONF=bench.floor_urls())
        floor_urls.enable()
        for label, phone in phones(ciam_id):
            found = caller_history(actor, phone=phone)
            assert len(found.calls) == len(bare(ciam_id, phone)()[0])
            bench.serve_on_floor(bare(ciam_id, phone))
            paths: list[Callable[[], object]] = [
                bare(ciam_id, phone),
                partial(caller_history, actor, phone=phone),
                partial(get, history_url, {"caller_phone": phone}),
                partial(get, "/api/v1/hotline/history", {"phone": phone}),
                bench.floor_call(client),
            ]
            baseline, selector, view, api, floor = bench.interleaved(
                paths, runs=options.runs, warmup=options.warmup
            )
            rows.append(
                bench.Row(
                    f"{label}: {len(found.calls)}c/{len(found.people)}p",
                    baseline,
                    {"selector": selector, "view": view, "api": api},
                    floor=floor,
                )
            )
        floor_urls.disable()
        names = ("selector", "view", "api")
        bench.print_table("Caller history (CIAM operator)", rows, names)
        passed = bench.verdicts("caller history", rows, names)
        return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
