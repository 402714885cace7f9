"""Reads of preventive outreach. Staff reads go through the access rulebook; the public
reads return only published events and never anything about the people who came."""

from datetime import date

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import Actor
from amparo.network.models import Office, OfficeKind
from amparo.outreach.models import Event, EventKind, EventStatus

PUBLIC_OFFICE_KINDS = frozenset(
    {
        OfficeKind.CONSULATE_GENERAL,
        OfficeKind.CONSULATE,
        OfficeKind.CONSULAR_SECTION,
        OfficeKind.EMBASSY,
    }
)


def events_for(
    actor: Actor,
    *,
    status: str = "",
    kind: EventKind | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Event]:
    events = visible(actor, Event.objects.select_related("office", "kind", "report"))
    if status:
        events = events.filter(status=status)
    if kind is not None:
        events = events.filter(kind=kind)
    if date_from is not None:
        events = events.filter(starts_on__gte=date_from)
    if date_to is not None:
        events = events.filter(starts_on__lte=date_to)
    return events.order_by("-starts_at", "-id")


def event_for(actor: Actor, pk: int, *, write: bool = False) -> Event:
    """The event if the actor may see it (or change it); 404 for missing and hidden alike."""
    return get_for_actor(
        actor, Event.objects.select_related("office", "kind", "area", "report"), pk, write=write
    )


def event_kinds() -> QuerySet[EventKind]:
    return EventKind.objects.all()


def public_office(slug: str) -> Office:
    office = Office.objects.filter(slug=slug, kind__in=PUBLIC_OFFICE_KINDS).first()
    if office is None:
        raise Http404
    return office


def public_events(office: Office) -> QuerySet[Event]:
    """Published events of the office that have not ended, soonest first."""
    return (
        Event.objects.filter(
            office=office, status=EventStatus.PUBLISHED, ends_at__gte=timezone.now()
        )
        .select_related("kind", "office")
        .order_by("starts_at", "id")
    )


def public_event(code: str) -> Event:
    """A published (or since cancelled) event by its public code; drafts answer 404."""
    event = (
        Event.objects.filter(
            public_code=code, status__in=(EventStatus.PUBLISHED, EventStatus.CANCELLED)
        )
        .exclude(approved_at=None)
        .select_related("kind", "office")
        .first()
    )
    if event is None:
        raise Http404
    return event
