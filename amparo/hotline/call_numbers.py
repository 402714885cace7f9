"""A call's number as people type it: "2026", "#2026", "n.º 2026", "llamada n.º 2026"."""

import re

TYPED_CALL_NUMBER = re.compile(
    r"^\s*(?:#|llamada\s+)?(?:n\.?\s*[ºo°]?\s*)?(\d{1,7})\s*$", re.IGNORECASE
)
# Five digits or more may just as well be a document or phone number.
SHORTEST_IDENTIFIER = 5


def typed_call_number(text: str) -> int | None:
    match = TYPED_CALL_NUMBER.match(text)
    return int(match.group(1)) if match else None


def may_be_an_identifier(text: str) -> bool:
    """Whether `text` (a typed call number or anything else) may also name a person."""
    match = TYPED_CALL_NUMBER.match(text)
    return match is None or len(match.group(1)) >= SHORTEST_IDENTIFIER
