"""Date filters over datetime columns: "from D to E" keeps [start of D, start of E + 1),
day boundaries in the current time zone, compared against the column as is (no per-row
date conversion, so an index on the column stays usable)."""

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def within_days(field: str, since: date | None, until: date | None) -> Q:
    """The condition on `field` for the days from `since` to `until`, both included and
    both optional. The last representable day has no later bound (nothing follows it)."""
    condition = Q()
    if since is not None:
        condition &= Q(**{f"{field}__gte": start_of_day(since)})
    if until is not None and until < date.max:
        condition &= Q(**{f"{field}__lt": start_of_day(until + timedelta(days=1))})
    return condition
