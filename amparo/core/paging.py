"""Lists the API paginates (ninja's @paginate) without turning every row into a schema:
only the requested page is fetched and converted."""

from collections.abc import Callable
from typing import Any, Protocol


class Rows(Protocol):
    """What ConvertedPage reads: a queryset, or any list that counts and slices like one."""

    def count(self) -> int: ...

    def __getitem__(self, page: slice, /) -> Any: ...


class ConvertedPage[Row, Out]:
    """Slices and counts like the queryset; converts only the rows of the slice, all at
    once (so a conversion can fetch what the page's rows share in one query)."""

    def __init__(self, queryset: Rows, convert: Callable[[list[Row]], list[Out]]) -> None:
        self.queryset = queryset
        self.convert = convert

    def all(self) -> "ConvertedPage[Row, Out]":  # ninja counts through .all().count()
        return self

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, page: slice) -> list[Out]:
        return self.convert(list(self.queryset[page]))


def each[Row, Out](convert: Callable[[Row], Out]) -> Callable[[list[Row]], list[Out]]:
    """A page converter from a row converter."""
    return lambda rows: [convert(row) for row in rows]
