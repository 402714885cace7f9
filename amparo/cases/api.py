"""Cases API (/api/v1/cases/): the same scoped operations as the pages. Hidden and missing
cases both answer 404; a rule the input breaks answers 422 with {"detail": "..."}."""

from datetime import date, datetime
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import AwareDatetime

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import acting
from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.audit.services import audit_bulk_read, audit_record
from amparo.cases import keyset, services
from amparo.cases.case_file import case_file, case_file_response
from amparo.cases.exports import export_response, start_export
from amparo.cases.models import (
    CASE_FLAGS,
    AttachmentKind,
    Case,
    CaseAttachment,
    CaseEvent,
    CaseTransfer,
    Priority,
    Subtype,
)
from amparo.cases.rows import CaseRow
from amparo.cases.selectors import (
    DEFAULT_SORT,
    CaseFilters,
    attachment_for_actor,
    case_attachments,
    case_for_actor,
    case_list_count,
    case_page,
    case_timeline,
    incoming_transfers,
    transfer_for_actor,
)
from amparo.cases.timeline import describe_event
from amparo.cases.views.attachments import attachment_response
from amparo.core.api_types import ErrorOut, RowId
from amparo.network.models import Office
from amparo.people.models import Person

router = Router(tags=["cases"])
OPTIONAL_FILE = File(None)


def _priority_name(value: int) -> str:
    return Priority(value).name.lower()


def _priority_value(name: str) -> int:
    try:
        return int(Priority[name.upper()])
    except KeyError as error:
        raise HttpError(422, _("Prioridad no válida.")) from error


class CaseFields(Schema):
    """A case as the API shows it in lists and on its own."""

    id: int
    folio: str
    office_code: str
    status: str
    status_label: str
    closure_reason: str
    materia: str
    materia_label: str
    subtype: str
    subtype_label: str
    channel: str
    priority: str
    beneficiary_id: int
    beneficiary_name: str
    requester_id: int | None
    assigned_to_id: int | None
    flags: list[str]
    opened_at: datetime
    closed_at: datetime | None


class CaseOut(CaseFields):
    """CaseFields read from a Case instance."""

    @staticmethod
    def resolve_office_code(case: Case) -> str:
        return case.office.code

    @staticmethod
    def resolve_status_label(case: Case) -> str:
        return case.status_label

    @staticmethod
    def resolve_materia(case: Case) -> str:
        return case.materia.code

    @staticmethod
    def resolve_materia_label(case: Case) -> str:
        return case.materia.label

    @staticmethod
    def resolve_subtype(case: Case) -> str:
        return case.subtype.code

    @staticmethod
    def resolve_subtype_label(case: Case) -> str:
        return case.subtype.label

    @staticmethod
    def resolve_priority(case: Case) -> str:
        return _priority_name(case.priority)

    @staticmethod
    def resolve_beneficiary_name(case: Case) -> str:
        return case.beneficiary.full_name

    @staticmethod
    def resolve_flags(case: Case) -> list[str]:
        return [name for name in CASE_FLAGS if getattr(case, name)]

    @staticmethod
    def from_case(case: Case) -> "CaseOut":
        return CaseOut.from_orm(case)


def _list_item(row: CaseRow) -> dict[str, Any]:
    """A list row as CaseFields, straight from its values (no resolver per field)."""
    v = row.values
    return {
        **{name: v[name] for name in ("id", "folio", "status", "closure_reason", "channel")},
        **{name: v[name] for name in ("beneficiary_id", "requester_id", "assigned_to_id")},
        "office_code": v["office__code"],
        "status_label": row.status_label,
        "materia": v["materia__code"],
        "materia_label": v["materia__label"],
        "subtype": v["subtype__code"],
        "subtype_label": v["subtype__label"],
        "priority": _priority_name(v["priority"]),
        "beneficiary_name": row.beneficiary_name,
        "flags": row.flags,
        "opened_at": v["opened_at"],
        "closed_at": v["closed_at"],
    }


class CaseListQuery(Schema):
    status: str = ""
    materia_id: RowId | None = None
    subtype_id: RowId | None = None
    flags: list[str] = []
    assigned_to_id: RowId | None = None
    channel: str = ""
    priority: str = ""
    office_id: RowId | None = None
    opened_from: date | None = None
    opened_to: date | None = None
    folio: str = ""
    search: str = Field("", description="Folio (si tiene dígitos) o nombre de la persona")
    sort: str = DEFAULT_SORT

    def to_filters(self) -> CaseFilters:
        return CaseFilters(
            status=self.status,
            materia_id=self.materia_id,
            subtype_id=self.subtype_id,
            flags=tuple(self.flags),
            assigned_to_id=self.assigned_to_id,
            channel=self.channel,
            priority=_priority_value(self.priority) if self.priority else None,
            office_id=self.office_id,
            opened_from=self.opened_from,
            opened_to=self.opened_to,
            folio=self.folio,
            search=self.search,
            sort=self.sort,
        )


class CasePageQuery(CaseListQuery):
    reason: str = Field(
        "", max_length=200, description="Why (required for central analysts: access rule 3)"
    )
    after: str = Field("", description="next_cursor de la página anterior")
    before: str = Field("", description="previous_cursor de la página siguiente")
    page_size: int = Field(50, ge=1, le=200)


class CasePageOut(Schema):
    """A keyset page. `count` stops at selectors.LIST_COUNT_CAP (`count_is_capped` then says "more")."""

    items: list[CaseFields]
    count: int
    count_is_capped: bool
    next_cursor: str | None
    previous_cursor: str | None


class ExportQuery(CaseListQuery):
    format: str = Field("csv", description="csv o xlsx")
    reason: str = Field("", max_length=150, description="Obligatorio para análisis central")


class AttachmentOut(Schema):
    id: int
    case_id: int
    kind: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: str

    @staticmethod
    def from_attachment(attachment: CaseAttachment) -> "AttachmentOut":
        user = attachment.uploaded_by
        return AttachmentOut(
            id=attachment.pk,
            case_id=attachment.case_id,
            kind=attachment.kind,
            original_name=attachment.original_name,
            content_type=attachment.content_type,
            size=attachment.size,
            sha256=attachment.sha256,
            uploaded_at=attachment.uploaded_at,
            uploaded_by=user.get_full_name() or user.username,
        )


class CaseIn(Schema):
    beneficiary_id: RowId
    subtype_id: RowId
    channel: str
    requester_id: RowId | None = None
    priority: str = "normal"
    assigned_to_id: RowId | None = None
    flags: list[str] = []
    summary: str = ""
    office_code: str | None = None
    office_override_reason: str = ""


class StatusIn(Schema):
    status: str
    closure_reason: str = ""
    reason: str = ""


class NoteIn(Schema):
    text: str


class ActionIn(Schema):
    kind: str
    occurred_on: date
    summary: str


class NotificationIn(Schema):
    agency: str
    notified_by: str = ""
    arrested_at: AwareDatetime
    learned_at: AwareDatetime
    channel: str
    requested_by_detainee: bool = False


class EventOut(Schema):
    id: int
    kind: str
    at: datetime
    actor: str
    description: str
    text: str
    payload: dict[str, Any]

    @staticmethod
    def from_event(event: CaseEvent) -> "EventOut":
        actor = event.actor
        return EventOut(
            id=event.pk,
            kind=event.kind,
            at=event.at,
            actor=(actor.get_full_name() or actor.username) if actor else "",
            description=describe_event(event),
            text=event.text,
            payload=event.payload,
        )


class TransferIn(Schema):
    to_office_code: str
    reason: str


class RefuseIn(Schema):
    reason: str


class TransferOut(Schema):
    """What the receiving office may know before accepting: no names, no notes."""

    id: int
    case_id: int
    folio: str
    materia_label: str
    subtype_label: str
    from_office_code: str
    to_office_code: str
    status: str
    reason: str
    requested_at: datetime
    decided_at: datetime | None
    decision_reason: str

    @staticmethod
    def from_transfer(transfer: CaseTransfer) -> "TransferOut":
        return TransferOut(
            id=transfer.pk,
            case_id=transfer.case_id,
            folio=transfer.case.folio,
            materia_label=transfer.case.materia.label,
            subtype_label=transfer.case.subtype.label,
            from_office_code=transfer.from_office.code,
            to_office_code=transfer.to_office.code,
            status=transfer.status,
            reason=transfer.reason,
            requested_at=transfer.requested_at,
            decided_at=transfer.decided_at,
            decision_reason=transfer.decision_reason,
        )


@router.get("", response=CasePageOut)
def list_cases(request: HttpRequest, query: Query[CasePageQuery]) -> dict[str, Any]:
    """Cases the caller may read, filtered and sorted, one keyset page at a time: pass
    `next_cursor` as `after` (or `previous_cursor` as `before`) to move."""
    actor = acting(request)
    filters = query.to_filters()
    try:
        page = case_page(
            actor, filters, size=query.page_size, after=query.after, before=query.before
        )
    except keyset.InvalidCursorError as error:
        raise HttpError(422, _("Cursor de paginación no válido.")) from error
    paged = bool(query.after or query.before)
    count, capped = case_list_count(actor, filters, page, paged=paged)
    audit_bulk_read(actor=actor, target_type="cases.case", reason=query.reason)
    return {
        "items": [_list_item(row) for row in page.items],
        "count": count,
        "count_is_capped": capped,
        "next_cursor": page.next_cursor,
        "previous_cursor": page.previous_cursor,
    }


@router.get(
    "/export",
    response={200: None, 422: ErrorOut},
    openapi_extra={
        "responses": {
            200: {
                "description": "CSV o XLSX",
                "content": {
                    "text/csv": {},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
                },
            }
        }
    },
)
def export_cases(request: HttpRequest, query: Query[ExportQuery]) -> Any:
    """The filtered list as CSV or XLSX (same scope as the list), recorded as EXPORT. A
    central analyst must give a `reason`."""
    actor = acting(request)
    rows = start_export(
        actor=actor,
        filters=query.to_filters(),
        export_format=query.format,
        reason=query.reason,
    )
    return export_response(query.format, rows)


@router.post("", response={201: CaseOut})
def create_case(request: HttpRequest, payload: CaseIn) -> Status[CaseOut]:
    actor = acting(request)
    beneficiary = get_for_actor(actor, Person.objects.all(), payload.beneficiary_id)
    requester = (
        get_for_actor(actor, Person.objects.all(), payload.requester_id)
        if payload.requester_id
        else None
    )
    subtype = Subtype.objects.select_related("materia").filter(pk=payload.subtype_id).first()
    if subtype is None:
        raise HttpError(422, _("Subtipo no válido."))
    office = None
    if payload.office_code:
        office = Office.objects.filter(code=payload.office_code).first()
        if office is None:
            raise HttpError(422, _("Representación no válida."))
    assignee = None
    if payload.assigned_to_id:
        assignee = User.objects.filter(pk=payload.assigned_to_id).first()
        if assignee is None:
            raise HttpError(422, _("Solo puede asignarse a personal de la representación."))
    case = services.case_open(
        actor=actor,
        beneficiary=beneficiary,
        requester=requester,
        subtype=subtype,
        channel=payload.channel,
        office=office,
        priority=_priority_value(payload.priority),
        assigned_to=assignee,
        flags=_flags(payload.flags),
        summary=payload.summary,
        office_override_reason=payload.office_override_reason,
    )
    return Status(201, CaseOut.from_case(case_for_actor(actor, case.pk)))


def _flags(names: list[str]) -> dict[str, bool]:
    unknown = set(names) - set(CASE_FLAGS)
    if unknown:
        raise HttpError(422, _("Indicadores no válidos."))
    return dict.fromkeys(names, True)


@router.get("/{int:case_id}", response=CaseOut)
def get_case(request: HttpRequest, case_id: RowId) -> CaseOut:
    actor = acting(request)
    case = case_for_actor(actor, case_id)
    audit_record(actor=actor, action=Action.VIEW, target=case)
    return CaseOut.from_case(case)


@router.get(
    "/{int:case_id}/file.pdf",
    response={200: None},
    openapi_extra={
        "responses": {
            200: {
                "description": "El expediente imprimible (PDF)",
                "content": {"application/pdf": {}},
            }
        }
    },
)
def get_case_file(request: HttpRequest, case_id: RowId) -> HttpResponse:
    """The printable case file: data, consular notification, timeline, attachments list;
    who printed it and when on every page. Audited as an export of the case."""
    actor = acting(request)
    return case_file_response(case_file(actor, case_for_actor(actor, case_id)))


@router.get("/{int:case_id}/timeline", response=list[EventOut])
def get_timeline(request: HttpRequest, case_id: RowId) -> list[EventOut]:
    actor = acting(request)
    case = case_for_actor(actor, case_id)
    audit_record(actor=actor, action=Action.VIEW, target=case, reason="timeline")
    return [EventOut.from_event(event) for event in case_timeline(case)]


@router.post("/{int:case_id}/status", response=CaseOut)
def change_status(request: HttpRequest, case_id: RowId, payload: StatusIn) -> CaseOut:
    actor = acting(request)
    case = case_for_actor(actor, case_id, write=True)
    services.case_change_status(
        case=case,
        status=payload.status,
        closure_reason=payload.closure_reason,
        reason=payload.reason,
        actor=actor,
    )
    return CaseOut.from_case(case_for_actor(actor, case_id))


@router.post("/{int:case_id}/notes", response={201: EventOut})
def add_note(request: HttpRequest, case_id: RowId, payload: NoteIn) -> Status[EventOut]:
    actor = acting(request)
    case = case_for_actor(actor, case_id, write=True)
    services.case_add_note(case=case, text=payload.text, actor=actor)
    return Status(201, EventOut.from_event(case_timeline(case).first()))  # type: ignore[arg-type]


@router.post("/{int:case_id}/actions", response={201: EventOut})
def add_action(request: HttpRequest, case_id: RowId, payload: ActionIn) -> Status[EventOut]:
    actor = acting(request)
    case = case_for_actor(actor, case_id, write=True)
    services.case_add_action(
        case=case,
        kind=payload.kind,
        occurred_on=payload.occurred_on,
        summary=payload.summary,
        actor=actor,
    )
    return Status(201, EventOut.from_event(case_timeline(case).first()))  # type: ignore[arg-type]


@router.post("/{int:case_id}/notifications", response={201: EventOut})
def add_notification(
    request: HttpRequest, case_id: int, payload: NotificationIn
) -> Status[EventOut]:
    actor = acting(request)
    case = case_for_actor(actor, case_id, write=True)
    services.case_record_notification(case=case, actor=actor, **payload.dict())
    return Status(201, EventOut.from_event(case_timeline(case).first()))  # type: ignore[arg-type]


@router.post("/{int:case_id}/transfers", response={201: TransferOut})
def request_transfer(
    request: HttpRequest, case_id: int, payload: TransferIn
) -> Status[TransferOut]:
    actor = acting(request)
    case = case_for_actor(actor, case_id, write=True)
    to_office = Office.objects.filter(code=payload.to_office_code).first()
    if to_office is None:
        raise HttpError(422, _("Representación no válida."))
    transfer = services.case_transfer_request(
        case=case, to_office=to_office, reason=payload.reason, actor=actor
    )
    return Status(201, TransferOut.from_transfer(transfer))


@router.get("/transfers/incoming", response=list[TransferOut])
def list_incoming_transfers(request: HttpRequest) -> list[TransferOut]:
    actor = acting(request)
    audit_record(actor=actor, action=Action.LIST, target_type="cases.casetransfer")
    return [TransferOut.from_transfer(t) for t in incoming_transfers(actor)[:200]]


@router.post("/transfers/{int:transfer_id}/accept", response=CaseOut)
def accept_transfer(request: HttpRequest, transfer_id: RowId) -> CaseOut:
    actor = acting(request)
    transfer = transfer_for_actor(actor, transfer_id, write=True)
    case = services.case_transfer_accept(transfer=transfer, actor=actor)
    return CaseOut.from_case(case_for_actor(actor, case.pk))


@router.post("/transfers/{int:transfer_id}/refuse", response=TransferOut)
def refuse_transfer(request: HttpRequest, transfer_id: RowId, payload: RefuseIn) -> TransferOut:
    actor = acting(request)
    transfer = transfer_for_actor(actor, transfer_id, write=True)
    refused = services.case_transfer_refuse(transfer=transfer, reason=payload.reason, actor=actor)
    return TransferOut.from_transfer(transfer_for_actor(actor, refused.pk))


@router.get("/{int:case_id}/attachments", response=list[AttachmentOut])
def list_attachments(request: HttpRequest, case_id: RowId) -> list[AttachmentOut]:
    actor = acting(request)
    case = case_for_actor(actor, case_id)
    audit_record(actor=actor, action=Action.VIEW, target=case, reason="attachments")
    return [AttachmentOut.from_attachment(a) for a in case_attachments(case)]


@router.post("/{int:case_id}/attachments", response={201: AttachmentOut, 422: ErrorOut})
def upload_attachment(
    request: HttpRequest,
    case_id: RowId,
    file: UploadedFile | None = OPTIONAL_FILE,  # optional: a hidden case answers 404 first
    kind: Form[str] = AttachmentKind.OTHER.value,
) -> Any:
    """Multipart upload (fields `file` and `kind`). A bad file answers 422 and leaves
    nothing behind."""
    actor = acting(request)
    case = case_for_actor(actor, case_id, write=True)
    if file is None:
        return Status(422, ErrorOut(detail=_("Adjunte un archivo en el campo «file».")))
    attachment = services.case_add_attachment(case=case, upload=file, kind=kind, actor=actor)
    return Status(201, AttachmentOut.from_attachment(attachment))


@router.get(
    "/attachments/{int:attachment_id}/download",
    response={200: None},
    openapi_extra={"responses": {200: {"description": "El archivo", "content": {"*/*": {}}}}},
)
def download_attachment(request: HttpRequest, attachment_id: RowId) -> FileResponse:
    actor = acting(request)
    attachment = attachment_for_actor(actor, attachment_id)
    audit_record(actor=actor, action=Action.VIEW, target=attachment)
    return attachment_response(attachment)
