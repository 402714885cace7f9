"""The PALE network's writes: providers and their lawyers, contracts, and referrals from a
case — sent with consent and the minimum shared, answered, reported on and concluded by the
provider, or revoked by the office. Each write in one transaction with its audit record."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import get_for_actor, may_write, may_write_office
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role, User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case, EventKind, Materia
from amparo.cases.services._common import record_event
from amparo.core.text import clean_text
from amparo.detention.models import FollowUpKind
from amparo.detention.visits import follow_ups_met
from amparo.legal.candidates import candidates_for, forget_history
from amparo.legal.models import (
    OPEN_STATUSES,
    OPEN_TO_PROVIDER,
    ConsentKind,
    Contract,
    ContractStatus,
    Outcome,
    Provider,
    ProviderKind,
    ProviderLawyer,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    UpdateKind,
)
from amparo.legal.permissions import is_lawyer_of, may_manage, may_override_consent
from amparo.network.models import JurisdictionArea, Office

# What an officer may choose to share, field by field; the provider sees only those chosen.
SHAREABLE = ("name", "a_number", "date_of_birth", "languages", "county", "summary", "materia")


def provider_create(
    *, actor: Actor, office: Office, name: str, kind: str, materias: list[Materia],
    counties: list[JurisdictionArea], languages: str = "es,en", phone: str = "", email: str = "",
) -> Provider:  # fmt: skip
    if not may_write_office(actor, office.pk) or actor.role not in (
        Role.HEAD_OF_OFFICE,
        Role.CENTRAL_ADMIN,
    ):
        raise PermissionDenied
    if kind not in ProviderKind.values:
        raise ValidationError({"kind": _("Tipo de proveedor no válido.")})
    provider = Provider(
        name=clean_text(name, "name", required=True, limit=160), kind=kind, office=office,
        languages=clean_text(languages, "languages", required=False, limit=120) or "es",
        phone=clean_text(phone, "phone", required=False, limit=40), email=(email or "").strip(),
    )  # fmt: skip
    if Provider.objects.filter(name__iexact=provider.name).exists():
        raise ValidationError({"name": _("Ya hay un proveedor con ese nombre.")})
    with transaction.atomic():
        provider.save()
        provider.materias.set(materias)
        provider.counties.set(counties)
        audit_record(actor=actor, action=Action.CREATE, target=provider)
    return provider


def lawyer_attach(*, actor: Actor, provider: Provider, user: User) -> ProviderLawyer:
    """Give a user with the external-lawyer role access to the provider's referrals."""
    if not may_write(actor, provider):
        raise PermissionDenied
    if not user.memberships.filter(role=Role.EXTERNAL_LAWYER, is_active=True).exists():
        raise ValidationError({"user": _("La persona debe tener el rol de abogado externo.")})
    if ProviderLawyer.objects.filter(user=user).exists():
        raise ValidationError({"user": _("Esa persona ya trabaja para un proveedor.")})
    with transaction.atomic():
        lawyer = ProviderLawyer.objects.create(provider=provider, user=user)
        audit_record(actor=actor, action=Action.CREATE, target=lawyer)
    return lawyer


def contract_create(
    *, actor: Actor, provider: Provider, office: Office, starts_on: date, ends_on: date,
    ceiling: int, capacity: int, renews: Contract | None = None,
) -> Contract:  # fmt: skip
    if not may_write_office(actor, office.pk) or actor.role not in (
        Role.HEAD_OF_OFFICE,
        Role.CENTRAL_ADMIN,
    ):
        raise PermissionDenied
    errors = {}
    if ends_on < starts_on:
        errors["ends_on"] = _("El contrato no puede terminar antes de empezar.")
    if type(ceiling) is not int or not 0 < ceiling <= 100_000_000_00:
        errors["ceiling"] = _("El techo debe ser un número entero de centavos mayor que cero.")
    if type(capacity) is not int or not 0 < capacity <= 10_000:
        errors["capacity"] = _("La capacidad debe ser un número entero mayor que cero.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        contract = Contract.objects.create(
            office=office, provider=provider, starts_on=starts_on, ends_on=ends_on,
            ceiling=ceiling, capacity=capacity, created_by=actor.user, created_at=timezone.now(),
            renews=renews,
        )  # fmt: skip
        audit_record(actor=actor, action=Action.CREATE, target=contract,
                     reason=f"renews {renews.pk}" if renews else "")  # fmt: skip
    return contract


def contract_set_status(*, actor: Actor, contract: Contract, status: str) -> Contract:
    """draft → in force → expired or terminated (ending one cuts its provider's access to
    its referrals). A renewal put in force takes over from the contract it renews: that
    one expires and its referrals still open to the provider move to the renewal."""
    allowed: dict[str, set[str]] = {
        ContractStatus.DRAFT: {ContractStatus.IN_FORCE, ContractStatus.TERMINATED},
        ContractStatus.IN_FORCE: {ContractStatus.EXPIRED, ContractStatus.TERMINATED},
    }
    if not may_manage(actor, contract):
        raise PermissionDenied
    if status not in allowed.get(contract.status, set()):
        raise ValidationError({"status": _("Ese cambio de estatus no es posible.")})
    with transaction.atomic():
        contract.status = status
        contract.save(update_fields=["status"])
        audit_record(actor=actor, action=Action.UPDATE, target=contract, reason=status)
        if status == ContractStatus.IN_FORCE and contract.renews_id:
            _take_over(actor, contract)
    return contract


def _take_over(actor: Actor, renewal: Contract) -> None:
    previous = Contract.objects.select_for_update().get(renewal=renewal)
    moved = Referral.objects.filter(contract=previous, status__in=OPEN_TO_PROVIDER).update(
        contract=renewal
    )
    if previous.status == ContractStatus.IN_FORCE:
        previous.status = ContractStatus.EXPIRED
        previous.save(update_fields=["status"])
    audit_record(actor=actor, action=Action.UPDATE, target=previous,
                 reason=f"renewed by {renewal.pk}; {moved} referrals moved")  # fmt: skip


@dataclass(frozen=True)
class Consent:
    kind: str
    detail: str = ""  # the signed form's reference, the witness, or the override's reason


def referral_send(
    *, actor: Actor, case: Case, provider: Provider, consent: Consent, share: list[str]
) -> Referral:
    """Refer the case to the provider under its contract in force with the case's office.
    Refused, with the reason, when the provider does not cover the case's county or matter,
    has no free capacity or no ceiling left."""
    case = get_for_actor(actor, Case.objects.select_related("office", "beneficiary", "subtype__materia"),
                         case.pk, write=True)  # fmt: skip
    _check_consent(actor, consent)
    unknown = set(share) - set(SHAREABLE)
    if unknown or not share:
        raise ValidationError({"share": _("Elija al menos un dato para compartir.")})
    candidate = next((c for c in candidates_for(case) if c.offer.provider_id == provider.pk), None)
    if candidate is None:
        raise ValidationError(
            {"provider": _("Ese proveedor no tiene un contrato vigente con la representación.")}
        )
    if not candidate.eligible:
        raise ValidationError({"provider": " ".join(candidate.refusals)})
    with transaction.atomic():
        # Capacity is counted again under the contract's row lock: two officers referring
        # at once cannot both take the last place.
        contract = Contract.objects.select_for_update().get(pk=candidate.offer.contract_id)
        if contract.referrals.filter(status__in=OPEN_STATUSES).count() >= contract.capacity:
            raise ValidationError({"provider": _("El proveedor no tiene capacidad disponible.")})
        referral = Referral.objects.create(
            case=case, office=case.office, provider=provider, contract=contract,
            shared=json.dumps(_shared(case, share), ensure_ascii=False), consent=consent.kind,
            consent_detail=consent.detail.strip()[:240], sent_by=actor.user, sent_at=timezone.now(),
        )  # fmt: skip
        audit_record(actor=actor, action=Action.CREATE, target=referral)
        on_case_timeline(actor, referral, "sent")
        # The national asked for a lawyer on a visit: the referral is what that asked for.
        follow_ups_met(actor=actor, case_id=case.pk, kind=FollowUpKind.PALE_REFERRAL)
    return referral


def _forget_history(provider_id: int) -> None:
    """The ranking reads this provider's history again: now, and once committed (a ranking
    read in between may have cached the history before this change)."""
    forget_history(provider_id)
    transaction.on_commit(partial(forget_history, provider_id))


def on_case_timeline(actor: Actor, referral: Referral, step: str, **details: str) -> None:
    """A line on the case's timeline for a step of the referral (timeline.PALE_STEPS):
    the provider's name and the step, never what the provider wrote."""
    record_event(
        case=referral.case, kind=EventKind.PALE, actor=actor,
        payload={"referral": referral.pk, "provider": referral.provider.name, "step": step,
                 **details},
    )  # fmt: skip


def _check_consent(actor: Actor, consent: Consent) -> None:
    if consent.kind not in ConsentKind.values:
        raise ValidationError({"consent": _("Indique cómo consintió la persona.")})
    if not consent.detail.strip():
        messages: dict[str, str] = {
            ConsentKind.SIGNED_FORM: _("Indique la referencia del formato firmado."),
            ConsentKind.VERBAL: _("Indique quién fue testigo del consentimiento verbal."),
            ConsentKind.OVERRIDE: _("Indique el motivo para canalizar sin consentimiento."),
        }
        raise ValidationError({"consent_detail": messages[consent.kind]})
    if consent.kind == ConsentKind.OVERRIDE and not may_override_consent(actor):
        raise ValidationError({"consent": _("Solo el titular puede canalizar sin consentimiento.")})


def _shared(case: Case, share: list[str]) -> dict[str, Any]:
    person = case.beneficiary
    values = {
        "name": person.full_name,
        "a_number": person.a_number,
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else "",
        "languages": person.language_labels,
        "county": ", ".join(p for p in (person.address_county, person.address_state) if p),
        "summary": case.summary,
        "materia": case.subtype.materia.label,
    }
    return {name: values[name] for name in SHAREABLE if name in share}


def shared_fields(referral: Referral) -> dict[str, Any]:
    return json.loads(referral.shared or "{}")


def _lawyer_step(actor: Actor, referral: Referral, expected: tuple[str, ...]) -> Referral:
    if not is_lawyer_of(actor, referral):
        raise PermissionDenied
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.status not in expected:
        raise ValidationError({"status": _("La canalización ya no está en esa etapa.")})
    return locked


def referral_answer(
    *, actor: Actor, referral: Referral, accept: bool, reason: str = ""
) -> Referral:
    """The provider accepts, or declines with a reason."""
    reason = clean_text(reason, "reason", required=not accept, limit=240)
    with transaction.atomic():
        referral = _lawyer_step(actor, referral, (ReferralStatus.SENT,))
        referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
        referral.answered_at, referral.decline_reason = timezone.now(), reason
        referral.save(update_fields=["status", "answered_at", "decline_reason"])
        audit_record(actor=actor, action=Action.UPDATE, target=referral, reason=referral.status)
        on_case_timeline(actor, referral, referral.status)
        _forget_history(referral.provider_id)
    return referral


def referral_report(
    *, actor: Actor, referral: Referral, text: str = "", hearing_at: datetime | None = None
) -> ReferralUpdate:
    """A note, or a hearing date, from the provider; the first report starts the work."""
    if not text.strip() and hearing_at is None:
        raise ValidationError({"text": _("Escriba la nota o indique la audiencia.")})
    with transaction.atomic():
        referral = _lawyer_step(
            actor, referral, (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)
        )
        update = ReferralUpdate.objects.create(
            referral=referral, kind=UpdateKind.HEARING if hearing_at else UpdateKind.NOTE,
            text=clean_text(text, "text", required=False), hearing_at=hearing_at,
            author=actor.user, at=timezone.now(),
        )  # fmt: skip
        if referral.status == ReferralStatus.ACCEPTED:
            referral.status = ReferralStatus.IN_PROGRESS
            referral.save(update_fields=["status"])
        audit_record(actor=actor, action=Action.CREATE, target=update)
        if hearing_at is not None:
            local = hearing_at.astimezone(referral.office.zone)
            on_case_timeline(actor, referral, "hearing", day=local.strftime("%Y-%m-%dT%H:%M"))
    return update


def referral_conclude(
    *, actor: Actor, referral: Referral, outcome: str, detail: str = ""
) -> Referral:
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Resultado no válido.")})
    with transaction.atomic():
        referral = _lawyer_step(
            actor, referral, (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)
        )
        referral.status, referral.outcome = ReferralStatus.CONCLUDED, outcome
        referral.outcome_detail = clean_text(detail, "detail", required=False, limit=240)
        referral.concluded_at = timezone.now()
        referral.save(update_fields=["status", "outcome", "outcome_detail", "concluded_at"])
        audit_record(actor=actor, action=Action.UPDATE, target=referral, reason="concluded")
        on_case_timeline(actor, referral, "concluded", outcome=outcome)
        _forget_history(referral.provider_id)
    return referral


def referral_revoke(*, actor: Actor, referral: Referral, reason: str) -> Referral:
    """The office takes the referral back: the provider loses access at its next request."""
    if not may_write(actor, referral):
        raise PermissionDenied
    reason = clean_text(reason, "reason", required=True, limit=240)
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if referral.status not in OPEN_STATUSES:
            raise ValidationError({"status": _("Solo se revoca una canalización abierta.")})
        referral.status = ReferralStatus.REVOKED
        referral.save(update_fields=["status"])
        audit_record(
            actor=actor, action=Action.UPDATE, target=referral, reason=f"revoked: {reason}"
        )
        on_case_timeline(actor, referral, "revoked")
    return referral
