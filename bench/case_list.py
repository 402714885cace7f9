"""Filtered case list: what the application adds over the bare SQL that returns the same rows.

Run: .venv/bin/python bench/case_list.py [--people N | --scale S] [--reuse] [--keep]

Filters status + materia with the default sort (newest first), on the first page and on a
deep page reached through the keyset cursor. For each, interleaved in one process:
  bare SQL  one hand-written SELECT on a raw cursor of the same columns the list reads:
            the case with its office, materia, subtype, beneficiary and officer joined, the same WHERE (the actor's
            office for an officer), ORDER BY opened_at DESC, id DESC, LIMIT 51 (the page
            plus one row that tells whether there is a next page), and for the deep page
            the row comparison (opened_at, id) < (last shown);
  selector  amparo.cases.selectors.case_page (the rows only);
  view      GET /casos/?status=…&materia=…[&after=…] through Django's test Client;
  api       GET /api/v1/cases?status=…&materia_id=…[&after=…] through the test Client.
The view and the API also count the matching rows (capped at 10,000) and write an audit
row: both are part of what the application adds.
  floor     the bare SQL behind a minimal authenticated GET endpoint (the same middleware:
            session, user, TOTP device, memberships), rows returned as JSON.
Target: the selector at most 1.5 times the bare SQL; the view and the API at most 1.5 times
the floor (what a page adds beyond serving the rows to a signed-in user).
"""

from dataclasses import dataclass
from typing import Any

import _support as bench

OFFICER = "demo.consular.lax"
CENTRAL = "demo.admin"
PAGE_SIZE = 50
DEEP_PAGE = 100  # or the last page, if the filter has fewer
# (status, materia code): a busy filter and a narrower one.
FILTERS = (("in_progress", "MIGRATORIO"), ("concluded", "PENAL"))


@dataclass(frozen=True)
class ListCase:
    actor_name: str
    status: str
    materia_code: str
    deep: bool


# Table alias for each relation a list row reads (amparo.cases.rows.LIST_ROW_FIELDS).
ALIASES = {"office": "o", "materia": "m", "subtype": "s", "beneficiary": "p", "assigned_to": "u"}


def list_columns() -> str:
    """Exactly the columns the application's list reads, no more: a baseline that selected
    every column of five tables (encrypted ones included) flattered the ratios."""
    from amparo.cases.rows import LIST_ROW_FIELDS

    columns = []
    for field in LIST_ROW_FIELDS:
        relation, _, column = field.rpartition("__")
        columns.append(f"{ALIASES[relation]}.{column}" if relation else f"c.{column}")
    return ", ".join(columns)


def bare_sql(actor: Any, status: str, materia_id: int, seek: tuple[Any, int] | None) -> Any:
    from django.db import connection

    from amparo.accounts.models import User
    from amparo.cases.models import Case, Materia, Subtype
    from amparo.network.models import Office
    from amparo.people.models import Person

    where = ["c.status = %s", "c.materia_id = %s"]
    params: list[Any] = [status, materia_id]
    if not actor.is_central:
        where.insert(0, "c.office_id = %s")
        params.insert(0, actor.office_id)
    if seek is not None:
        where.append("(c.opened_at, c.id) < (%s, %s)")
        params += list(seek)
    sql = (
        f"SELECT {list_columns()} "
        f"FROM {Case._meta.db_table} c "
        f"JOIN {Office._meta.db_table} o ON o.id = c.office_id "
        f"JOIN {Materia._meta.db_table} m ON m.id = c.materia_id "
        f"JOIN {Subtype._meta.db_table} s ON s.id = c.subtype_id "
        f"JOIN {Person._meta.db_table} p ON p.id = c.beneficiary_id "
        f"LEFT JOIN {User._meta.db_table} u ON u.id = c.assigned_to_id "
        f"WHERE {' AND '.join(where)} ORDER BY c.opened_at DESC, c.id DESC LIMIT %s"
    )
    params.append(PAGE_SIZE + 1)

    def run() -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


def measure(case: ListCase, options: bench.BenchOptions) -> bench.Row:
    from django.urls import reverse

    from amparo.cases.models import Materia
    from amparo.cases.selectors import CaseFilters, case_page

    actor = bench.actor_for(case.actor_name)
    client = bench.signed_in_client(case.actor_name)
    materia_id = Materia.objects.get(code=case.materia_code).pk
    filters = CaseFilters(status=case.status, materia_id=materia_id)
    cursor, seek, page_number = "", None, 1
    if case.deep:
        page = case_page(actor, filters, size=PAGE_SIZE)
        while page.next_cursor and page_number < DEEP_PAGE:
            cursor = page.next_cursor
            seek = (page.items[-1].opened_at, page.items[-1].pk)
            page = case_page(actor, filters, size=PAGE_SIZE, after=cursor)
            page_number += 1
    expected = [c.pk for c in case_page(actor, filters, size=PAGE_SIZE, after=cursor).items]
    bare = bare_sql(actor, case.status, materia_id, seek)
    assert [row[0] for row in bare()][:PAGE_SIZE] == expected, "bare SQL rows differ"
    view_query = {"status": case.status, "materia": materia_id}
    api_query = {"status": case.status, "materia_id": materia_id}
    if cursor:
        view_query["after"] = api_query["after"] = cursor

    def selector() -> object:
        return case_page(actor, filters, size=PAGE_SIZE, after=cursor)

    def view() -> object:
        response = client.get(reverse("cases:list"), view_query)
        assert response.status_code == 200, response.status_code
        return response

    def api() -> object:
        response = client.get("/api/v1/cases", api_query)
        assert response.status_code == 200, response.status_code
        assert [item["id"] for item in response.json()["items"]] == expected
        return response

    role = "central" if actor.is_central else "officer"
    return bench.paths_row(
        f"{role}: {case.status}+{case.materia_code.lower()[:6]} p{page_number}",
        bare=bare,
        selector=selector,
        view=view,
        api=api,
        client=client,
        options=options,
    )


def main() -> None:
    options = bench.parse_options(__doc__.splitlines()[0])
    with bench.cluster(options, "case-list") as (url, work):
        bench.django_setup(url, work)
        bench.load_data(options)
        bench.header(options, url)
        cases = [
            ListCase(actor_name, status, materia, deep)
            for actor_name in (OFFICER, CENTRAL)
            for status, materia in FILTERS
            for deep in (False, True)
        ]
        from django.test import override_settings

        with override_settings(ROOT_URLCONF=bench.floor_urls()):
            rows = [measure(case, options) for case in cases]
        names = ("selector", "view", "api")
        bench.print_table("Filtered case list (50 per page; pN = page number)", rows, names)
        passed = bench.verdicts("case list", rows, names)
    raise SystemExit(0 if passed else 1)


if __name__ == "__main__":
    main()
