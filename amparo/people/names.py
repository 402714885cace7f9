"""Folding and fuzzy scoring of names. Pure Python, no database: shared by the SQLite
fallback, the re-ranking of PostgreSQL candidates and duplicate detection."""

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache


def fold(value: str) -> str:
    """Lower case, no accents, letters and digits only, single spaces: "María  Núñez-O'Neil"
    → "maria nunez o neil"."""
    text = unicodedata.normalize("NFKD", value or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^0-9a-zñ]+", " ", text.replace("ñ", "n")).split())


def search_name_of(
    given_names: str, first_surname: str, second_surname: str, aliases: list[str] | None = None
) -> str:
    parts = [given_names, first_surname, second_surname, *(aliases or [])]
    return fold(" ".join(p for p in parts if p))[:500]


TOKEN_THRESHOLD = 0.75
"""A query word counts as found only this close to a name word ("mria" ~ "maria" is 0.89)."""


PREFIX_SIMILARITY = 0.95
"""A query word of 3+ letters that begins a name word: "gonz" for "gonzalez"."""


@lru_cache(maxsize=65_536)
def _token_similarity(query: str, name: str) -> float:
    # Memoised: names come from a small vocabulary, so almost every pair repeats.
    if name == query:
        return 1.0
    if len(query) >= 3 and name.startswith(query):
        return PREFIX_SIMILARITY  # officers type the beginning
    matcher = SequenceMatcher(None, query, name)
    # ratio() ≤ quick_ratio() ≤ real_quick_ratio(): skip the costly one when hopeless.
    if matcher.real_quick_ratio() < TOKEN_THRESHOLD or matcher.quick_ratio() < TOKEN_THRESHOLD:
        return 0.0
    return matcher.ratio()


def is_close_spelling(query: str, name: str) -> bool:
    """Whether name_score would count `query` as found in the name word `name`."""
    return _token_similarity(query, name) >= TOKEN_THRESHOLD


def name_score(query_tokens: list[str], name_tokens: list[str]) -> float:
    """0..1: how well every query word finds a (distinct) word of the name, whatever the
    order and however many words the name has beyond them. Typos cost a little."""
    if not query_tokens or not name_tokens:
        return 0.0
    available = list(name_tokens)
    total = 0.0
    for token in sorted(query_tokens, key=len, reverse=True):
        best, best_index = 0.0, -1
        # An exact word, then a prefix, wins before any ratio is computed.
        if token in available:
            best, best_index = 1.0, available.index(token)
        else:
            for index, candidate in enumerate(available):
                similarity = _token_similarity(token, candidate)
                if similarity > best:
                    best, best_index = similarity, index
                    if best >= PREFIX_SIMILARITY:
                        break
        if best_index >= 0 and best >= TOKEN_THRESHOLD:
            total += best
            available.pop(best_index)
    return total / len(query_tokens)


MATCH_THRESHOLD = 0.75
"""Below this, a name is not offered as a match."""


def name_parts(full_name: str) -> dict[str, str]:
    """A name typed in one box, as the registration form's fields, in the usual Mexican
    order: given names, then the first and second surnames ("Rosa Elena Martínez Ruiz").
    A starting point the officer corrects, never stored as guessed."""
    words = full_name.split()[:12]
    if len(words) < 2:
        return {"first_surname": words[0]} if words else {}
    if len(words) == 2:
        return {"given_names": words[0], "first_surname": words[1]}
    return {
        "given_names": " ".join(words[:-2]),
        "first_surname": words[-2],
        "second_surname": words[-1],
    }
