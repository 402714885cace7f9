"""Reads for the hotline: scoped calls, the caller-history narrow view, callbacks,
escalations and the live figures for supervisors."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractHour
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import Grant, holds, visible
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import CaseStatus
from amparo.core.charts import Chart, Series, stacked_bars
from amparo.core.crypto import blind_index
from amparo.hotline.models import (
    Call,
    Callback,
    CallbackStatus,
    Escalation,
    HotlineShift,
    Outcome,
    TelephonyEvent,
    TelephonyEventKind,
)
from amparo.hotline.shifts import ShiftTimes, occurrence_at
from amparo.hotline.topics import CallTopic
from amparo.network.models import Office
from amparo.people.models import Person
from amparo.people.search import search_people_in

HISTORY_LIMIT = 10
# A name must be specific enough not to turn the history into a nationwide people search.
MIN_NAME_WORDS = 2
MIN_WORD_LENGTH = 2


def calls_visible_to(actor: Actor | None, *, write: bool = False) -> QuerySet[Call]:
    return visible(actor, Call.objects.select_related("office", "operator"), write=write)


def calls_of_person(actor: Actor, person_id: int, *, limit: int = 50) -> list[Call]:
    """The calls about the person that the actor may read, newest first."""
    calls = calls_visible_to(actor).filter(person_id=person_id)
    return list(calls.order_by("-started_at", "-id")[:limit])


def call_list(actor: Actor, *, limit: int = 50) -> list[Call]:
    return list(calls_visible_to(actor).order_by("-started_at", "-id")[:limit])


# --- Caller history: the hotline's narrow, nationwide view -------------------------------


@dataclass(frozen=True)
class EarlierCall:
    id: int
    started_at: datetime
    topic: str
    outcome: str
    summary: str
    case_folio: str
    topic_label: str = ""
    outcome_label: str = ""


@dataclass(frozen=True)
class CaseExistence:
    """That a case exists, and where: never its notes, summary or timeline."""

    folio: str
    office_name: str
    status: str
    status_label: str
    opened_at: datetime


@dataclass(frozen=True)
class PersonMatch:
    name: str
    office_name: str
    cases: list[CaseExistence] = field(default_factory=list)


@dataclass(frozen=True)
class CallerHistory:
    phone: str
    searched_name: bool
    calls: list[EarlierCall]
    people: list[PersonMatch]
    open_cases: int

    @property
    def is_empty(self) -> bool:
        return not self.calls and not self.people


def usable_name(name: str) -> bool:
    words = [word for word in (name or "").split() if len(word) >= MIN_WORD_LENGTH]
    return len(words) >= MIN_NAME_WORDS


def caller_history(actor: Actor, *, phone: str = "", name: str = "") -> CallerHistory:
    """Earlier calls from this number (or name) to the actor's CIAM, and the people of the
    whole network who match, each with THAT they have cases: folio, office and status.

    This is the narrow, nationwide view of the access grant CASE_EXISTENCE_NATIONWIDE
    (access rule 5). It is safe because: only CIAM staff and central roles hold it; it reads a
    whitelist of columns with `.values()` (never notes, summaries, timelines, addresses or
    dates of birth), so no model instance leaves this function; a name search needs a
    given name and a surname and returns at most HISTORY_LIMIT people; and every lookup is
    written to the access trail (without the number or name searched). Opening any of
    those cases still goes through the checkpoint, which answers 404 to the CIAM."""
    if not holds(actor, Grant.CASE_EXISTENCE_NATIONWIDE):
        return CallerHistory(phone, False, [], [], 0)
    by_name = usable_name(name)
    calls = _earlier_calls(actor, phone, name if by_name else "")
    person_ids = {call["person_id"] for call in calls if call["person_id"]} | {
        call["escalated_case__beneficiary_id"]
        for call in calls
        if call["escalated_case__beneficiary_id"]
    }
    people = _people(person_ids, phone, name if by_name else "")
    audit_record(
        actor=actor,
        action=Action.LIST,
        target_type="hotline.callerhistory",
        reason="phone" if phone and not by_name else ("phone+name" if phone else "name"),
    )
    open_cases = sum(
        1 for match in people for case in match.cases if case.status != CaseStatus.CONCLUDED
    )
    return CallerHistory(
        phone=phone,
        searched_name=by_name,
        calls=[
            EarlierCall(
                id=call["id"],
                started_at=call["started_at"],
                topic=call["topic"],
                outcome=call["outcome"],
                summary=call["summary"][:200],
                case_folio=call["escalated_case__folio"] or "",
                topic_label=str(dict(CallTopic.choices).get(call["topic"], call["topic"])),
                outcome_label=str(dict(Outcome.choices).get(call["outcome"], call["outcome"])),
            )
            for call in calls
        ],
        people=people,
        open_cases=open_cases,
    )


def _earlier_calls(actor: Actor, phone: str, name: str) -> list[dict[str, Any]]:
    # Summaries are the CIAM's own notes: its operators read them in full anyway.
    condition = Q(pk__in=[])
    if phone:
        condition |= Q(caller_phone_index=blind_index(phone, "digits"))
    if name:
        condition |= Q(caller_name__iexact=name.strip())
    rows = (
        visible(actor, Call.objects.all())
        .filter(condition)
        .order_by("-started_at", "-id")
        .values(
            "id",
            "started_at",
            "topic",
            "outcome",
            "summary",
            "person_id",
            "escalated_case_id",
            "escalated_case__folio",
            "escalated_case__beneficiary_id",
        )[:HISTORY_LIMIT]
    )
    return [dict(row) for row in rows]


def _people(person_ids: set[int], phone: str, name: str) -> list[PersonMatch]:
    """People linked to earlier calls (directly or as the beneficiary of the case a call
    opened), whose phone is this number, or whose name matches (the people app's ranked
    name search, over the whole network)."""
    # The ids are looked up first and then read by primary key, so each lookup uses its own
    # index whatever the planner believes about the data. A subquery ordered by pk with a
    # LIMIT let PostgreSQL walk the whole primary key when it expected many people to share
    # a phone (350-530 ms at a million people).
    shown_ids = set(person_ids)
    if phone:
        same_phone = Person.objects.filter(
            phone_index=blind_index(phone, "digits"), merged_into=None
        ).values_list("pk", flat=True)[:HISTORY_LIMIT]
        shown_ids.update(same_phone)
    if name:
        hits = search_people_in(Person.objects.filter(merged_into=None), name, limit=HISTORY_LIMIT)
        shown_ids.update(hit.person.pk for hit in hits)
    shown = Q(pk__in=sorted(shown_ids)[: 3 * HISTORY_LIMIT])
    # People and their cases in one statement: one row per (person, case), newest first.
    rows = (
        Person.objects.filter(shown, merged_into=None)
        .order_by("first_surname", "given_names", "id", F("cases__opened_at").desc())
        .values(
            *("id", "given_names", "first_surname", "second_surname", "office__name"),
            *("cases__folio", "cases__office__name", "cases__status", "cases__opened_at"),
        )
    )
    labels = dict(CaseStatus.choices)
    people: dict[int, PersonMatch] = {}
    for row in rows:
        match = people.get(row["id"])
        if match is None:
            names = (row["given_names"], row["first_surname"], row["second_surname"])
            match = people[row["id"]] = PersonMatch(
                name=" ".join(part for part in names if part),
                office_name=row["office__name"],
                cases=[],
            )
        if row["cases__folio"] is not None:
            status = row["cases__status"]
            match.cases.append(
                CaseExistence(
                    folio=row["cases__folio"],
                    office_name=row["cases__office__name"],
                    status=status,
                    status_label=str(labels.get(status, status)),
                    opened_at=row["cases__opened_at"],
                )
            )
    return list(people.values())


# --- Telephony pre-fill --------------------------------------------------------------------


def unclaimed_call_for(
    actor: Actor, *, within: timedelta = timedelta(hours=2)
) -> TelephonyEvent | None:
    """The most recent call-started event for this operator not yet logged as a call."""
    return (
        TelephonyEvent.objects.filter(
            operator=actor.user,
            kind=TelephonyEventKind.CALL_STARTED,
            claimed_by_call=None,
            occurred_at__gte=timezone.now() - within,
        )
        .order_by("-occurred_at", "-id")
        .first()
    )


# --- Callbacks and escalations -------------------------------------------------------------


def callbacks_for(actor: Actor, *, only_open: bool = True) -> QuerySet[Callback]:
    callbacks = visible(
        actor, Callback.objects.select_related("call", "assigned_to", "shift", "call__office")
    )
    if only_open:
        callbacks = callbacks.filter(status=CallbackStatus.OPEN)
    return callbacks.order_by("due_at", "id")


def incoming_escalations(actor: Actor, *, pending_only: bool = False) -> QuerySet[Escalation]:
    """Escalations received by the actor's office (central roles: all)."""
    escalations = visible(actor, Escalation.objects.select_related("case", "office", "created_by"))
    if pending_only:
        escalations = escalations.filter(acknowledged_at=None)
    return escalations.order_by("acknowledged_at", "-created_at")


def sent_escalations(actor: Actor) -> QuerySet[Escalation]:
    """Escalations made from the calls of the actor's CIAM."""
    return Escalation.objects.filter(call__in=visible(actor, Call.objects.all())).select_related(
        "case", "office"
    )


# --- Shifts and supervision ----------------------------------------------------------------


def ciam_offices(actor: Actor) -> list[Office]:
    from amparo.network.models import OfficeKind

    offices = Office.objects.filter(kind=OfficeKind.CONTACT_CENTER).order_by("name")
    if actor.is_central:
        return list(offices)
    return list(offices.filter(pk=actor.office_id))


def current_shift(office: Office, at: datetime | None = None) -> HotlineShift | None:
    shifts = list(HotlineShift.objects.filter(office=office).prefetch_related("operators"))
    occurrence = occurrence_at(
        [ShiftTimes(s.kind, s.starts_at, s.ends_at) for s in shifts],
        at or timezone.now(),
        office.time_zone,
    )
    if occurrence is None:
        return None
    return next(shift for shift in shifts if shift.kind == occurrence.kind)


@dataclass(frozen=True)
class LiveFigures:
    office: Office
    calls_today: int
    calls_per_hour: list[tuple[int, int]]
    max_per_hour: int
    open_callbacks: int
    overdue_callbacks: int
    escalations_waiting: int
    average_handling_seconds: int | None
    shift: HotlineShift | None

    @property
    def hourly_chart(self) -> Chart:
        return stacked_bars(
            slug=f"hourly-{self.office.pk}",
            title=_("Llamadas por hora (hoy)"),
            category_heading=_("Hora"),
            categories=[f"{hour:02d}" for hour, _count in self.calls_per_hour],
            series=[Series(_("Llamadas"), [count for _hour, count in self.calls_per_hour])],
        )


def live_figures(office: Office, *, now: datetime | None = None) -> LiveFigures:
    """Today's figures (in the office's time zone) for one CIAM."""
    now = now or timezone.now()
    zone = ZoneInfo(office.time_zone)
    local = now.astimezone(zone)
    day_start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    today = Call.objects.filter(office=office, started_at__gte=day_start, started_at__lte=now)
    per_hour = dict(
        today.annotate(hour=ExtractHour("started_at", tzinfo=zone))
        .values("hour")
        .annotate(count=Count("id"))
        .values_list("hour", "count")
    )
    hours = [(hour, per_hour.get(hour, 0)) for hour in range(local.hour + 1)]
    durations = [
        (ended - started).total_seconds()
        for started, ended in today.exclude(ended_at=None).values_list("started_at", "ended_at")
        if ended is not None
    ]
    callbacks = Callback.objects.filter(call__office=office, status=CallbackStatus.OPEN)
    return LiveFigures(
        office=office,
        calls_today=sum(per_hour.values()),
        calls_per_hour=hours,
        max_per_hour=max([count for _, count in hours] or [0]),
        open_callbacks=callbacks.count(),
        overdue_callbacks=callbacks.filter(due_at__lt=now).count(),
        escalations_waiting=Escalation.objects.filter(
            call__office=office, acknowledged_at=None
        ).count(),
        average_handling_seconds=round(sum(durations) / len(durations)) if durations else None,
        shift=current_shift(office, now),
    )
