"""Reads: scoped, pre-joined querysets of cases, timelines and transfers."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import Actor
from amparo.cases.models import CASE_FLAGS, Case, CaseEvent, CaseTransfer, Subtype, TransferStatus

# Public sort keys → ORDER BY. Every order ends in a unique column so pages never overlap.
SORTS: dict[str, tuple[str, ...]] = {
    "-opened_at": ("-opened_at", "-id"),
    "opened_at": ("opened_at", "id"),
    "-priority": ("-priority", "-opened_at", "-id"),
    "folio": ("folio",),
    "-folio": ("-folio",),
    "status": ("status", "-opened_at", "-id"),
}
DEFAULT_SORT = "-opened_at"


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    materia_id: int | None = None
    subtype_id: int | None = None
    flags: tuple[str, ...] = field(default_factory=tuple)
    assigned_to_id: int | None = None
    channel: str = ""
    priority: int | None = None
    office_id: int | None = None
    opened_from: date | None = None
    opened_to: date | None = None
    folio: str = ""
    sort: str = DEFAULT_SORT


def _start_of(day: date) -> datetime:
    # A day boundary in the current time zone, compared against the indexed column as is
    # (no per-row date conversion, so the (office, opened_at) index stays usable).
    return timezone.make_aware(datetime.combine(day, time.min))


def case_base_queryset() -> QuerySet[Case]:
    return Case.objects.select_related("office", "materia", "subtype", "beneficiary", "assigned_to")


def cases_visible_to(actor: Actor | None, *, write: bool = False) -> QuerySet[Case]:
    return visible(actor, case_base_queryset(), write=write)


def case_list(actor: Actor | None, filters: CaseFilters) -> QuerySet[Case]:
    """The cases the actor may read, narrowed by the filters and sorted."""
    condition = Q()
    if filters.status:
        condition &= Q(status=filters.status)
    if filters.materia_id:
        condition &= Q(materia_id=filters.materia_id)
    if filters.subtype_id:
        condition &= Q(subtype_id=filters.subtype_id)
    for flag in filters.flags:
        if flag in CASE_FLAGS:
            condition &= Q(**{flag: True})
    if filters.assigned_to_id:
        condition &= Q(assigned_to_id=filters.assigned_to_id)
    if filters.channel:
        condition &= Q(channel=filters.channel)
    if filters.priority:
        condition &= Q(priority=filters.priority)
    if filters.office_id:
        condition &= Q(office_id=filters.office_id)
    if filters.opened_from:
        condition &= Q(opened_at__gte=_start_of(filters.opened_from))
    if filters.opened_to:
        condition &= Q(opened_at__lt=_start_of(filters.opened_to + timedelta(days=1)))
    if filters.folio:
        condition &= Q(folio__istartswith=filters.folio.strip())
    order = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    return cases_visible_to(actor).filter(condition).order_by(*order)


def case_for_actor(
    actor: Actor | None, pk: object, *, write: bool = False, request: HttpRequest | None = None
) -> Case:
    """One case the actor may read (or change): Http404 for missing and hidden alike."""
    return get_for_actor(actor, case_base_queryset(), pk, write=write, request=request)


def case_timeline(case: Case) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case=case).select_related("actor").order_by("-at", "-id")


def case_transfers(case: Case) -> QuerySet[CaseTransfer]:
    return case.transfers.select_related(
        "from_office", "to_office", "requested_by", "decided_by"
    ).order_by("-requested_at", "-id")


def pending_transfer(case: Case) -> CaseTransfer | None:
    return case.transfers.filter(status=TransferStatus.PENDING).select_related("to_office").first()


def transfer_base_queryset() -> QuerySet[CaseTransfer]:
    return CaseTransfer.objects.select_related(
        "case__materia", "case__subtype", "from_office", "to_office", "requested_by"
    )


def incoming_transfers(actor: Actor | None) -> QuerySet[CaseTransfer]:
    """Pending requests addressed to offices the actor may see (scoped by receiving office)."""
    return visible(actor, transfer_base_queryset().filter(status=TransferStatus.PENDING)).order_by(
        "requested_at", "id"
    )


def transfer_for_actor(
    actor: Actor | None, pk: object, *, write: bool = False, request: HttpRequest | None = None
) -> CaseTransfer:
    """A transfer as the receiving office sees it: Http404 unless addressed to its office."""
    return get_for_actor(actor, transfer_base_queryset(), pk, write=write, request=request)


def selectable_subtypes() -> QuerySet[Subtype]:
    """Subtypes a new case may use: neither the subtype nor its materia retired."""
    return Subtype.objects.filter(
        retired_at__isnull=True, materia__retired_at__isnull=True
    ).select_related("materia")
