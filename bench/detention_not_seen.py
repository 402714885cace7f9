"""The "not seen in 30 days" list across the whole network: what the application adds over
the bare SQL that returns the same page.

Run: .venv/bin/python bench/detention_not_seen.py [--people N | --scale S] [--reuse] [--keep]
     [--detentions 100000]

Data: the people of the other benches (1,000,000 by default), the 187 shipped facilities
placed in the consulates' jurisdictions, and --detentions detentions written in bulk over
them (70% held now; of those, 30% never seen by the consulate, the rest last seen 0 to 120
days ago). For central administration (the whole network) and the Chicago officer,
interleaved:
  bare SQL  one hand-written statement for the first page (50 rows: person, facility,
            office, last seen; never seen first) and one for the count;
  selector  detention.selectors.not_seen, its first page and its count;
  view      GET /detencion/sin-visita/ through Django's test Client;
  api       GET /api/v1/detention/detentions/not-seen (limit 50, with the count);
  floor     the bare SQL behind a minimal authenticated GET endpoint (same middleware).
Target (the issue's): across the whole network, the selector at most 1.5 times the bare
SQL, the view and API at most 1.5 times the floor. The Chicago officer's row (one office, a
page drawn from a few hundred rows: the bare SQL takes about 2 ms) is printed for the
record: there the fixed costs of the ORM, the access rule, the audit row and the template
(3 to 8 ms) weigh more than the query.
"""

from datetime import timedelta
from typing import Any

import _support as bench

CENTRAL = "demo.admin"
OFFICER = "demo.consular.chi"
PAGE = 50

PAGE_SQL = """
SELECT d.id, p.given_names, p.first_surname, f.name, o.code, d.last_seen_on
  FROM detention_detention d
  JOIN people_person p ON p.id = d.person_id
  JOIN detention_facility f ON f.id = d.facility_id
  JOIN network_office o ON o.id = d.office_id
 WHERE d.status = 'held' AND (d.last_seen_on IS NULL OR d.last_seen_on < %s) {office}
 ORDER BY d.last_seen_on ASC NULLS FIRST, d.id
 LIMIT {page}
"""
COUNT_SQL = """
SELECT count(*) FROM detention_detention d
 WHERE d.status = 'held' AND (d.last_seen_on IS NULL OR d.last_seen_on < %s) {office}
"""


def ensure_detentions(count: int) -> int:
    """Facilities loaded, and `count` detentions in all (written in bulk the first time)."""
    from django.db import connection

    from amparo.detention.facilities import load_shipped_facilities
    from amparo.detention.models import Detention, Facility

    if not Facility.objects.exists():
        load_shipped_facilities()
    missing = count - Detention.objects.count()
    if missing <= 0:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH placed AS (
              SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, office_id
                FROM detention_facility WHERE office_id IS NOT NULL
            ), admin AS (SELECT id FROM accounts_user WHERE username = %(admin)s),
            people AS (SELECT max(id) AS top FROM people_person)
            INSERT INTO detention_detention (person_id, office_id, facility_id, authority,
                   status, charges, created_by_id, created_at, detained_on, last_seen_on)
            SELECT 1 + (i * 7919) %% people.top, placed.office_id, placed.id, 'ice',
                   CASE WHEN i %% 10 < 7 THEN 'held' ELSE 'released' END, '', admin.id, now(),
                   current_date - (i %% 200),
                   CASE WHEN i %% 10 < 3 THEN NULL ELSE current_date - (i %% 121) END
              FROM generate_series(1, %(count)s) i
              CROSS JOIN admin CROSS JOIN people
              JOIN placed ON placed.n = i %% (SELECT count(*) FROM placed)
            """,
            {"admin": CENTRAL, "count": missing},
        )
        cursor.execute("ANALYZE detention_detention")
    return missing


def bare_sql(actor: Any, cutoff: Any) -> Any:
    from django.db import connection

    office = "" if actor.is_central else "AND d.office_id = %s"
    params = [cutoff] if actor.is_central else [cutoff, actor.office_id]

    def run() -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(PAGE_SQL.format(office=office, page=PAGE), params)
            rows = cursor.fetchall()
            cursor.execute(COUNT_SQL.format(office=office), params)
            return [*rows, *cursor.fetchall()]

    return run


def measure(name: str, options: bench.BenchOptions) -> bench.Row:
    from amparo.detention.selectors import NOT_SEEN_DAYS, not_seen

    actor = bench.actor_for(name)
    today = actor.office.local_today()
    cutoff = today - timedelta(days=NOT_SEEN_DAYS)
    client = bench.signed_in_client(name)

    def selector() -> object:
        found = not_seen(actor, today)
        return list(found[:PAGE]), found.count()

    def view() -> object:
        response = client.get("/detencion/sin-visita/")
        assert response.status_code == 200, response.status_code
        return response

    def api() -> object:
        response = client.get("/api/v1/detention/detentions/not-seen", {"limit": PAGE})
        assert response.status_code == 200, response.status_code
        return response

    bare = bare_sql(actor, cutoff)
    rows, count = bare()[:-1], bare()[-1][0]
    assert [r[0] for r in rows] == [d.pk for d in not_seen(actor, today)[:PAGE]], (
        "not the same page"
    )
    role = "central administration" if actor.is_central else "Chicago officer"
    return bench.paths_row(
        f"{role} ({count:,} not seen)", bare=bare, selector=selector, view=view, api=api,
        client=client, options=options,
    )  # fmt: skip


def main() -> None:
    def add_arguments(parser: Any) -> None:
        parser.add_argument("--detentions", type=int, default=100_000)

    options = bench.parse_options(__doc__.splitlines()[0], add_arguments)
    with bench.cluster(options, "detention-not-seen") as (url, work):
        bench.django_setup(url, work)
        bench.load_data(options)
        added = ensure_detentions(options.extra["detentions"])
        bench.header(options, url)
        from amparo.detention.models import Detention

        print(f"detentions {Detention.objects.count():,} ({added:,} added now)")
        from django.test import override_settings

        with override_settings(ROOT_URLCONF=bench.floor_urls()):
            rows = [measure(name, options) for name in (CENTRAL, OFFICER)]
        names = ("selector", "view", "api")
        bench.print_table(
            'Detainees "not seen in 30 days", first page of 50 and the count', rows, names
        )
        passed = bench.verdicts("not seen in 30 days, whole network", rows[:1], names)
    raise SystemExit(0 if passed else 1)


if __name__ == "__main__":
    main()
