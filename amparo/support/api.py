"""Economic-support API (/api/v1/support/): funds with their balances, statements and
entries, deposits and office allocations, requests from cases, committee decisions (with
the exchange rate for a request in another currency), payment, a bond's life and a
repatriation's logistics. Amounts are
integers of minor units (cents). Errors are {"detail": "..."}: 403 for a role that may not,
404 for a missing or hidden record, 422 for a broken rule (not enough money, the requester
deciding, a reused idempotency key)."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.core.api_types import RowId
from amparo.network.models import Office
from amparo.support import committee, logistics, selectors, services
from amparo.support.models import (
    ApprovalLevel,
    Currency,
    Fund,
    LogisticsStep,
    PayeeKind,
    Posting,
    PostingKind,
    RequestKind,
    RequestStatus,
    SupportRequest,
)

router = Router(tags=["support"])
Amount = int  # minor units; the services refuse what is not a positive whole number


class SupportAccountOut(Schema):
    kind: str
    office_code: str | None
    debits: int
    credits: int
    balance: int


class SupportFundOut(Schema):
    id: int
    name: str
    currency: Currency
    office_code: str
    headquarters_above: int
    accounts: list[SupportAccountOut]


class SupportTransferOut(Schema):
    debit_account: str
    credit_account: str
    amount: int


class SupportPostingOut(Schema):
    id: int
    kind: str
    idempotency_key: str
    memo: str
    posted_at: datetime
    posted_by: str
    reverses_id: int | None
    transfers: list[SupportTransferOut]


class SupportDepositIn(Schema):
    amount: Amount
    idempotency_key: str = Field(..., min_length=1, max_length=80)
    cofunding: bool = False
    memo: str = Field("", max_length=240)


class SupportAllocationIn(Schema):
    office_code: str = Field(..., min_length=1, max_length=16)
    amount: Amount
    idempotency_key: str = Field(..., min_length=1, max_length=80)
    memo: str = Field("", max_length=240)


class SupportLedgerQuery(Schema):
    """Entries posted from `start` to `end` (the fund office's days, both included), of one
    kind, touching one office's allocation; every filter optional."""

    start: date | None = None
    end: date | None = None
    kind: PostingKind | None = None
    office_code: str | None = None


class SupportSummaryLineOut(Schema):
    kind: PostingKind
    label: str
    change: int
    moved: int


class SupportSummaryOut(Schema):
    start: date
    end: date
    office_code: str | None
    opening: int
    opening_available: int
    opening_committed: int
    lines: list[SupportSummaryLineOut]
    closing: int
    closing_available: int
    closing_committed: int


class SupportCoFunderIn(Schema):
    name: str = Field(..., min_length=1, max_length=160)
    amount: Amount


class SupportRequestIn(Schema):
    case_id: RowId
    fund_id: RowId
    kind: RequestKind
    amount: Amount
    payee_name: str = Field(..., min_length=1, max_length=160)
    payee_kind: PayeeKind
    justification: str = Field(..., min_length=1, max_length=10_000)
    cofunders: list[SupportCoFunderIn] = []
    currency: Currency | None = Field(None, description="By default the fund's currency.")
    document_ids: list[RowId] = Field([], description="Attachments of the same case.")


class SupportCoFunderOut(Schema):
    name: str
    amount: int


class SupportApprovalOut(Schema):
    level: ApprovalLevel
    approved: bool
    minutes_number: str
    decided_at: datetime


class SupportLogisticsOut(Schema):
    step: LogisticsStep
    label: str
    done_on: date | None
    detail: str


class SupportLogisticsIn(Schema):
    step: LogisticsStep
    done_on: date
    detail: str = Field("", max_length=240)


class SupportRequestOut(Schema):
    id: int
    case_folio: str
    office_code: str
    fund_id: int
    kind: RequestKind
    amount: int
    currency: Currency
    held_amount: int | None
    exchange_rate: Decimal | None
    ledger_office_code: str | None
    document_ids: list[int]
    logistics: list[SupportLogisticsOut]
    payee_name: str
    payee_kind: PayeeKind
    status: RequestStatus
    requested_at: datetime
    cofunders: list[SupportCoFunderOut]
    approvals: list[SupportApprovalOut]


class SupportDecisionIn(Schema):
    level: ApprovalLevel
    approved: bool
    minutes_number: str = Field(..., min_length=1, max_length=40)
    note: str = Field("", max_length=2_000)
    exchange_rate: Decimal | None = Field(
        None, description="Fund currency per unit of the request's; required to approve a "
        "request in another currency than the fund's.",
    )  # fmt: skip


class SupportBondCancelIn(Schema):
    interest: Amount = 0


def _fund_out(fund: Fund) -> SupportFundOut:
    return SupportFundOut(
        id=fund.pk, name=fund.name, currency=Currency(fund.currency),
        office_code=fund.office.code, headquarters_above=fund.headquarters_above,
        accounts=[
            SupportAccountOut(
                kind=a.kind, office_code=a.office.code if a.office else None,
                debits=a.debits, credits=a.credits, balance=a.balance,
            )
            for a in selectors.accounts_of(fund)
        ],
    )  # fmt: skip


def _posting_out(posting: Posting) -> SupportPostingOut:
    def name(account: object) -> str:
        return f"{account.kind}:{account.office_id or '-'}"  # type: ignore[attr-defined]

    return SupportPostingOut(
        id=posting.pk, kind=posting.kind, idempotency_key=posting.idempotency_key,
        memo=posting.memo, posted_at=posting.posted_at,
        posted_by=posting.posted_by.username, reverses_id=posting.reverses_id,
        transfers=[
            SupportTransferOut(
                debit_account=name(t.debit_account), credit_account=name(t.credit_account),
                amount=t.amount,
            )
            for t in posting.transfers.all()
        ],
    )  # fmt: skip


def _request_out(request: SupportRequest) -> SupportRequestOut:
    return SupportRequestOut(
        id=request.pk, case_folio=request.case.folio, office_code=request.office.code,
        fund_id=request.fund_id, kind=RequestKind(request.kind), amount=request.amount,
        currency=Currency(request.currency), held_amount=request.held_amount,
        exchange_rate=request.exchange_rate,
        ledger_office_code=request.ledger_office.code if request.ledger_office else None,
        document_ids=[document.pk for document in request.documents.all()],
        logistics=[
            SupportLogisticsOut(
                step=LogisticsStep(line.step), label=line.label,
                done_on=line.item.done_on if line.item else None,
                detail=line.item.detail if line.item else "",
            )
            for line in logistics.checklist(request)
        ],
        payee_name=request.payee_name, payee_kind=PayeeKind(request.payee_kind),
        status=RequestStatus(request.status), requested_at=request.requested_at,
        cofunders=[SupportCoFunderOut(name=c.name, amount=c.amount) for c in request.cofunders.all()],
        approvals=[
            SupportApprovalOut(
                level=ApprovalLevel(a.level), approved=a.approved,
                minutes_number=a.minutes_number, decided_at=a.decided_at,
            )
            for a in request.approvals.all()
        ],
    )  # fmt: skip


@router.get("/funds", response=list[SupportFundOut])
def list_funds(request: HttpRequest) -> list[SupportFundOut]:
    """The funds the caller's office administers (central roles: every fund)."""
    return [_fund_out(fund) for fund in selectors.funds_visible_to(acting(request))]


@router.get("/funds/{int:fund_id}", response=SupportFundOut)
def get_fund(request: HttpRequest, fund_id: RowId) -> SupportFundOut:
    actor = acting(request)
    fund = selectors.fund_for(actor, fund_id)
    audit_record(actor=actor, action=Action.VIEW, target=fund)
    return _fund_out(fund)


def _ledger_query(fund: Fund, query: SupportLedgerQuery) -> selectors.LedgerQuery:
    office = None
    if query.office_code:
        office = Office.objects.filter(
            code=query.office_code, pk__in=fund.accounts.values("office")
        ).first()
        if office is None:
            raise ValidationError(
                {"office_code": _("Esa representación no tiene asignación en el fondo.")}
            )
    if query.start and query.end and query.start > query.end:
        raise ValidationError({"end": _("La fecha final es anterior a la inicial.")})
    return selectors.LedgerQuery(query.start, query.end, query.kind, office)


@router.get("/funds/{int:fund_id}/postings", response=list[SupportPostingOut])
@paginate
def list_postings(
    request: HttpRequest, fund_id: RowId, query: Query[SupportLedgerQuery]
) -> list[SupportPostingOut]:
    """The fund's entries, oldest first, each with its transfers: all of them, or the ones
    behind one figure of the statement."""
    actor = acting(request)
    fund = selectors.fund_for(actor, fund_id)
    chosen = selectors.entries(fund, _ledger_query(fund, query))
    audit_record(actor=actor, action=Action.LIST, target_type="support.posting", reason="statement")
    return [_posting_out(posting) for posting in chosen]


@router.get("/funds/{int:fund_id}/statement", response=SupportSummaryOut)
def get_statement(
    request: HttpRequest, fund_id: RowId, query: Query[SupportLedgerQuery]
) -> SupportSummaryOut:
    """Opening balance, what each kind of entry added to the fund's money (available plus
    committed) or took from it, and closing balance, for a period (by default this year so
    far, or the whole year of the last posting of a fund with none this year) of the whole
    fund or one office's allocation. `kind` is ignored."""
    actor = acting(request)
    fund = selectors.fund_for(actor, fund_id)
    chosen = _ledger_query(fund, query)
    start, end = selectors.period(fund, chosen.start, chosen.end)
    summary = selectors.summary(fund, start, end, chosen.office)
    audit_record(actor=actor, action=Action.VIEW, target=fund, reason="statement")
    return SupportSummaryOut(
        start=summary.start, end=summary.end,
        office_code=summary.office.code if summary.office else None,
        opening=summary.opening_total, opening_available=summary.opening["available"],
        opening_committed=summary.opening["committed"],
        lines=[
            SupportSummaryLineOut(kind=PostingKind(line.kind), label=line.label,
                                  change=line.change, moved=line.moved)
            for line in summary.lines
        ],
        closing=summary.closing_total, closing_available=summary.closing["available"],
        closing_committed=summary.closing["committed"],
    )  # fmt: skip


@router.post("/funds/{int:fund_id}/allocations", response={201: SupportPostingOut})
def make_allocation(
    request: HttpRequest, fund_id: RowId, payload: SupportAllocationIn
) -> Status[SupportPostingOut]:
    """Set part of the fund's common pool aside for one office."""
    actor = acting(request)
    fund = selectors.fund_for(actor, fund_id)
    office = Office.objects.filter(code=payload.office_code).first()
    if office is None:
        raise ValidationError({"office_code": _("Representación desconocida.")})
    posting = services.allocate(
        actor=actor, fund=fund, office=office, amount=payload.amount,
        idempotency_key=payload.idempotency_key, memo=payload.memo,
    )  # fmt: skip
    return Status(201, _posting_out(posting))


@router.post("/funds/{int:fund_id}/deposits", response={201: SupportPostingOut})
def make_deposit(
    request: HttpRequest, fund_id: RowId, payload: SupportDepositIn
) -> Status[SupportPostingOut]:
    actor = acting(request)
    fund = selectors.fund_for(actor, fund_id)
    posting = services.deposit(
        actor=actor, fund=fund, amount=payload.amount, idempotency_key=payload.idempotency_key,
        cofunding=payload.cofunding, memo=payload.memo,
    )  # fmt: skip
    return Status(201, _posting_out(posting))


@router.get("/requests", response=list[SupportRequestOut])
@paginate
def list_requests(request: HttpRequest) -> list[SupportRequestOut]:
    actor = acting(request)
    audit_record(actor=actor, action=Action.LIST, target_type="support.supportrequest")
    return [_request_out(r) for r in selectors.requests_visible_to(actor)]


@router.post("/requests", response={201: SupportRequestOut})
def create_request(request: HttpRequest, payload: SupportRequestIn) -> Status[SupportRequestOut]:
    actor = acting(request)
    case = get_for_actor(actor, Case.objects.all(), payload.case_id, write=True)
    fund = selectors.funds_open_for_requests().filter(pk=payload.fund_id).first()
    if fund is None:
        raise Http404
    created = committee.request_submit(
        actor=actor, case=case, fund=fund, kind=payload.kind, amount=payload.amount,
        payee_name=payload.payee_name, payee_kind=payload.payee_kind,
        justification=payload.justification,
        cofunders=[committee.CoFunding(c.name, c.amount) for c in payload.cofunders],
        currency=payload.currency, document_ids=payload.document_ids,
    )  # fmt: skip
    return Status(201, _request_out(selectors.request_for(actor, created.pk)))


@router.get("/requests/{int:request_id}", response=SupportRequestOut)
def get_request(request: HttpRequest, request_id: RowId) -> SupportRequestOut:
    actor = acting(request)
    found = selectors.request_for(actor, request_id)
    audit_record(actor=actor, action=Action.VIEW, target=found)
    return _request_out(found)


@router.post("/requests/{int:request_id}/decisions", response=SupportRequestOut)
def decide(
    request: HttpRequest, request_id: RowId, payload: SupportDecisionIn
) -> SupportRequestOut:
    actor = acting(request)
    decided = committee.request_decide(
        actor=actor, request=selectors.request_for(actor, request_id), level=payload.level,
        approved=payload.approved, minutes_number=payload.minutes_number, note=payload.note,
        exchange_rate=payload.exchange_rate,
    )  # fmt: skip
    return _request_out(selectors.request_for(actor, decided.pk))


@router.post("/requests/{int:request_id}/payment", response=SupportRequestOut)
def pay(request: HttpRequest, request_id: RowId) -> SupportRequestOut:
    actor = acting(request)
    paid = committee.request_pay(actor=actor, request=selectors.request_for(actor, request_id))
    return _request_out(selectors.request_for(actor, paid.pk))


@router.post("/requests/{int:request_id}/bond/cancellation", response=SupportRequestOut)
def bond_cancel(
    request: HttpRequest, request_id: RowId, payload: SupportBondCancelIn
) -> SupportRequestOut:
    actor = acting(request)
    found = committee.bond_cancel(
        actor=actor, request=selectors.request_for(actor, request_id), interest=payload.interest
    )
    return _request_out(selectors.request_for(actor, found.pk))


@router.post("/requests/{int:request_id}/bond/refund", response=SupportRequestOut)
def bond_refund(request: HttpRequest, request_id: RowId) -> SupportRequestOut:
    actor = acting(request)
    found = committee.bond_refund(actor=actor, request=selectors.request_for(actor, request_id))
    return _request_out(selectors.request_for(actor, found.pk))


@router.post("/requests/{int:request_id}/bond/breach", response=SupportRequestOut)
def bond_breach(request: HttpRequest, request_id: RowId) -> SupportRequestOut:
    actor = acting(request)
    found = committee.bond_breach(actor=actor, request=selectors.request_for(actor, request_id))
    return _request_out(selectors.request_for(actor, found.pk))


@router.post("/requests/{int:request_id}/logistics", response=SupportRequestOut)
def record_logistics(
    request: HttpRequest, request_id: RowId, payload: SupportLogisticsIn
) -> SupportRequestOut:
    """Record (or correct) one item of a repatriation's checklist."""
    actor = acting(request)
    found = selectors.request_for(actor, request_id)
    logistics.logistics_record(
        actor=actor, request=found, step=payload.step, done_on=payload.done_on,
        detail=payload.detail,
    )  # fmt: skip
    return _request_out(selectors.request_for(actor, found.pk))
