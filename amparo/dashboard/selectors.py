"""Aggregates for the dashboard cards. Counts only: no personal data leaves here."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Count, Q
from django.utils import timezone

from amparo.accounts.access import Reach, rule_for, visible
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.audit.models import AccessRecord, Outcome
from amparo.audit.selectors import RecordFilters, records_visible_to
from amparo.network.models import Office
from amparo.notifications.selectors import staff_on_duty
from amparo.people.models import Person

UNITED_STATES = "US"


@dataclass(frozen=True)
class OfficeSummary:
    office: Office
    local_time: datetime | None
    people_count: int | None  # None when the role does not work with the office's people
    # Who is on duty now (names only, for the office's own staff); None when not shown.
    on_duty: list[str] | None = None


@dataclass(frozen=True)
class CountryTotal:
    country: str
    people: int
    percent: float


@dataclass(frozen=True)
class NetworkSummary:
    countries: list[CountryTotal]
    people_total: int
    us_percent: float
    office_count: int


def office_local_time(office: Office, now: datetime | None = None) -> datetime | None:
    """The current time where the office is, or None if its time zone is unknown."""
    try:
        zone = ZoneInfo(office.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return (now or timezone.now()).astimezone(zone)


def office_summary(actor: Actor) -> OfficeSummary:
    """The acting office's data and, for office roles, how many people it has registered."""
    people_count, on_duty = None, None
    if rule_for(actor).read == Reach.OWN_OFFICE:
        people_count = visible(actor, Person.objects.all()).count()
    if actor.role in (Role.HEAD_OF_OFFICE, Role.CONSULAR_OFFICER):
        on_duty = [user.get_full_name() or user.username for user in staff_on_duty(actor.office)]
    return OfficeSummary(
        office=actor.office,
        local_time=office_local_time(actor.office),
        people_count=people_count,
        on_duty=on_duty,
    )


def network_summary(actor: Actor) -> NetworkSummary:
    """People registered per country of the owning office (largest first) and the number
    of offices still open. Two queries."""
    rows = (
        visible(actor, Person.objects.all())
        .values("office__country")
        .annotate(total=Count("pk"))
        .order_by("-total", "office__country")
    )
    totals = [(row["office__country"], row["total"]) for row in rows]
    people_total = sum(total for _, total in totals)

    def percent(part: int) -> float:
        return 100 * part / people_total if people_total else 0.0

    countries = [CountryTotal(country, total, percent(total)) for country, total in totals]
    us_people = sum(c.people for c in countries if c.country == UNITED_STATES)
    return NetworkSummary(
        countries=countries,
        people_total=people_total,
        us_percent=percent(us_people),
        office_count=Office.objects.filter(
            Q(active_until__isnull=True) | Q(active_until__gte=timezone.localdate())
        ).count(),
    )


REFUSALS_SHOWN = 10


def recent_refusals(actor: Actor) -> list[AccessRecord]:
    """The latest refused accesses the actor may read in the trail (auditors' start page)."""
    refused = RecordFilters(outcome=Outcome.DENIED)
    return list(records_visible_to(actor, refused)[:REFUSALS_SHOWN])
