"""Person search over an already scoped queryset.

Names are folded in Python into `search_name` (the same on every database), so both
stages below only compare folded text:
  1. every query word in search_name, shortest names first — PostgreSQL: as a whole word,
     through the full-text index of the name's words; SQLite: contained anywhere;
  2. if that gives fewer than `limit`, typo-tolerant candidates — PostgreSQL: each query
     word's closest spellings in the vocabulary of name words (people.NameWord, trigram
     index), then the names holding one spelling of every word, closest first; SQLite: any
     3-letter piece of a query word.
Candidates (id, search_name only) are then ranked in Python by `names.name_score`.
Document numbers, A-numbers and phones match exactly through their blind indexes.

On PostgreSQL both stages read word-level indexes: posting lists of whole words intersect in
milliseconds where trigram lists of common names ("maria", "garcia": 100,000+ people each at
a million) took 40 to 120 ms (docs/decisions.md).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import BooleanField, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from amparo.core.crypto import blind_index, encrypted_fields
from amparo.people.models import IdentityDocument, Person, normalize_a_number, normalize_phone
from amparo.people.names import MATCH_THRESHOLD, fold, is_close_spelling, name_score

CANDIDATES = 200
"""How many rows each stage may hand to the Python ranking: 4 times the default limit (more
for a larger limit). Candidates come best first (shortest names, closest trigrams), so
the ones past this would rank below the shown ones anyway."""
SQLITE_FUZZY_SCAN = 20_000
ENCRYPTED_FIELDS = tuple(field.name for field in encrypted_fields(Person))
WORD_SIMILARITY = "0.3"
"""Per word: "mria" is 0.4 from "maria"; the Python ranking then drops weak matches."""
SPELLINGS = 20
"""How many vocabulary words, closest by trigrams, are weighed for one query word in the typo
stage; those name_score would not count as found (names.is_close_spelling) are dropped."""
HAS_WORDS = (
    "to_tsvector('simple'::regconfig, people_person.search_name) "
    "@@ to_tsquery('simple'::regconfig, %s)"
)
"""The expression of the full-text index on people_person (migration 0005), so it is used."""


@dataclass(frozen=True)
class SearchHit:
    person: Person
    score: float
    matched_by: str  # "document", "name" or "date_of_birth"


def date_in(text: str) -> date | None:
    """A date typed as 1990-05-17, 17/05/1990 or 17-05-1990."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def dob_filter(value: date) -> Q:
    """Exact date, or an approximate one in the same year."""
    return Q(date_of_birth=value) | Q(
        date_of_birth_is_approximate=True, date_of_birth__year=value.year
    )


def identifier_filter(text: str) -> Q | None:
    """Match by passport/matrícula number, A-number or phone, if `text` looks like one."""
    compact = re.sub(r"[\s\-./()]", "", text)
    digits = re.sub(r"\D", "", compact)
    if len(digits) < 5 or not re.fullmatch(r"\+?[0-9A-Za-z]+", compact):
        return None
    documents = IdentityDocument.objects.filter(
        number_index=blind_index(compact, "alphanumeric")
    ).values("person_id")
    match = Q(pk__in=documents)
    a_number = re.sub(r"^[Aa]", "", compact)
    if a_number.isdigit() and len(a_number) in (8, 9):
        match |= Q(a_number_index=blind_index(normalize_a_number(a_number), "digits"))
    try:
        phone = normalize_phone(text)
    except Exception:  # not a phone number: the other identifiers still count
        phone = ""
    if phone:
        match |= Q(phone_index=blind_index(phone, "digits"))
    return match


def search_people_in(
    scope: QuerySet[Person], query: str, *, date_of_birth: date | None = None, limit: int = 50
) -> list[SearchHit]:
    query = (query or "").strip()[:200]
    limit = max(1, min(limit, 200))
    typed_date = date_in(query)
    if typed_date is not None:
        query, date_of_birth = "", date_of_birth or typed_date
    if date_of_birth is not None:
        scope = scope.filter(dob_filter(date_of_birth))

    scores: dict[int, tuple[float, str]] = {}
    identifier = identifier_filter(query) if query else None
    if identifier is not None:
        # An exact identifier: one query gives the people, already in order.
        holders = list(_shown(scope.filter(identifier)).order_by("id")[:limit])
        if holders:
            return [SearchHit(person=p, score=1.0, matched_by="document") for p in holders]
    tokens = fold(query).split()
    if tokens and not scores:
        for pk, score in rank_by_name(scope, tokens, limit=limit):
            scores.setdefault(pk, (score, "name"))
    elif not tokens and identifier is None and date_of_birth is not None:
        rows = scope.order_by("first_surname", "second_surname", "given_names", "id")
        for pk in rows.values_list("pk", flat=True)[:limit]:
            scores[pk] = (1.0, "date_of_birth")

    best = sorted(scores.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    people = _shown(Person.objects.all()).in_bulk([pk for pk, _ in best])
    return [
        SearchHit(person=people[pk], score=round(min(score, 1.0), 3), matched_by=how)
        for pk, (score, how) in best
        if pk in people
    ]


def _shown(people: QuerySet[Person]) -> QuerySet[Person]:
    """People as a result list shows them: with their office, without the encrypted fields
    (decrypting four fields per row cost more than the query; the person's page has them)."""
    return people.select_related("office").defer(*ENCRYPTED_FIELDS)


def rank_by_name(
    scope: QuerySet[Person], tokens: list[str], *, limit: int
) -> list[tuple[int, float]]:
    count = max(CANDIDATES, 4 * limit)
    candidates: dict[int, str] = dict(_containing_every_word(scope, tokens, count=count))
    if len(candidates) < limit:
        candidates.update(_fuzzy_candidates(scope, tokens, count=count))
    ranked = []
    for pk, search_name in candidates.items():
        words = search_name.split()
        score = name_score(tokens, words)
        if score >= MATCH_THRESHOLD:
            # Among equal matches, the name with fewer unmatched words is closer.
            ranked.append((pk, score - 0.01 * max(0, len(words) - len(tokens))))
    ranked.sort(key=lambda item: (-item[1], item[0]))
    return ranked[:limit]


def _containing_every_word(
    scope: QuerySet[Person], tokens: list[str], *, count: int = CANDIDATES
) -> list[tuple[int, str]]:
    people = scope
    if connection.vendor == "postgresql":
        people = people.filter(_holding_words([[token] for token in tokens]))
    else:
        for token in tokens:
            people = people.filter(search_name__contains=token)
    rows = people.order_by(Length("search_name"), "id").values_list("pk", "search_name")
    return list(rows[:count])


def _fuzzy_candidates(
    scope: QuerySet[Person], tokens: list[str], *, count: int = CANDIDATES
) -> list[tuple[int, str]]:
    if connection.vendor == "postgresql":
        return _close_spelling_candidates(scope, tokens, count=count)
    pieces = {token[i : i + 3] for token in tokens for i in range(max(1, len(token) - 2))}
    if not pieces:
        return []
    anywhere = Q()
    for piece in pieces:
        anywhere |= Q(search_name__contains=piece)
    return list(scope.filter(anywhere).values_list("pk", "search_name")[:SQLITE_FUZZY_SCAN])


def _holding_words(spellings: list[list[str]]) -> RawSQL:
    """Names holding, for every entry, one of its spellings as a whole word."""
    query = " & ".join("(" + " | ".join(f"'{word}'" for word in words) + ")" for words in spellings)
    return RawSQL(HAS_WORDS, [query], output_field=BooleanField())  # noqa: S611 - bound


def _close_spelling_candidates(
    scope: QuerySet[Person], tokens: list[str], *, count: int = CANDIDATES
) -> list[tuple[int, str]]:
    """Every word of 3+ letters stands for its closest spellings in the vocabulary; the
    names holding one of each are ordered by their trigram closeness to the query words."""
    words = [token for token in tokens if len(token) >= 3] or tokens
    with transaction.atomic(), connection.cursor() as cursor:
        # Local to this transaction: other queries keep the server default.
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
            [WORD_SIMILARITY],
        )
        cursor.execute(CLOSE_SPELLINGS_SQL, [words, SPELLINGS])
        spellings: dict[int, list[str]] = {}
        for position, spelling in cursor.fetchall():
            if is_close_spelling(words[position - 1], spelling):
                spellings.setdefault(position, []).append(spelling)
    if len(spellings) < len(words):  # a word with no close spelling finds nobody
        return []
    closeness = RawSQL(  # noqa: S611 - fixed SQL, the words are bound parameters
        " + ".join(["word_similarity(%s, people_person.search_name)"] * len(words)),
        words,
        output_field=FloatField(),
    )
    rows = (
        scope.filter(_holding_words(list(spellings.values())))
        .annotate(closeness=closeness)
        .order_by("-closeness", "id")
        .values_list("pk", "search_name")
    )
    return list(rows[:count])


CLOSE_SPELLINGS_SQL = """
SELECT query.position, spelling.word
  FROM unnest(%s::text[]) WITH ORDINALITY AS query(word, position)
 CROSS JOIN LATERAL (
       SELECT word FROM people_nameword
        WHERE query.word <%% word
        ORDER BY query.word <<-> word, word
        LIMIT %s) AS spelling
 ORDER BY query.position
"""
"""Each query word's closest vocabulary words (`<%`: trigram word similarity, served by the
vocabulary's trigram index), with the word's position in the query."""
