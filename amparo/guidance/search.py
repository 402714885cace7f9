"""Accent- and case-insensitive matching for guidance scripts (pure, no database)."""

import unicodedata


def fold(text: str) -> str:
    """Lowercase ASCII: "Detención" and "deténcion" both become "detencion"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_words(query: str) -> list[str]:
    """The folded words of a query; a script matches when it contains every one."""
    return fold(query).split()
