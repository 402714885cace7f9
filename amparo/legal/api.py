"""PALE API (/api/v1/legal/): providers, their lawyers and contracts; a case's ranked
candidates; referrals sent by the office and answered, reported on and concluded by the
provider's lawyers, who read only the referrals open to them and only the shared fields.
Errors are {"detail": "..."}: 403, 404 (missing and hidden alike), 422."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import acting
from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case, Materia
from amparo.core.api_types import RowId
from amparo.legal import selectors, services
from amparo.legal.candidates import candidates_for
from amparo.legal.models import (
    ConsentKind,
    Contract,
    ContractStatus,
    Outcome,
    Provider,
    ProviderKind,
    Referral,
    ReferralStatus,
)
from amparo.legal.permissions import is_lawyer_of
from amparo.network.models import JurisdictionArea

router = Router(tags=["legal"])


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


class PaleContractStatusIn(Schema):
    status: str


class PaleCandidateOut(Schema):
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


class PaleReferralOut(Schema):
    id: int
    office_code: str
    provider_id: int
    status: ReferralStatus
    sent_at: datetime
    shared: dict[str, Any]
    outcome: str
    case_folio: str | None = Field(None, description="Only for the office; never for the provider.")


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
    )  # fmt: skip


def _referral_out(request: HttpRequest, referral: Referral) -> PaleReferralOut:
    lawyer = is_lawyer_of(acting(request), referral)
    return PaleReferralOut(
        id=referral.pk, office_code=referral.office.code, provider_id=referral.provider_id,
        status=ReferralStatus(referral.status), sent_at=referral.sent_at,
        shared=services.shared_fields(referral), outcome=referral.outcome,
        case_folio=None if lawyer else referral.case.folio,
    )  # fmt: skip


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
    case = get_for_actor(actor, Case.objects.select_related("office", "beneficiary", "subtype__materia"),
                         case_id, write=True)  # fmt: skip
    return [
        PaleCandidateOut(
            provider_id=c.provider.pk, provider_name=c.provider.name, eligible=c.eligible,
            score=c.score, open_referrals=c.open_referrals, capacity=c.contract.capacity,
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
    return [
        _referral_out(request, r)
        for r in selectors.referrals_for(actor).order_by("-sent_at", "-id")
    ]


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
