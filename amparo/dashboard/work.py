"""The start page's work queues: what each role has to do now. Reads only, every one
through the access rules (visible), so a queue never shows another office's records.

- officer: my open cases by urgency, escalations waiting for acknowledgement, detained
  nationals whose consular notification (VCCR art. 36) is not recorded, cases gone quiet;
- head of office: the office's workload, what is overdue, transfers waiting for approval;
- CIAM operator: callbacks due, escalations the receiving office has not acknowledged yet.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Max, Model, QuerySet
from django.utils import timezone

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.cases.models import Case, CaseStatus, CaseTransfer, Priority
from amparo.cases.selectors import incoming_transfers
from amparo.hotline.models import Callback, Escalation
from amparo.hotline.permissions import can_log_calls, works_at_ciam
from amparo.hotline.selectors import callbacks_for, incoming_escalations, sent_escalations

SHOWN = 8
# An open case with no timeline entry for this long needs a follow-up.
QUIET_AFTER = timedelta(days=14)
# An escalation not acknowledged within this time is overdue (urgent ones page at once).
ACKNOWLEDGE_WITHIN = timedelta(hours=1)


@dataclass(frozen=True)
class Queue[T: Model]:
    """The first few items of a queue and how many there are in all."""

    items: list[T]
    total: int

    @classmethod
    def of(cls, queryset: QuerySet[T]) -> "Queue[T]":
        items = list(queryset[:SHOWN])
        total = len(items) if len(items) < SHOWN else queryset.count()
        return cls(items, total)


@dataclass(frozen=True)
class Tally:
    label: str
    count: int


@dataclass(frozen=True)
class OfficerWork:
    by_priority: list[Tally]
    my_cases: Queue[Case]
    escalations: Queue[Escalation]
    notifications_missing: Queue[Case]
    quiet_cases: Queue[Case]


@dataclass(frozen=True)
class HeadWork:
    by_status: list[Tally]
    by_officer: list[Tally]
    unassigned: int
    quiet_cases: Queue[Case]
    overdue_escalations: int
    transfers: Queue[CaseTransfer]


@dataclass(frozen=True)
class OperatorWork:
    callbacks: Queue[Callback]
    overdue_callbacks: int
    unacknowledged: Queue[Escalation]


# Listed rather than "not concluded" so the (assigned_to, status) and (office, status, …)
# indexes serve the filter: at a million cases "not concluded" read every case of an officer
# (docs/decisions.md, bench/start_page.py).
OPEN_STATUSES = [status for status in CaseStatus if status != CaseStatus.CONCLUDED]


def _open_cases(actor: Actor) -> QuerySet[Case]:
    return visible(actor, Case.objects.select_related("beneficiary", "materia")).filter(
        status__in=OPEN_STATUSES
    )


def _quiet(cases: QuerySet[Case], now: datetime) -> QuerySet[Case]:
    return (
        cases.annotate(last_activity=Max("events__at"))
        .filter(last_activity__lt=now - QUIET_AFTER)
        .order_by("last_activity", "id")
    )


def notifications_missing(actor: Actor) -> QuerySet[Case]:
    """Open cases of detained nationals with no consular notification recorded."""
    return (
        _open_cases(actor)
        .filter(is_detained=True, notifications__isnull=True)
        .order_by("opened_at", "id")
    )


def officer_work(actor: Actor, *, now: datetime | None = None) -> OfficerWork:
    now = now or timezone.now()
    mine = _open_cases(actor).filter(assigned_to=actor.user)
    counts = dict(mine.order_by().values_list("priority").annotate(n=Count("id")))
    return OfficerWork(
        by_priority=[
            Tally(str(priority.label), counts.get(priority.value, 0))
            for priority in reversed(Priority)
        ],
        my_cases=Queue.of(mine.order_by("-priority", "opened_at", "id")),
        escalations=Queue.of(incoming_escalations(actor, pending_only=True)),
        notifications_missing=Queue.of(notifications_missing(actor)),
        quiet_cases=Queue.of(_quiet(mine, now)),
    )


def head_work(actor: Actor, *, now: datetime | None = None) -> HeadWork:
    now = now or timezone.now()
    open_cases = _open_cases(actor)
    by_status = dict(open_cases.order_by().values_list("status").annotate(n=Count("id")))
    by_officer = (
        open_cases.exclude(assigned_to=None)
        .order_by()
        .values("assigned_to__first_name", "assigned_to__last_name", "assigned_to__username")
        .annotate(n=Count("id"))
        .order_by("-n", "assigned_to__username")
    )
    return HeadWork(
        by_status=[
            Tally(str(status.label), by_status.get(status.value, 0))
            for status in CaseStatus
            if status != CaseStatus.CONCLUDED
        ],
        by_officer=[Tally(_full_name(row), row["n"]) for row in by_officer],
        unassigned=open_cases.filter(assigned_to=None).count(),
        quiet_cases=Queue.of(_quiet(open_cases, now)),
        overdue_escalations=incoming_escalations(actor, pending_only=True)
        .filter(created_at__lt=now - ACKNOWLEDGE_WITHIN)
        .count(),
        transfers=Queue.of(incoming_transfers(actor)),
    )


def operator_work(actor: Actor, *, now: datetime | None = None) -> OperatorWork:
    now = now or timezone.now()
    callbacks = callbacks_for(actor)
    return OperatorWork(
        callbacks=Queue.of(callbacks),
        overdue_callbacks=callbacks.filter(due_at__lt=now).count(),
        unacknowledged=Queue.of(
            sent_escalations(actor).filter(acknowledged_at=None).order_by("created_at", "id")
        ),
    )


def _full_name(row: Any) -> str:
    name = f"{row['assigned_to__first_name']} {row['assigned_to__last_name']}".strip()
    return name or row["assigned_to__username"]


@dataclass(frozen=True)
class Work:
    officer: OfficerWork | None
    head: HeadWork | None
    operator: OperatorWork | None


def work_for(actor: Actor) -> Work:
    """The queues of the acting role: a consulate's head sees an officer's queues too; the
    CIAM's head (its supervisor) and operators see the line's."""
    at_ciam = works_at_ciam(actor)
    heads_a_consulate = actor.has_role(Role.HEAD_OF_OFFICE) and not at_ciam
    return Work(
        officer=officer_work(actor)
        if actor.has_role(Role.CONSULAR_OFFICER) or heads_a_consulate
        else None,
        head=head_work(actor) if heads_a_consulate else None,
        operator=operator_work(actor) if at_ciam and can_log_calls(actor) else None,
    )
