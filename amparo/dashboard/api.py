"""Dashboard API (/api/v1/dashboard/): the acting role's work queues, as the start page shows
them (dashboard.work). Each queue: how many items in all and the first few."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from amparo.accounts.actor import Actor, acting
from amparo.cases.models import Case, CaseTransfer
from amparo.dashboard.work import (
    HeadWork,
    OfficerWork,
    OperatorWork,
    Queue,
    Tally,
    work_for,
)
from amparo.hotline.models import Callback, Escalation

router = Router(tags=["dashboard"])


class DashboardTallyOut(Schema):
    label: str
    count: int


class DashboardItemOut(Schema):
    """One item of a queue: what it is (cases.case, hotline.escalation, …), its id, a label
    (a folio, a call number) and its time (opened, due, escalated)."""

    type: str
    id: int
    label: str
    at: datetime | None


class DashboardQueueOut(Schema):
    total: int
    items: list[DashboardItemOut]


class DashboardOfficerOut(Schema):
    by_priority: list[DashboardTallyOut]
    my_cases: DashboardQueueOut
    escalations: DashboardQueueOut
    notifications_missing: DashboardQueueOut
    quiet_cases: DashboardQueueOut


class DashboardHeadOut(Schema):
    by_status: list[DashboardTallyOut]
    by_officer: list[DashboardTallyOut]
    unassigned: int
    quiet_cases: DashboardQueueOut
    overdue_escalations: int
    transfers: DashboardQueueOut


class DashboardOperatorOut(Schema):
    callbacks: DashboardQueueOut
    overdue_callbacks: int
    unacknowledged: DashboardQueueOut


class DashboardWorkOut(Schema):
    officer: DashboardOfficerOut | None
    head: DashboardHeadOut | None
    operator: DashboardOperatorOut | None


@router.get("/work", response=DashboardWorkOut)
def work(request: HttpRequest) -> DashboardWorkOut:
    """The work queues of the acting role (null where the role has none)."""
    actor: Actor = acting(request)
    found = work_for(actor)
    return DashboardWorkOut(
        officer=_officer(found.officer) if found.officer else None,
        head=_head(found.head) if found.head else None,
        operator=_operator(found.operator) if found.operator else None,
    )


def _tallies(tallies: list[Tally]) -> list[DashboardTallyOut]:
    return [DashboardTallyOut(label=t.label, count=t.count) for t in tallies]


def _item(record: object) -> DashboardItemOut:
    match record:
        case Case():
            return DashboardItemOut(
                type="cases.case", id=record.pk, label=record.folio, at=record.opened_at
            )
        case Escalation():
            return DashboardItemOut(
                type="hotline.escalation",
                id=record.pk,
                label=record.case.folio,
                at=record.created_at,
            )
        case Callback():
            return DashboardItemOut(
                type="hotline.callback", id=record.pk, label=str(record.call_id), at=record.due_at
            )
        case CaseTransfer():
            return DashboardItemOut(
                type="cases.casetransfer",
                id=record.pk,
                label=record.case.folio,
                at=record.requested_at,
            )
    raise TypeError(type(record))


def _queue(queue: Queue) -> DashboardQueueOut:  # type: ignore[type-arg]
    return DashboardQueueOut(total=queue.total, items=[_item(item) for item in queue.items])


def _officer(work: OfficerWork) -> DashboardOfficerOut:
    return DashboardOfficerOut(
        by_priority=_tallies(work.by_priority),
        my_cases=_queue(work.my_cases),
        escalations=_queue(work.escalations),
        notifications_missing=_queue(work.notifications_missing),
        quiet_cases=_queue(work.quiet_cases),
    )


def _head(work: HeadWork) -> DashboardHeadOut:
    return DashboardHeadOut(
        by_status=_tallies(work.by_status),
        by_officer=_tallies(work.by_officer),
        unassigned=work.unassigned,
        quiet_cases=_queue(work.quiet_cases),
        overdue_escalations=work.overdue_escalations,
        transfers=_queue(work.transfers),
    )


def _operator(work: OperatorWork) -> DashboardOperatorOut:
    return DashboardOperatorOut(
        callbacks=_queue(work.callbacks),
        overdue_callbacks=work.overdue_callbacks,
        unacknowledged=_queue(work.unacknowledged),
    )
