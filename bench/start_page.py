"""The start page: each role's work queues and charts, and what the application adds over
the SQL that computes them.

Run: .venv/bin/python bench/start_page.py [--people N | --scale S] [--reuse] [--keep]

Data: the people and cases of the other benches (1,000,000 by default) with their
timelines (seed_demo's cases, assigned to the demo officers). For three actors — the Los
Angeles officer, the Los Angeles head of office and central analysis — interleaved:
  bare SQL  the statements the start page's selectors send (captured once with Django's
            query log, then replayed on a raw cursor): every queue and chart, the office
            card and, for central roles, the people per country;
  selector  dashboard.work.work_for + the charts + the cards, as the view calls them;
  view      GET / through Django's test Client;
  api       GET /api/v1/dashboard/work (the queues alone, against the floor serving the
            queues' own statements);
  floor     the bare SQL behind a minimal authenticated GET endpoint (same middleware).
Target: the selector at most 1.5 times the bare SQL; the view and API at most 1.5 times
the floor. The replayed SQL is what the ORM wrote, so this measures what Python, the
access rules and rendering add; the absolute milliseconds show whether the SQL itself is
fit for a start page.
"""

from collections.abc import Callable
from typing import Any

import _support as bench

OFFICER = "demo.consular.lax"
HEAD = "demo.titular.lax"
ANALYST = "demo.analista"


def replayed(compute: Callable[[], object]) -> Callable[[], list[Any]]:
    """The SQL `compute` sends, as a function that sends it again on a raw cursor."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        compute()
    statements = [query["sql"] for query in captured.captured_queries]

    def run() -> list[Any]:
        rows: list[Any] = []
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                rows += cursor.fetchall()
        return rows

    return run


def page_selectors(actor: Any) -> Callable[[], object]:
    from amparo.dashboard.selectors import network_summary, office_summary
    from amparo.dashboard.views import start_page_charts
    from amparo.dashboard.work import work_for

    def compute() -> object:
        work = work_for(actor)
        charts = start_page_charts(actor) if actor.is_central or work.head else []
        network = network_summary(actor) if actor.is_central else None
        return work, charts, office_summary(actor), network

    return compute


def measure(actor_name: str, options: bench.BenchOptions) -> bench.Row:
    actor = bench.actor_for(actor_name)
    client = bench.signed_in_client(actor_name)
    selector = page_selectors(actor)
    bare = replayed(selector)

    def view() -> object:
        response = client.get("/")
        assert response.status_code == 200, response.status_code
        return response

    bench.serve_on_floor(bare)
    timings = bench.interleaved(
        [bare, selector, view, bench.floor_call(client)], runs=options.runs, warmup=options.warmup
    )
    return bench.Row(
        label=f"{actor.role}: start page",
        baseline=timings[0],
        app={"selector": timings[1], "view": timings[2]},
        floor=timings[3],
    )


def measure_api(actor_name: str, options: bench.BenchOptions) -> bench.Row:
    from amparo.dashboard.work import work_for

    actor = bench.actor_for(actor_name)
    client = bench.signed_in_client(actor_name)

    def selector() -> object:
        return work_for(actor)

    bare = replayed(selector)

    def api() -> object:
        response = client.get("/api/v1/dashboard/work")
        assert response.status_code == 200, response.status_code
        return response

    bench.serve_on_floor(bare)
    timings = bench.interleaved(
        [bare, selector, api, bench.floor_call(client)], runs=options.runs, warmup=options.warmup
    )
    return bench.Row(
        label=f"{actor.role}: work queues",
        baseline=timings[0],
        app={"selector": timings[1], "api": timings[2]},
        floor=timings[3],
    )


def main() -> None:
    options = bench.parse_options(__doc__.splitlines()[0])
    with bench.cluster(options, "start-page") as (url, work):
        bench.django_setup(url, work)
        bench.load_data(options)
        bench.header(options, url)
        from django.test import override_settings

        with override_settings(ROOT_URLCONF=bench.floor_urls()):
            rows = [measure(name, options) for name in (OFFICER, HEAD, ANALYST)]
            api_rows = [measure_api(name, options) for name in (OFFICER, HEAD)]
        bench.print_table("Start page (queues, charts, cards)", rows, ("selector", "view"))
        passed = bench.verdicts("start page", rows, ("selector", "view"))
        bench.print_table("Work queues API", api_rows, ("selector", "api"))
        passed &= bench.verdicts("work queues API", api_rows, ("selector", "api"))
    raise SystemExit(0 if passed else 1)


if __name__ == "__main__":
    main()
