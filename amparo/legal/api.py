"""PALE API (/api/v1/legal/): providers, their lawyers and contracts; a case's ranked
candidates; referrals sent by the office and answered, reported on and concluded by the
provider's lawyers, who read only the referrals open to them and only the shared fields.
Errors are {"detail": "..."}: 403, 404 (missing and hidden alike), 422."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import BaseModel

from amparo.accounts.access import get_for_actor, holds, visible
from amparo.accounts.access.rules import Grant
from amparo.accounts.actor import acting
from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case, Materia
from amparo.core.api_types import RowId
from amparo.core.paging import ConvertedPage, each
from amparo.legal import invoices, renewals, selectors, services
from amparo.legal.api_follow_up import router as follow_up_router
from amparo.legal.api_providers import router as providers_router
from amparo.legal.candidates import candidates_for
from amparo.legal.deadlines import answer_due
from amparo.legal.models import (
    ConsentKind,
    Contract,
    ContractStatus,
    InvoiceLine,
    InvoiceStatus,
    Outcome,
    Provider,
    ProviderKind,
    Referral,
    ReferralStatus,
    ServiceLevel,
)
from amparo.legal.permissions import is_lawyer_of
from amparo.network.models import JurisdictionArea

router = Router(tags=["legal"])
router.add_router("", follow_up_router)
router.add_router("", providers_router)


class PaleProviderIn(Schema):
    name: str = Field(..., min_length=1, max_length=160)
    kind: ProviderKind
    materia_codes: list[str] = Field(..., min_length=1, max_length=20)
    county_codes: list[str] = Field(
        [], max_length=500, description="By default the office's counties."
    )
    languages: str = Field("es,en", max_length=120)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)


class PaleProviderOut(Schema):
    id: int
    name: str
    kind: ProviderKind
    office_code: str
    materias: list[str]
    languages: str


class PaleLawyerIn(Schema):
    user_id: RowId


class PaleContractIn(Schema):
    starts_on: date
    ends_on: date
    ceiling: int = Field(..., description="Cents of a US dollar.")
    capacity: int


class PaleContractOut(Schema):
    id: int
    provider_id: int
    office_code: str
    starts_on: date
    ends_on: date
    ceiling: int
    capacity: int
    status: ContractStatus
    renews_id: int | None = Field(None, description="The contract this one renews.")


class PaleContractStatusIn(Schema):
    status: str


# The two lists the bench times are plain pydantic models, not ninja Schema (whose Django
# getter wraps every row): measured 1.1 ms less for 33 candidates, 0.6 ms for 50 referrals.
class PaleCandidateOut(BaseModel):
    provider_id: int
    provider_name: str
    eligible: bool
    score: int
    open_referrals: int
    capacity: int
    reasons: list[str]
    refusals: list[str]


class PaleReferralIn(Schema):
    case_id: RowId
    provider_id: RowId
    consent: ConsentKind
    consent_detail: str = Field(..., min_length=1, max_length=240)
    share: list[str] = Field(..., min_length=1, max_length=10)


class PaleReferralOut(BaseModel):
    id: int
    office_code: str
    provider_id: int
    status: ReferralStatus
    sent_at: datetime
    shared: dict[str, Any]
    outcome: str
    case_folio: str | None = Field(None, description="Only for the office; never for the provider.")
    answer_due: datetime | None = Field(
        None, description="While sent: the end of the provider's two business days to answer."
    )


class PaleAnswerIn(Schema):
    accept: bool
    reason: str = Field("", max_length=240)


class PaleReportIn(Schema):
    text: str = Field("", max_length=10_000)
    hearing_at: datetime | None = None


class PaleConclusionIn(Schema):
    outcome: Outcome
    detail: str = Field("", max_length=240)


class PaleRevocationIn(Schema):
    reason: str = Field(..., min_length=1, max_length=240)


def _provider_out(provider: Any) -> PaleProviderOut:
    return PaleProviderOut(
        id=provider.pk, name=provider.name, kind=ProviderKind(provider.kind),
        office_code=provider.office.code, materias=[m.code for m in provider.materias.all()],
        languages=provider.languages,
    )  # fmt: skip


def _contract_out(contract: Contract) -> PaleContractOut:
    return PaleContractOut(
        id=contract.pk, provider_id=contract.provider_id, office_code=contract.office.code,
        starts_on=contract.starts_on, ends_on=contract.ends_on, ceiling=contract.ceiling,
        capacity=contract.capacity, status=ContractStatus(contract.status),
        renews_id=contract.renews_id,
    )  # fmt: skip


def _referral_out(request: HttpRequest, referral: Referral) -> PaleReferralOut:
    return _referral_out_for(referral, lawyer=is_lawyer_of(acting(request), referral))


def _referral_out_for(referral: Referral, *, lawyer: bool) -> PaleReferralOut:
    """A provider's lawyer never gets the case's folio."""
    return PaleReferralOut(
        id=referral.pk, office_code=referral.office.code, provider_id=referral.provider_id,
        status=ReferralStatus(referral.status), sent_at=referral.sent_at,
        shared=services.shared_fields(referral), outcome=referral.outcome,
        case_folio=None if lawyer else referral.case.folio,
        answer_due=answer_due(referral.sent_at, referral.office)
        if referral.status == ReferralStatus.SENT else None,
    )  # fmt: skip


def _office_referral_out(referral: Referral) -> PaleReferralOut:
    return _referral_out_for(referral, lawyer=False)


def _portal_out(rows: list[selectors.PortalRow]) -> list[PaleReferralOut]:
    """A page of a provider's referrals, never with the case's folio."""
    return [
        PaleReferralOut(
            id=row.pk, office_code=row.office.code, provider_id=row.provider_id,
            status=ReferralStatus(row.status), sent_at=row.sent_at, shared=row.fields,
            outcome=row.outcome, case_folio=None, answer_due=row.answer_due,
        )
        for row in rows
    ]  # fmt: skip


@router.get("/providers", response=list[PaleProviderOut])
def list_providers(request: HttpRequest) -> list[PaleProviderOut]:
    return [_provider_out(p) for p in selectors.providers_for(acting(request))]


@router.post("/providers", response={201: PaleProviderOut})
def create_provider(request: HttpRequest, payload: PaleProviderIn) -> Status[PaleProviderOut]:
    actor = acting(request)
    materias = list(Materia.objects.filter(code__in=payload.materia_codes))
    if len(materias) != len(set(payload.materia_codes)):
        raise ValidationError({"materia_codes": _("Materia desconocida.")})
    counties = JurisdictionArea.objects.filter(
        code__in=payload.county_codes) if payload.county_codes else JurisdictionArea.objects.filter(office=actor.office)  # fmt: skip
    provider = services.provider_create(
        actor=actor, office=actor.office, name=payload.name, kind=payload.kind,
        materias=materias, counties=list(counties), languages=payload.languages,
        phone=payload.phone, email=payload.email,
    )  # fmt: skip
    return Status(201, _provider_out(provider))


@router.post("/providers/{int:provider_id}/lawyers", response={201: PaleProviderOut})
def attach_lawyer(
    request: HttpRequest, provider_id: RowId, payload: PaleLawyerIn
) -> Status[PaleProviderOut]:
    actor = acting(request)
    provider = selectors.provider_for(actor, provider_id)
    user = User.objects.filter(pk=payload.user_id, is_active=True).first()
    if user is None:
        raise ValidationError({"user_id": _("Usuario desconocido.")})
    services.lawyer_attach(actor=actor, provider=provider, user=user)
    return Status(201, _provider_out(provider))


@router.post("/providers/{int:provider_id}/contracts", response={201: PaleContractOut})
def create_contract(
    request: HttpRequest, provider_id: RowId, payload: PaleContractIn
) -> Status[PaleContractOut]:
    actor = acting(request)
    contract = services.contract_create(
        actor=actor, provider=selectors.provider_for(actor, provider_id), office=actor.office,
        starts_on=payload.starts_on, ends_on=payload.ends_on, ceiling=payload.ceiling,
        capacity=payload.capacity,
    )  # fmt: skip
    return Status(201, _contract_out(contract))


@router.get("/providers/{int:provider_id}/contracts", response=list[PaleContractOut])
def list_contracts(request: HttpRequest, provider_id: RowId) -> list[PaleContractOut]:
    actor = acting(request)
    provider = selectors.provider_for(actor, provider_id)
    return [_contract_out(c) for c in selectors.contracts_of(actor, provider)]


@router.post("/contracts/{int:contract_id}/renewal", response={201: PaleContractOut})
def renew_contract(
    request: HttpRequest, contract_id: RowId, payload: PaleContractIn
) -> Status[PaleContractOut]:
    """A draft renewing the contract, with its fee schedule; putting it in force ends the
    old one and moves the referrals still open to the provider."""
    actor = acting(request)
    contract = get_for_actor(
        actor, Contract.objects.select_related("office", "provider"), contract_id, write=True
    )
    renewal = renewals.contract_renew(
        actor=actor, contract=contract, starts_on=payload.starts_on, ends_on=payload.ends_on,
        ceiling=payload.ceiling, capacity=payload.capacity,
    )  # fmt: skip
    return Status(201, _contract_out(renewal))


@router.post("/contracts/{int:contract_id}/status", response=PaleContractOut)
def set_contract_status(
    request: HttpRequest, contract_id: RowId, payload: PaleContractStatusIn
) -> PaleContractOut:
    actor = acting(request)
    contract = get_for_actor(actor, Contract.objects.select_related("office"), contract_id)
    return _contract_out(
        services.contract_set_status(actor=actor, contract=contract, status=payload.status)
    )


@router.get("/cases/{int:case_id}/candidates", response=list[PaleCandidateOut])
def list_candidates(request: HttpRequest, case_id: RowId) -> list[PaleCandidateOut]:
    """The providers under contract with the case's office, eligible first, best first,
    each with why it ranks there and why it cannot take the case."""
    actor = acting(request)
    case = selectors.case_to_refer(actor, case_id)
    return [
        PaleCandidateOut(
            provider_id=c.offer.provider_id, provider_name=c.offer.provider_name,
            eligible=c.eligible, score=c.score, open_referrals=c.offer.open_referrals,
            capacity=c.offer.capacity,
            reasons=[str(r) for r in c.reasons], refusals=[str(r) for r in c.refusals],
        )
        for c in candidates_for(case)
    ]  # fmt: skip


@router.get("/referrals", response=list[PaleReferralOut])
@paginate
def list_referrals(request: HttpRequest) -> list[PaleReferralOut]:
    """The office's referrals; for a provider's lawyer, those open to their provider."""
    actor = acting(request)
    audit_record(actor=actor, action=Action.LIST, target_type="legal.referral")
    # Whoever holds the grant reads only referrals open to their provider (the rulebook).
    lawyer = holds(actor, Grant.PALE_REFERRAL)
    if lawyer:
        return ConvertedPage(selectors.PortalList(actor), _portal_out)  # type: ignore[return-value]
    found = selectors.referrals_for(actor).order_by("-sent_at", "-id")
    return ConvertedPage(found, each(_office_referral_out))  # type: ignore[return-value]


@router.post("/referrals", response={201: PaleReferralOut})
def send_referral(request: HttpRequest, payload: PaleReferralIn) -> Status[PaleReferralOut]:
    actor = acting(request)
    case = get_for_actor(actor, Case.objects.all(), payload.case_id, write=True)
    # A provider's name is no secret; whether it may take the case is the service's answer.
    provider = Provider.objects.filter(pk=payload.provider_id).first()
    if provider is None:
        raise ValidationError({"provider_id": _("Proveedor desconocido.")})
    referral = services.referral_send(
        actor=actor, case=case, provider=provider, share=payload.share,
        consent=services.Consent(payload.consent, payload.consent_detail),
    )  # fmt: skip
    return Status(201, _referral_out(request, selectors.referral_for(actor, referral.pk)))


@router.get("/referrals/{int:referral_id}", response=PaleReferralOut)
def get_referral(request: HttpRequest, referral_id: RowId) -> PaleReferralOut:
    actor = acting(request)
    referral = selectors.referral_for(actor, referral_id)
    audit_record(actor=actor, action=Action.VIEW, target=referral)
    return _referral_out(request, referral)


@router.post("/referrals/{int:referral_id}/answer", response=PaleReferralOut)
def answer(request: HttpRequest, referral_id: RowId, payload: PaleAnswerIn) -> PaleReferralOut:
    actor = acting(request)
    services.referral_answer(actor=actor, referral=selectors.referral_for(actor, referral_id),
                             accept=payload.accept, reason=payload.reason)  # fmt: skip
    return _referral_out(request, selectors.referral_for(actor, referral_id))


@router.post("/referrals/{int:referral_id}/updates", response=PaleReferralOut)
def report(request: HttpRequest, referral_id: RowId, payload: PaleReportIn) -> PaleReferralOut:
    actor = acting(request)
    services.referral_report(actor=actor, referral=selectors.referral_for(actor, referral_id),
                             text=payload.text, hearing_at=payload.hearing_at)  # fmt: skip
    return _referral_out(request, selectors.referral_for(actor, referral_id))


@router.post("/referrals/{int:referral_id}/conclusion", response=PaleReferralOut)
def conclude(
    request: HttpRequest, referral_id: RowId, payload: PaleConclusionIn
) -> PaleReferralOut:
    actor = acting(request)
    services.referral_conclude(actor=actor, referral=selectors.referral_for(actor, referral_id),
                               outcome=payload.outcome, detail=payload.detail)  # fmt: skip
    return _referral_out(request, selectors.referral_for(actor, referral_id))


@router.post("/referrals/{int:referral_id}/revocation", response=PaleReferralOut)
def revoke(request: HttpRequest, referral_id: RowId, payload: PaleRevocationIn) -> PaleReferralOut:
    actor = acting(request)
    services.referral_revoke(actor=actor, referral=selectors.referral_for(actor, referral_id),
                             reason=payload.reason)  # fmt: skip
    return _referral_out(request, selectors.referral_for(actor, referral_id))


class PaleFeeIn(Schema):
    level: str = Field(..., description="consultation, advice or representation")
    materia_code: str = Field(..., min_length=1, max_length=40)
    hourly: int = Field(..., description="Cents of a US dollar per hour.")


class PaleFeeOut(Schema):
    level: ServiceLevel
    materia_code: str
    hourly: int


class PaleInvoiceLineIn(Schema):
    month: date = Field(..., description="Any day of the month billed.")
    level: str = Field(..., description="consultation, advice or representation")
    hours: Decimal = Field(..., gt=0, max_digits=6, decimal_places=2)
    amount: int | None = Field(
        None, description="Cents; at most hours times the fee. By default exactly that."
    )
    description: str = Field(..., min_length=1, max_length=500)


class PaleInvoiceLineOut(Schema):
    id: int
    referral_id: int
    contract_id: int
    month: date
    level: ServiceLevel
    hours: Decimal
    amount: int
    status: InvoiceStatus
    reject_reason: str


class PaleInvoiceDecisionIn(Schema):
    approve: bool
    reason: str = Field("", max_length=240)


def _line_out(line: InvoiceLine) -> PaleInvoiceLineOut:
    return PaleInvoiceLineOut(
        id=line.pk, referral_id=line.referral_id, contract_id=line.contract_id, month=line.month,
        level=ServiceLevel(line.level), hours=line.hours, amount=line.amount,
        status=InvoiceStatus(line.status), reject_reason=line.reject_reason,
    )  # fmt: skip


@router.post("/contracts/{int:contract_id}/fees", response=PaleFeeOut)
def set_fee(request: HttpRequest, contract_id: RowId, payload: PaleFeeIn) -> PaleFeeOut:
    actor = acting(request)
    contract = get_for_actor(actor, Contract.objects.all(), contract_id, write=True)
    materia = Materia.objects.filter(code=payload.materia_code).first()
    if materia is None:
        raise ValidationError({"materia_code": _("Materia desconocida.")})
    fee = invoices.fee_set(actor=actor, contract=contract, level=payload.level, materia=materia,
                           hourly=payload.hourly)  # fmt: skip
    return PaleFeeOut(level=ServiceLevel(fee.level), materia_code=materia.code, hourly=fee.hourly)


@router.post("/referrals/{int:referral_id}/invoice-lines", response={201: PaleInvoiceLineOut})
def submit_invoice_line(
    request: HttpRequest, referral_id: RowId, payload: PaleInvoiceLineIn
) -> Status[PaleInvoiceLineOut]:
    """A provider's lawyer bills a month of work on a referral."""
    actor = acting(request)
    line = invoices.invoice_submit(
        actor=actor, referral=selectors.referral_for(actor, referral_id), month=payload.month,
        level=payload.level, hours=payload.hours, amount=payload.amount,
        description=payload.description,
    )  # fmt: skip
    return Status(201, _line_out(line))


@router.get("/invoice-lines", response=list[PaleInvoiceLineOut])
@paginate
def list_invoice_lines(request: HttpRequest) -> list[PaleInvoiceLineOut]:
    actor = acting(request)
    found = visible(actor, InvoiceLine.objects.order_by("-month", "-id"))
    return ConvertedPage(found, each(_line_out))  # type: ignore[return-value]


@router.post("/invoice-lines/{int:line_id}/decision", response=PaleInvoiceLineOut)
def decide_invoice_line(
    request: HttpRequest, line_id: RowId, payload: PaleInvoiceDecisionIn
) -> PaleInvoiceLineOut:
    """The office approves (never past the contract's ceiling) or rejects, with a reason."""
    actor = acting(request)
    line = get_for_actor(actor, InvoiceLine.objects.all(), line_id, write=True)
    return _line_out(invoices.invoice_decide(actor=actor, line=line, approve=payload.approve,
                                             reason=payload.reason))  # fmt: skip
