"""Reads: scoped, pre-joined querysets of cases, timelines and transfers."""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import Actor
from amparo.cases import keyset
from amparo.cases.models import (
    CASE_FLAGS,
    Case,
    CaseAttachment,
    CaseEvent,
    CaseTransfer,
    Subtype,
    TransferStatus,
)
from amparo.cases.rows import LIST_ROW_FIELDS, CaseRow
from amparo.core.days import within_days
from amparo.network.models import Office
from amparo.people.selectors import office_suggestion_for

# Public sort keys → ORDER BY. Every order ends in a unique column so pages never overlap,
# and each has a matching index on Case (per office and across offices).
SORTS: dict[str, tuple[str, ...]] = {
    "-opened_at": ("-opened_at", "-id"),
    "opened_at": ("opened_at", "id"),
    "-priority": ("-priority", "-opened_at", "-id"),
    "folio": ("folio",),
    "-folio": ("-folio",),
    "status": ("status", "-opened_at", "-id"),
}
DEFAULT_SORT = "-opened_at"
LIST_COUNT_CAP = 1_000
"""The list's count stops here ("más de 1 000"): past it nobody reads the number, and
counting 10,000 rows cost 60-190 ms per page on a million cases."""


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
    search: str = ""
    sort: str = DEFAULT_SORT

    def summary(self) -> str:
        """The filters in use as "name=value" pairs, for the access trail (ids, no names:
        a searched name is recorded only as having been used)."""
        parts = []
        for name, value in vars(self).items():
            if value in ("", None, ()) or (name == "sort" and value == DEFAULT_SORT):
                continue
            shown = value
            if name == "search":
                shown = "folio" if _looks_like_folio(str(value)) else "nombre"
            elif isinstance(value, tuple):
                shown = "+".join(value)
            parts.append(f"{name}={shown}")
        return ", ".join(parts) or "sin filtros"


_DIGIT = re.compile(r"\d")


def _looks_like_folio(text: str) -> bool:
    # Folios are CODE-YEAR-SEQUENCE; names never hold digits.
    return bool(_DIGIT.search(text))


def beneficiary_name_condition(text: str) -> Q:
    """HOOK for the people app's search: the cases whose beneficiary's name matches `text`.

    For now every word must appear (case-insensitive substring) in one of the name fields.
    Replace the body with the people search (accents, typos, swapped surnames), e.g.
    `Q(beneficiary__in=<people search queryset of ids>)`; callers stay unchanged."""
    condition = Q()
    for word in text.split()[:6]:
        condition &= (
            Q(beneficiary__given_names__icontains=word)
            | Q(beneficiary__first_surname__icontains=word)
            | Q(beneficiary__second_surname__icontains=word)
        )
    return condition


def search_condition(text: str) -> Q:
    """A folio prefix ("TA-2025-00") if the text holds a digit, else a beneficiary name."""
    text = text.strip()
    if not text:
        return Q()
    if _looks_like_folio(text):
        # Folios are stored upper-case; a plain prefix LIKE can use the folio index.
        return Q(folio__startswith=text.upper())
    return beneficiary_name_condition(text)


def case_base_queryset() -> QuerySet[Case]:
    return Case.objects.select_related("office", "materia", "subtype", "beneficiary", "assigned_to")


def cases_visible_to(actor: Actor | None, *, write: bool = False) -> QuerySet[Case]:
    return visible(actor, case_base_queryset(), write=write)


def cases_of_person(actor: Actor | None, person_id: int) -> QuerySet[Case]:
    """The cases the actor may read where the person is the beneficiary or the requester,
    newest first."""
    return (
        cases_visible_to(actor)
        .filter(Q(beneficiary_id=person_id) | Q(requester_id=person_id))
        .select_related("office")
        .order_by("-opened_at", "-id")
    )


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
    condition &= within_days("opened_at", filters.opened_from, filters.opened_to)
    if filters.folio:
        condition &= Q(folio__startswith=filters.folio.strip().upper())
    condition &= search_condition(filters.search)
    return cases_visible_to(actor).filter(condition).order_by(*sort_order(filters.sort))


def sort_order(sort: str) -> tuple[str, ...]:
    return SORTS.get(sort, SORTS[DEFAULT_SORT])


def capped_count(queryset: QuerySet[Any], cap: int | None = None) -> tuple[int, bool]:
    """How many rows, counting no further than `cap` (default LIST_COUNT_CAP): (count,
    more_than_cap). The database stops after cap + 1 rows instead of counting a million."""
    cap = LIST_COUNT_CAP if cap is None else cap
    counted = queryset.order_by().values("pk")[: cap + 1].count()
    return min(counted, cap), counted > cap


def case_list_count(
    actor: Actor | None, filters: CaseFilters, page: "keyset.Page[CaseRow]", *, paged: bool
) -> tuple[int, bool]:
    """capped_count of the filtered list, without a query when the page already shows it
    all (the first page, nothing after it)."""
    if not paged and not page.has_next:
        return len(page.items), False
    return capped_count(case_list(actor, filters))


def case_page(
    actor: Actor | None,
    filters: CaseFilters,
    *,
    size: int,
    after: str = "",
    before: str = "",
) -> keyset.Page[CaseRow]:
    """One keyset page of the actor's filtered case list (raises keyset.InvalidCursorError)."""
    sort = filters.sort if filters.sort in SORTS else DEFAULT_SORT
    page = keyset.paginate(
        case_list(actor, filters).values(*LIST_ROW_FIELDS),
        sort=sort,
        order=sort_order(sort),
        size=size,
        after=after,
        before=before,
    )
    return keyset.Page(
        items=[CaseRow(values) for values in page.items],
        next_cursor=page.next_cursor,
        previous_cursor=page.previous_cursor,
    )


def case_export_rows(actor: Actor | None, filters: CaseFilters) -> QuerySet[Case]:
    """The same rows as the list, in the same order, with only what an export shows."""
    return (
        case_list(actor, filters)
        .select_related(None)
        .select_related("office", "materia", "subtype", "beneficiary", "assigned_to")
    )


def case_for_actor(actor: Actor | None, pk: object, *, write: bool = False) -> Case:
    """One case the actor may read (or change): Http404 for missing and hidden alike."""
    return get_for_actor(actor, case_base_queryset(), pk, write=write)


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


def transfer_for_actor(actor: Actor | None, pk: object, *, write: bool = False) -> CaseTransfer:
    """A transfer as the receiving office sees it: Http404 unless addressed to its office."""
    return get_for_actor(actor, transfer_base_queryset(), pk, write=write)


def selectable_subtypes() -> QuerySet[Subtype]:
    """Subtypes a new case may use: neither the subtype nor its materia retired."""
    return Subtype.objects.filter(
        retired_at__isnull=True, materia__retired_at__isnull=True
    ).select_related("materia")


def jurisdiction_office_for(person: Any) -> Office | None:
    """The office that covers the person's address abroad; None without a usable address."""
    return office_suggestion_for(person)


def case_attachments(case: Case) -> QuerySet[CaseAttachment]:
    return case.attachments.select_related("uploaded_by").order_by("-uploaded_at", "-id")


def attachment_for_actor(actor: Actor | None, pk: object) -> CaseAttachment:
    """One attachment whose case the actor may read: Http404 for missing and hidden alike
    (the hidden attempt is written to the access trail)."""
    queryset = CaseAttachment.objects.select_related("case")
    return get_for_actor(actor, queryset, pk)


def seek_condition_sql(order: tuple[str, ...]) -> str:
    """The WHERE clause a keyset page adds for `order` (for tests and query reviews)."""
    sample = [Case._meta.get_field(keyset.OrderKey.parse(t).field) for t in order]
    values = [timezone.now() if f.get_internal_type() == "DateTimeField" else 1 for f in sample]
    query = Case.objects.filter(keyset.seek_condition(order, values)).query
    return str(query).split(" WHERE ", 1)[1]
