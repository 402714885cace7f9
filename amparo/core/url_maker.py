"""A record's URL for every row of a list from a single reverse() (about 70 µs each)."""

from collections.abc import Callable

from django.urls import reverse

_PK_PLACEHOLDER = 2_147_483_647  # never a real id in the URL it stands in for


def url_maker(name: str) -> Callable[[int], str]:
    """`pk -> the URL named `name` for that record` (its one argument is the pk)."""
    pattern = reverse(name, args=[_PK_PLACEHOLDER])
    head, tail = pattern.split(str(_PK_PLACEHOLDER))
    return lambda pk: f"{head}{int(pk)}{tail}"
