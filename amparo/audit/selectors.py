"""Reading the access trail."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.audit.models import AccessRecord
from amparo.core.days import within_days
from amparo.network.models import OfficeKind

AUDIT_TRAIL_ROLES = frozenset({Role.AUDITOR, Role.CENTRAL_ADMIN})


@dataclass(frozen=True)
class RecordFilters:
    """Optional narrowing of the trail; every field left empty means "any"."""

    username: str = ""
    office_id: int | None = None  # the office that acted or the one owning the record
    action: str = ""
    outcome: str = ""
    target_type: str = ""
    target_id: str = ""
    since: date | None = None
    until: date | None = None


def can_read_audit_trail(actor: Actor | None) -> bool:
    """True for auditors and central administrators (rule 7 of amparo.accounts.access)."""
    return actor is not None and actor.role in AUDIT_TRAIL_ROLES


def records_visible_to(
    actor: Actor | None, filters: RecordFilters | None = None
) -> QuerySet[AccessRecord]:
    """The access records this actor may read, newest first, offices pre-joined.

    Rules, one per line (each tested in audit/tests/test_selectors.py):
      1. Only auditors and central administrators read the trail; everyone else reads
         nothing (the pages answer 404).
      2. An auditor or central administrator acting in the headquarters office reads
         every record.
      3. An auditor or central administrator acting in any other office reads only the
         records where that office acted (`office`) or whose record it owns
         (`target_office`).
    This is rule 7 of amparo.accounts.access: auditors never read the personal data itself,
    only the trail, which holds ids, usernames and outcomes but no personal values.
    """
    records: QuerySet[AccessRecord] = AccessRecord.objects.select_related("office", "target_office")
    if not can_read_audit_trail(actor):
        return records.none()
    assert actor is not None  # for the type checker; guaranteed by can_read_audit_trail
    if actor.office.kind != OfficeKind.HEADQUARTERS:
        records = records.filter(Q(office_id=actor.office_id) | Q(target_office_id=actor.office_id))
    if filters is not None:
        records = _apply(records, filters)
    return records.order_by("-id")


def _apply(records: QuerySet[AccessRecord], filters: RecordFilters) -> QuerySet[AccessRecord]:
    if filters.username:
        records = records.filter(username=filters.username)
    if filters.office_id is not None:
        records = records.filter(
            Q(office_id=filters.office_id) | Q(target_office_id=filters.office_id)
        )
    if filters.action:
        records = records.filter(action=filters.action)
    if filters.outcome:
        records = records.filter(outcome=filters.outcome)
    if filters.target_type:
        records = records.filter(target_type=filters.target_type)
    if filters.target_id:
        records = records.filter(target_id=filters.target_id)
    records = records.filter(within_days("at", filters.since, filters.until))
    return records


def records_page(
    records: QuerySet[AccessRecord], *, before_id: int | None, size: int
) -> tuple[list[AccessRecord], int | None]:
    """One page of `records` (ordered by -id) older than `before_id`, and the cursor for
    the next page (None on the last). Keyset paging: no COUNT and no OFFSET over a table
    that only grows."""
    if before_id is not None:
        records = records.filter(id__lt=before_id)
    rows = list(records[: size + 1])
    if len(rows) > size:
        return rows[:size], rows[size - 1].pk
    return rows, None
