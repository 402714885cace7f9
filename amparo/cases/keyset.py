"""Keyset ("seek") pagination: a page starts after (or before) the sort values of the row
that ended the previous one, so page 5,000 costs what page 1 costs — no OFFSET scan.

The cursor is the signed list of those values; the order must end in a unique column
(the id) so that rows tied on the other columns are never skipped or repeated."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import Model, Q, QuerySet

_SALT = "amparo.cases.keyset"


class InvalidCursorError(ValueError):
    """The cursor was tampered with, is malformed, or belongs to another sort."""


@dataclass(frozen=True)
class OrderKey:
    field: str
    descending: bool

    @classmethod
    def parse(cls, term: str) -> "OrderKey":
        return cls(term.lstrip("-"), term.startswith("-"))


@dataclass(frozen=True)
class Page[M]:
    items: list[M]
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None


def _cursor(sort: str, values: Sequence[Any]) -> str:
    return signing.dumps([sort, [_plain(value) for value in values]], salt=_SALT, compress=True)


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def decode_cursor(cursor: str, *, sort: str, model: type[Model], order: Sequence[str]) -> list[Any]:
    """The sort values a cursor holds, converted back to Python; InvalidCursorError otherwise."""
    try:
        cursor_sort, raw = signing.loads(cursor, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidCursorError from error
    if cursor_sort != sort or not isinstance(raw, list) or len(raw) != len(order):
        raise InvalidCursorError
    keys = [OrderKey.parse(term) for term in order]
    try:
        return [
            model._meta.get_field(key.field).to_python(value)  # type: ignore[union-attr]
            for key, value in zip(keys, raw, strict=True)
        ]
    except Exception as error:  # any conversion failure means a bad cursor
        raise InvalidCursorError from error


def seek_condition(order: Sequence[str], values: Sequence[Any], *, forward: bool = True) -> Q:
    """Rows strictly after `values` in `order` (before them with forward=False).

    Expanded as (a > x) OR (a = x AND b > y) OR …, AND-ed with a bound on the first column
    (a >= x) that the database can use as the start of an index range scan."""
    keys = [OrderKey.parse(term) for term in order]
    condition = Q(pk__in=[])
    equal = Q()
    for key, value in zip(keys, values, strict=True):
        # Going forward through a descending column, the next rows hold smaller values.
        lookup = "lt" if key.descending == forward else "gt"
        condition |= equal & Q(**{f"{key.field}__{lookup}": value})
        equal &= Q(**{key.field: value})
    first, first_value = keys[0], values[0]
    bound = "lte" if first.descending == forward else "gte"
    return Q(**{f"{first.field}__{bound}": first_value}) & condition


def _reversed(order: Sequence[str]) -> list[str]:
    return [term[1:] if term.startswith("-") else f"-{term}" for term in order]


def _values(obj: Any, order: Sequence[str]) -> list[Any]:
    """The sort values of a row: a model instance or a `.values()` dict."""
    fields = [OrderKey.parse(term).field for term in order]
    if isinstance(obj, Mapping):
        return [obj[field] for field in fields]
    return [getattr(obj, field) for field in fields]


def paginate[M](
    queryset: QuerySet[Any, M],
    *,
    sort: str,
    order: Sequence[str],
    size: int,
    after: str = "",
    before: str = "",
) -> Page[M]:
    """One page of `queryset` in `order` (the ORDER BY terms named by `sort`). One query.

    `after`/`before` are cursors from a previous page; an invalid one raises InvalidCursorError."""
    model = queryset.model
    forward = not before
    cursor = after or before
    query = queryset.order_by(*(order if forward else _reversed(order)))
    if cursor:
        values = decode_cursor(cursor, sort=sort, model=model, order=order)
        query = query.filter(seek_condition(order, values, forward=forward))
    rows = list(query[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if not forward:
        rows.reverse()
    if not rows:
        return Page(items=[], next_cursor=None, previous_cursor=None)
    first, last = _cursor(sort, _values(rows[0], order)), _cursor(sort, _values(rows[-1], order))
    if forward:
        return Page(
            rows, next_cursor=last if more else None, previous_cursor=first if cursor else None
        )
    return Page(rows, next_cursor=last, previous_cursor=first if more else None)
