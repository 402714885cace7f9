"""Person search: what the application adds over the bare SQL that returns the same rows.

Run: .venv/bin/python bench/people_search.py [--people N | --scale S] [--reuse] [--keep]

For each query and each actor, four things are timed, interleaved in one process against
one database:
  bare SQL  the statements a hand-written search runs on a raw cursor: the same full-text
            condition on the folded search_name's words, and for typos the same vocabulary
            lookup of close spellings (`<%`), the same ORDER BY and LIMIT, then one SELECT
            of the shown people with their office (by blind index for a document number:
            one SELECT);
  selector  amparo.people.selectors.people_search (candidates, Python ranking, audit row);
  view      GET /personas/?q=… through Django's test Client (middleware, session, TOTP,
            template);
  api       GET /api/v1/people/search?q=… through the test Client (JSON).
  floor     the bare SQL behind a minimal authenticated GET endpoint (the same middleware:
            session, user, TOTP device, memberships), rows returned as JSON.
The target: the selector at most 1.5 times the bare SQL median, the view and the API at
most 1.5 times the floor (what a page adds beyond serving the rows to a signed-in user).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import _support as bench

OFFICER = "demo.consular.lax"  # the office with the largest caseload
CENTRAL = "demo.admin"  # reads every office: the search runs over all the people
LIMIT = 50
# Name queries: (label, text). Every one must find people in the demo data.
NAME_QUERIES = (
    ("full name, accents", "María Guadalupe Hernández García"),
    ("no accents, lower case", "jose luis martinez lopez"),
    ("swapped surnames", "Juan Lopez Hernandez"),
    ("typo", "Jose Luiz Martines Lopes"),
    ("missing second surname", "Maria Garcia"),
)


def person_columns() -> str:
    """The columns the application reads for a shown person: the person without its
    encrypted fields (result lists defer them) and its office (select_related)."""
    from amparo.network.models import Office
    from amparo.people.models import Person
    from amparo.people.search import ENCRYPTED_FIELDS

    person = [
        f"p.{f.column}" for f in Person._meta.concrete_fields if f.name not in ENCRYPTED_FIELDS
    ]
    office = [f"o.{f.column}" for f in Office._meta.concrete_fields]
    return ", ".join(person + office)


@dataclass(frozen=True)
class Case:
    label: str
    actor_name: str
    query: str


def scope_sql(actor: Any) -> tuple[str, list[Any]]:
    """The visibility rule of amparo.accounts.access, written by hand."""
    if actor.is_central:
        return "p.merged_into_id IS NULL", []
    return "p.merged_into_id IS NULL AND p.office_id = %s", [actor.office_id]


def bare_search_plan(actor: Any, query: str, shown_ids: list[int]) -> Callable[[], list[Any]]:
    """The raw-cursor search for `query`: the same statements' conditions and order the
    application's search uses, and the final SELECT of the people it shows."""
    from django.db import connection, transaction

    from amparo.core.crypto import blind_index
    from amparo.people.names import fold, is_close_spelling
    from amparo.people.search import (
        CANDIDATES,
        CLOSE_SPELLINGS_SQL,
        SPELLINGS,
        WORD_SIMILARITY,
    )

    scope, scope_params = scope_sql(actor)
    join = "people_person p JOIN network_office o ON o.id = p.office_id"
    if query.startswith("G") and query[1:].isdigit():
        sql = (
            f"SELECT {person_columns()} FROM {join} WHERE {scope} AND p.id IN "
            "(SELECT person_id FROM people_identitydocument WHERE number_index = %s) "
            "ORDER BY p.id LIMIT %s"
        )
        params = [*scope_params, blind_index(query, "alphanumeric"), LIMIT]

        def by_document() -> list[Any]:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        return by_document

    tokens = fold(query).split()
    has_words = (
        "to_tsvector('simple'::regconfig, p.search_name) @@ to_tsquery('simple'::regconfig, %s)"
    )
    words_sql = (
        f"SELECT p.id, p.search_name FROM people_person p WHERE {scope} AND {has_words}"
        " ORDER BY length(p.search_name), p.id LIMIT %s"
    )
    words_params = [*scope_params, " & ".join(f"('{t}')" for t in tokens), CANDIDATES]
    # Typo stage: each word of 3+ letters stands for its closest spellings in the vocabulary;
    # names holding one of each, closest first.
    words = [token for token in tokens if len(token) >= 3] or tokens
    fuzzy_sql = (
        f"SELECT p.id, p.search_name FROM people_person p WHERE {scope} AND {has_words}"
        " ORDER BY "
        + " + ".join(["word_similarity(%s, p.search_name)"] * len(words))
        + " DESC, p.id LIMIT %s"
    )
    shown_sql = f"SELECT {person_columns()} FROM {join} WHERE p.id = ANY(%s)"

    def candidates() -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(words_sql, words_params)
            found = cursor.fetchall()
            if len(found) < LIMIT:  # the application widens to typos in this case only
                with transaction.atomic():
                    cursor.execute(
                        "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                        [WORD_SIMILARITY],
                    )
                    cursor.execute(CLOSE_SPELLINGS_SQL, [words, SPELLINGS])
                    spellings: dict[int, list[str]] = {}
                    for position, spelling in cursor.fetchall():
                        if is_close_spelling(words[position - 1], spelling):
                            spellings.setdefault(position, []).append(spelling)
                if len(spellings) == len(words):
                    any_spelling = " & ".join(
                        "(" + " | ".join(f"'{w}'" for w in ws) + ")" for ws in spellings.values()
                    )
                    cursor.execute(fuzzy_sql, [*scope_params, any_spelling, *words, CANDIDATES])
                    found += cursor.fetchall()
            return found

    def by_name() -> list[Any]:
        candidates()
        with connection.cursor() as cursor:
            cursor.execute(shown_sql, [shown_ids])
            return cursor.fetchall()

    check_candidates(actor, tokens, {row[0] for row in candidates()})
    return by_name


def check_candidates(actor: Any, tokens: list[str], bare_ids: set[int]) -> None:
    """The hand-written statements must fetch the candidates the application fetches
    (fails loudly when the search changes and this file was not updated)."""
    from amparo.accounts.access import visible
    from amparo.people import search
    from amparo.people.models import Person

    scope = visible(actor, Person.objects.filter(merged_into__isnull=True))
    found = dict(search._containing_every_word(scope, tokens))
    if len(found) < LIMIT:
        found.update(search._fuzzy_candidates(scope, tokens))
    assert set(found) == bare_ids, f"bare SQL candidates differ for {tokens}"


def document_query(actor: Any) -> str:
    """The passport number of a person the actor may read (the bench gave them one)."""
    from django.db import connection

    scope, params = scope_sql(actor)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id FROM people_person p WHERE {scope} "
            f"AND p.id %% {bench.DOCUMENT_EVERY} = 0 ORDER BY p.id",
            params,
        )
        ids = [row[0] for row in cursor.fetchall()]
    person_id = ids[len(ids) // 2]  # someone in the middle of the table
    return bench.document_number(person_id)


def measure(case: Case, options: bench.BenchOptions) -> bench.Row:
    from django.urls import reverse

    from amparo.people.selectors import people_search

    actor = bench.actor_for(case.actor_name)
    client = bench.signed_in_client(case.actor_name)
    hits = people_search(actor, case.query, limit=LIMIT)
    shown = [hit.person.pk for hit in hits]
    if not shown:
        print(f"note: {case.label!r} finds nobody at this scale (both sides still timed)")
    bare = bare_search_plan(actor, case.query, shown)
    rows = bare()
    assert sorted(row[0] for row in rows) == sorted(shown), f"{case.label}: rows differ"
    view_url, api_url = reverse("people:list"), "/api/v1/people/search"

    def selector() -> object:
        return people_search(actor, case.query, limit=LIMIT)

    def view() -> object:
        response = client.get(view_url, {"q": case.query})
        assert response.status_code == 200, response.status_code
        return response

    def api() -> object:
        response = client.get(api_url, {"q": case.query, "limit": LIMIT})
        assert response.status_code == 200, response.status_code
        assert len(response.json()) == len(shown)
        return response

    role = "central" if actor.is_central else "officer"
    return bench.paths_row(
        f"{role}: {case.label} ({len(shown)})",
        bare=bare,
        selector=selector,
        view=view,
        api=api,
        client=client,
        options=options,
    )


def main() -> None:
    options = bench.parse_options(__doc__.splitlines()[0])
    with bench.cluster(options, "people-search") as (url, work):
        bench.django_setup(url, work)
        bench.load_data(options)
        bench.header(options, url)
        cases = []
        for actor_name in (OFFICER, CENTRAL):
            actor = bench.actor_for(actor_name)
            cases += [Case(label, actor_name, text) for label, text in NAME_QUERIES]
            cases.append(Case("document number", actor_name, document_query(actor)))
        from django.test import override_settings

        with override_settings(ROOT_URLCONF=bench.floor_urls()):
            rows = [measure(case, options) for case in cases]
        names = ("selector", "view", "api")
        bench.print_table("Person search (limit 50; shown rows in brackets)", rows, names)
        passed = bench.verdicts("person search", rows, names)
    raise SystemExit(0 if passed else 1)


if __name__ == "__main__":
    main()
