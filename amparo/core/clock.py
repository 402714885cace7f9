"""The time a service stamps on what it writes: Django's clock, except while the demo
replays last year's work through the same services (`replaying`). Then ledger postings,
support requests and decisions, and case timeline lines carry the replayed time, so the
demo's 2025 figures are dated in 2025 without a second way to write them.

Audit records never use it: the access trail says when rows were really written. Nothing
reachable from a request sets it; only `seed_demo` does."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

_replayed: ContextVar[datetime | None] = ContextVar("replayed", default=None)


def now() -> datetime:
    return _replayed.get() or timezone.now()


@contextmanager
def replaying(at: datetime) -> Iterator[None]:
    """Stamp the writes inside with `at`, which must be an aware moment in the past."""
    if timezone.is_naive(at) or at > timezone.now():
        raise ValueError("replayed time must be aware and in the past")
    token = _replayed.set(at)
    try:
        yield
    finally:
        _replayed.reset(token)
