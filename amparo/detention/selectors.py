"""Reads of detention records, through the access rules: an office sees its facilities,
detentions, visits, follow-ups and advisories; central roles see every office's."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import Actor
from amparo.cases.models import Case
from amparo.detention.models import (
    Advisory,
    Detention,
    DetentionStatus,
    Facility,
    FollowUp,
    Visit,
    VisitStatus,
)
from amparo.network.models import Office

NOT_SEEN_DAYS = 30
NOT_SEEN_PAGE = 50  # as the API pages it


def facility_choices() -> QuerySet[Facility]:
    """Every active facility, for the forms of any office (a transfer may cross
    jurisdictions): names and places, which are public (ICE publishes them)."""
    return (
        Facility.objects.filter(is_active=True).only("pk", "name", "city", "state").order_by("name")
    )


@dataclass(frozen=True)
class FacilityRow:
    facility: Facility
    held: int
    last_visit_on: date | None
    days_since_visit: int | None


def facilities_with_held(
    actor: Actor, today: date, *, only_holding: bool = False, limit: int = 500
) -> list[FacilityRow]:
    """The facilities of the actor's jurisdiction (central: all), each with the nationals
    held there and the days since the last visit (by `today`, the actor office's day)."""
    held = Count("detentions", filter=Q(detentions__status=DetentionStatus.HELD), distinct=True)
    last_visit = Max("visits__planned_on", filter=Q(visits__status=VisitStatus.DONE))
    found = (
        visible(actor, Facility.objects.select_related("office"))
        .annotate(held_now=held, last_visit_on=last_visit)
        .order_by("-held_now", "name")
    )
    if only_holding:
        found = found.filter(held_now__gt=0)
    return [
        FacilityRow(
            facility, facility.held_now, facility.last_visit_on,
            (today - facility.last_visit_on).days if facility.last_visit_on else None,
        )
        for facility in found[:limit]
    ]  # fmt: skip


def facility_for(actor: Actor, pk: object) -> Facility:
    return get_for_actor(actor, Facility.objects.select_related("office"), pk)


def detention_for(actor: Actor, pk: object, *, write: bool = False) -> Detention:
    return get_for_actor(
        actor,
        Detention.objects.select_related("person", "case", "facility", "office"),
        pk,
        write=write,
    )


# What a list of detentions shows of each: its own fields and the person's name, never the
# person's identifiers (which are encrypted: decrypting them for a list costs and exposes).
LISTED = (
    *(f.name for f in Detention._meta.concrete_fields),
    "person__given_names", "person__first_surname", "person__second_surname",
    "facility__name", "office__code", "office__time_zone",
)  # fmt: skip


def not_seen(actor: Actor, today: date, days: int = NOT_SEEN_DAYS) -> QuerySet[Detention]:
    """Nationals held now whom the consulate never saw, or not in `days` days: never seen
    first, then the longest unseen."""
    cutoff = today - timedelta(days=days)
    return (
        visible(actor, Detention.objects.select_related("person", "facility", "office"))
        .only(*LISTED)
        .filter(status=DetentionStatus.HELD)
        .filter(Q(last_seen_on__isnull=True) | Q(last_seen_on__lt=cutoff))
        .order_by(F("last_seen_on").asc(nulls_first=True), "id")
    )


def with_case_folios(detentions: QuerySet[Detention]) -> QuerySet[Detention]:
    """Each detention's case folio in one more query. Joining the cases instead (a LEFT
    JOIN, as the case is optional) turns PostgreSQL's plan for the "not seen" list from two
    index ranges into a parallel scan of the table: 13.7 ms against 4.5 ms for a page of 50
    at 100,000 detentions (docs/decisions.md)."""
    return detentions.prefetch_related(Prefetch("case", queryset=Case.objects.only("id", "folio")))


def hearings_between(
    actor: Actor, office: Office, start: date, days: int = 7
) -> QuerySet[Detention]:
    """Hearings of held nationals from `start` (the office's days) for `days` days."""
    begins = datetime.combine(start, time.min, tzinfo=office.zone)
    return (
        visible(actor, Detention.objects.select_related("person", "facility", "case"))
        .filter(
            status=DetentionStatus.HELD,
            next_hearing_at__gte=begins,
            next_hearing_at__lt=begins + timedelta(days=days),
        )
        .order_by("next_hearing_at")
    )


def open_follow_ups(actor: Actor) -> QuerySet[FollowUp]:
    return (
        visible(
            actor,
            FollowUp.objects.select_related(
                "owner", "seen__detention__person", "seen__visit__facility"
            ),
        )
        .filter(done_at__isnull=True)
        .order_by("owner__username", "due_on", "id")
    )


def follow_up_for(actor: Actor, pk: object) -> FollowUp:
    return get_for_actor(actor, FollowUp.objects.all(), pk, write=True)


def held_for_visit(actor: Actor, visit: Visit) -> list[Detention]:
    """The visiting office's nationals known to be held at the visit's facility: the list
    the visit sheet and the log show."""
    return list(
        visible(actor, Detention.objects.select_related("person", "case"))
        .filter(facility=visit.facility_id, office=visit.office_id, status=DetentionStatus.HELD)
        .order_by("person__first_surname", "person__given_names")
    )


def visits_for(actor: Actor) -> QuerySet[Visit]:
    return visible(actor, Visit.objects.select_related("facility", "office")).prefetch_related(
        "officers"
    )


def visit_for(actor: Actor, pk: object, *, write: bool = False) -> Visit:
    return get_for_actor(actor, Visit.objects.select_related("facility", "office"), pk, write=write)


def advisories_for(actor: Actor) -> QuerySet[Advisory]:
    return visible(
        actor, Advisory.objects.select_related("adviser", "provider", "person", "office")
    )
