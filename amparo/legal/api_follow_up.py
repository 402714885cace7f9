"""PALE API beyond the referral itself (mounted under /api/v1/legal/ with api.router): a
contract's LEDES 1998B file and documents, a referral's documents (the provider uploads, the office
shares, each downloads what it may read), the capital cases' court dates, and the yearly
report."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.imports.api import InvalidInputOut
from amparo.cases.models import AttachmentKind, Case, CaseAttachment
from amparo.cases.views.attachments import attachment_response
from amparo.core.api_types import RowId
from amparo.legal import capital, documents, ledes, reports, selectors
from amparo.legal.contract_documents import contract_add_document
from amparo.legal.models import (
    CapitalDeadline,
    Contract,
    ContractDocument,
    InvoiceStatus,
    ReferralDocument,
)

router = Router(tags=["legal"])
OPTIONAL_FILE = File(None)
FILE_RESPONSE = {"responses": {200: {"description": "El archivo", "content": {"*/*": {}}}}}


class PaleLedesQuery(Schema):
    month: str = Field("", pattern=r"^(\d{4}-\d{2})?$", description="YYYY-MM; all by default")


@router.get("/contracts/{int:contract_id}/ledes", response={200: None}, openapi_extra={
    "responses": {200: {"description": "LEDES 1998B", "content": {"text/plain": {}}}}})  # fmt: skip
def get_ledes(
    request: HttpRequest, contract_id: RowId, query: Query[PaleLedesQuery]
) -> HttpResponse:
    """The contract's approved invoice lines (of one month, if given) as LEDES 1998B."""
    actor = acting(request)
    contract = get_for_actor(actor, Contract.objects.all(), contract_id)
    lines = visible(actor, contract.invoice_lines.filter(status=InvoiceStatus.APPROVED))
    if query.month:
        year, month = (int(part) for part in query.month.split("-"))
        if not 1 <= month <= 12:
            raise ValidationError({"month": _("Mes no válido (AAAA-MM).")})
        lines = lines.filter(month=date(year, month, 1))
    audit_record(actor=actor, action=Action.EXPORT, target=contract, reason="ledes")
    content = ledes.ledes_1998b(lines.select_related("office", "referral", "submitted_by"),
                                invoice_date=actor.office.local_today())  # fmt: skip
    return HttpResponse(content, content_type="text/plain; charset=utf-8")


class PaleDocumentOut(Schema):
    id: int
    referral_id: int
    name: str
    kind: str
    content_type: str
    size: int
    added_at: datetime


class PaleShareIn(Schema):
    attachment_id: RowId


def _document_out(document: ReferralDocument) -> PaleDocumentOut:
    attachment = document.attachment
    return PaleDocumentOut(
        id=document.pk, referral_id=document.referral_id, name=attachment.original_name,
        kind=attachment.kind, content_type=attachment.content_type, size=attachment.size,
        added_at=document.added_at,
    )  # fmt: skip


@router.get("/referrals/{int:referral_id}/documents", response=list[PaleDocumentOut])
def list_documents(request: HttpRequest, referral_id: RowId) -> list[PaleDocumentOut]:
    actor = acting(request)
    referral = selectors.referral_for(actor, referral_id)
    shown = visible(actor, ReferralDocument.objects.filter(referral=referral))
    return [_document_out(d) for d in shown.select_related("attachment")]


class PaleErrorOut(Schema):
    detail: str


@router.post(
    "/referrals/{int:referral_id}/documents",
    response={201: PaleDocumentOut, 422: InvalidInputOut | PaleErrorOut},
)
def upload_document(
    request: HttpRequest,
    referral_id: RowId,
    file: UploadedFile | None = OPTIONAL_FILE,  # optional: a hidden referral answers 404 first
    kind: Form[str] = AttachmentKind.OTHER.value,
) -> Any:
    """A provider's lawyer uploads a document (multipart: `file`, `kind`) to the referral."""
    actor = acting(request)
    referral = selectors.referral_for(actor, referral_id)
    if file is None:
        return Status(422, PaleErrorOut(detail=_("Adjunte un archivo en el campo «file».")))
    document = documents.document_upload(actor=actor, referral=referral, upload=file, kind=kind)
    return Status(201, _document_out(document))


@router.post("/referrals/{int:referral_id}/shared-documents", response={201: PaleDocumentOut})
def share_document(
    request: HttpRequest, referral_id: RowId, payload: PaleShareIn
) -> Status[PaleDocumentOut]:
    """The office shares one of the case's documents with the provider."""
    actor = acting(request)
    referral = selectors.referral_for(actor, referral_id, write=True)
    attachment = get_for_actor(
        actor, CaseAttachment.objects.filter(case_id=referral.case_id), payload.attachment_id
    )
    document = documents.document_share(actor=actor, referral=referral, attachment=attachment)
    return Status(201, _document_out(document))


@router.get("/documents/{int:document_id}/file", response={200: None},
            openapi_extra=FILE_RESPONSE)  # fmt: skip
def download_document(request: HttpRequest, document_id: RowId) -> FileResponse:
    actor = acting(request)
    document = get_for_actor(
        actor, ReferralDocument.objects.select_related("attachment"), document_id
    )
    audit_record(actor=actor, action=Action.VIEW, target=document)
    return attachment_response(document.attachment)


class PaleContractDocumentOut(Schema):
    id: int
    contract_id: int
    title: str
    name: str
    content_type: str
    size: int
    uploaded_at: datetime


def _contract_document_out(document: ContractDocument) -> PaleContractDocumentOut:
    return PaleContractDocumentOut(
        id=document.pk, contract_id=document.contract_id, title=document.title,
        name=document.original_name, content_type=document.content_type, size=document.size,
        uploaded_at=document.uploaded_at,
    )  # fmt: skip


@router.get("/contracts/{int:contract_id}/documents", response=list[PaleContractDocumentOut])
def list_contract_documents(
    request: HttpRequest, contract_id: RowId
) -> list[PaleContractDocumentOut]:
    actor = acting(request)
    contract = get_for_actor(actor, Contract.objects.all(), contract_id)
    found = visible(actor, ContractDocument.objects.filter(contract=contract))
    return [_contract_document_out(d) for d in found]


@router.post(
    "/contracts/{int:contract_id}/documents",
    response={201: PaleContractDocumentOut, 422: InvalidInputOut | PaleErrorOut},
)
def upload_contract_document(
    request: HttpRequest,
    contract_id: RowId,
    file: UploadedFile | None = OPTIONAL_FILE,  # optional: a hidden contract answers 404 first
    title: Form[str] = "",
) -> Any:
    """The head of the contracting office adds a document (multipart: `file`, `title`)."""
    actor = acting(request)
    contract = get_for_actor(actor, Contract.objects.all(), contract_id, write=True)
    if file is None:
        return Status(422, PaleErrorOut(detail=_("Adjunte un archivo en el campo «file».")))
    document = contract_add_document(actor=actor, contract=contract, upload=file, title=title)
    return Status(201, _contract_document_out(document))


@router.get("/contract-documents/{int:document_id}/file", response={200: None},
            openapi_extra=FILE_RESPONSE)  # fmt: skip
def download_contract_document(request: HttpRequest, document_id: RowId) -> FileResponse:
    actor = acting(request)
    document = get_for_actor(actor, ContractDocument.objects.all(), document_id)
    audit_record(actor=actor, action=Action.VIEW, target=document)
    return attachment_response(document)


class PaleCapitalDeadlineIn(Schema):
    case_id: RowId
    kind: str = Field(..., description="trial, sentencing, appeal, execution or other")
    due_on: date
    court: str = Field("", max_length=160)
    notes: str = Field("", max_length=500)


class PaleCapitalDeadlineOut(Schema):
    id: int
    case_id: int
    case_folio: str
    kind: str
    due_on: date
    court: str
    notes: str
    reminded_level: int


def _deadline_out(deadline: CapitalDeadline) -> PaleCapitalDeadlineOut:
    return PaleCapitalDeadlineOut(
        id=deadline.pk, case_id=deadline.case_id, case_folio=deadline.case.folio,
        kind=deadline.kind, due_on=deadline.due_on, court=deadline.court, notes=deadline.notes,
        reminded_level=deadline.reminded_level,
    )  # fmt: skip


@router.get("/capital-deadlines", response=list[PaleCapitalDeadlineOut])
def list_capital_deadlines(request: HttpRequest) -> list[PaleCapitalDeadlineOut]:
    """The capital cases' court dates from today on (the office's day), soonest first."""
    actor = acting(request)
    today = actor.office.local_today()
    audit_record(actor=actor, action=Action.LIST, target_type="legal.capitaldeadline")
    return [_deadline_out(d) for d in capital.deadlines_for(actor).filter(due_on__gte=today)]


@router.post("/capital-deadlines", response={201: PaleCapitalDeadlineOut})
def add_capital_deadline(
    request: HttpRequest, payload: PaleCapitalDeadlineIn
) -> Status[PaleCapitalDeadlineOut]:
    actor = acting(request)
    case = get_for_actor(actor, Case.objects.select_related("office"), payload.case_id, write=True)
    deadline = capital.deadline_add(actor=actor, case=case, kind=payload.kind,
                                    due_on=payload.due_on, court=payload.court, notes=payload.notes)  # fmt: skip
    return Status(201, _deadline_out(deadline))


class PaleReportQuery(Schema):
    year: int = Field(..., ge=2000, le=2100)


class PaleReportOut(Schema):
    year: int
    contracts: list[list[Any]] = Field(..., description="office, provider, starts, ends, "
        "referrals, hours approved, approved USD, ceiling USD, % of the ceiling")  # fmt: skip
    by_matter: list[list[Any]] = Field(..., description="office, matter, outcome, referrals")
    answers: list[list[Any]] = Field(..., description="office, provider, sent, accepted, "
        "declined, average hours to answer")  # fmt: skip


@router.get("/report", response=PaleReportOut)
def get_report(request: HttpRequest, query: Query[PaleReportQuery]) -> PaleReportOut:
    actor = acting(request)
    data = reports.report(actor, query.year)
    audit_record(actor=actor, action=Action.LIST, target_type="legal.referral", reason="report")
    return PaleReportOut(year=data.year, contracts=data.contracts, by_matter=data.by_matter,
                         answers=data.answers)  # fmt: skip
