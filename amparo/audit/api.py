"""The access trail over JSON, for auditors and central administration (404 for others)."""

from datetime import date, datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from amparo.accounts.actor import Actor, acting
from amparo.audit.lookup import AuditTarget, audit_targets
from amparo.audit.models import AccessRecord, Action, Outcome
from amparo.audit.selectors import RecordFilters, can_read_audit_trail, records_visible_to
from amparo.core.api_types import RowId

router = Router(tags=["audit"])


class AccessRecordOut(Schema):
    id: int
    at: datetime
    username: str
    role: str
    office_id: int | None
    action: str
    target_type: str
    target_id: str
    target_office_id: int | None
    outcome: str
    ip_address: str | None
    path: str
    reason: str


class RecordQuery(Schema):
    username: str = ""
    office_id: RowId | None = None
    action: Action | None = None
    outcome: Outcome | None = None
    target_type: str = ""
    target_id: str = ""
    since: date | None = None
    until: date | None = None

    def to_filters(self) -> RecordFilters:
        return RecordFilters(
            username=self.username.strip(),
            office_id=self.office_id,
            action=self.action or "",
            outcome=self.outcome or "",
            target_type=self.target_type.strip(),
            target_id=self.target_id.strip(),
            since=self.since,
            until=self.until,
        )


def _auditor(request: HttpRequest) -> Actor:
    actor: Actor | None = acting(request)
    if not can_read_audit_trail(actor):
        raise HttpError(404, _("No encontrado."))
    assert actor is not None
    return actor


@router.get("/records", response=list[AccessRecordOut])
@paginate
def list_records(request: HttpRequest, filters: Query[RecordQuery]) -> QuerySet[AccessRecord]:
    """The access records the caller may read, newest first."""
    actor = _auditor(request)
    return records_visible_to(actor, filters.to_filters())


@router.get("/targets/{target_type}/{target_id}/records", response=list[AccessRecordOut])
@paginate
def list_target_records(
    request: HttpRequest, target_type: str, target_id: str
) -> QuerySet[AccessRecord]:
    """Every access to one record (for example people.person / 12), newest first."""
    actor = _auditor(request)
    return records_visible_to(actor, RecordFilters(target_type=target_type, target_id=target_id))


class AuditTargetOut(Schema):
    target_type: str
    target_id: str
    kind: str
    label: str
    office_code: str


class AuditLookupQuery(Schema):
    q: str = Field(min_length=1, max_length=120)


@router.get("/lookup", response=list[AuditTargetOut])
def lookup(request: HttpRequest, query: Query[AuditLookupQuery]) -> list[AuditTarget]:
    """The records a folio, call number, name or identifier names (references only), to
    ask /targets/{target_type}/{target_id}/records who accessed them."""
    return audit_targets(_auditor(request), query.q)
