"""Which providers a case can be referred to, ranked, each with its reasons.

A provider is a candidate when it has a contract in force with the case's office today. It
is eligible when it covers the beneficiary's county and the case's matter, has free
capacity and ceiling left. Among the eligible, the rank adds up what helps the national —
speaking their language, accepting often and fast — and then spreads work by weight (the
UK Civil Legal Aid allocation's rotation): the provider with the smallest share of its
capacity used goes first."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Avg, Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.cases.models import Case
from amparo.legal.models import (
    OPEN_STATUSES,
    Contract,
    ContractStatus,
    Provider,
    Referral,
    ReferralStatus,
)
from amparo.network.jurisdiction import area_code


@dataclass
class Candidate:
    provider: Provider
    contract: Contract
    open_referrals: int
    reasons: list[str] = field(default_factory=list)  # why it ranks where it does
    refusals: list[str] = field(default_factory=list)  # why it cannot take the case
    score: int = 0

    @property
    def eligible(self) -> bool:
        return not self.refusals

    @property
    def load(self) -> float:
        return self.open_referrals / self.contract.capacity


def candidates_for(case: Case) -> list[Candidate]:
    """Every provider under contract with the case's office, eligible ones first, best first."""
    today = case.office.local_today()
    contracts = (
        Contract.objects.filter(office=case.office, status=ContractStatus.IN_FORCE,
                                starts_on__lte=today, ends_on__gte=today, provider__is_active=True)
        .select_related("provider")
        .prefetch_related("provider__materias", "provider__counties")
        .annotate(open_count=Count("referrals", filter=Q(referrals__status__in=OPEN_STATUSES)))
        .order_by("provider__name")
    )  # fmt: skip
    person = case.beneficiary
    county = area_code(person.address_country or "US", person.address_state, person.address_county) \
        if person.address_county and person.address_state else ""  # fmt: skip
    history = _acceptance_history([c.provider_id for c in contracts])
    found = []
    for contract in contracts:
        provider = contract.provider
        candidate = Candidate(provider, contract, contract.open_count)  # type: ignore[attr-defined]
        if county and county in {a.code for a in provider.counties.all()}:
            candidate.score += 3
            candidate.reasons.append(_("atiende el condado"))
        elif county:
            candidate.refusals.append(_("No atiende el condado de la persona."))
        else:
            candidate.reasons.append(_("condado de la persona desconocido"))
        if case.subtype.materia_id in {m.pk for m in provider.materias.all()}:
            candidate.score += 3
            candidate.reasons.append(_("atiende la materia"))
        else:
            candidate.refusals.append(_("No atiende la materia del caso."))
        if candidate.open_referrals >= contract.capacity:
            candidate.refusals.append(_("No tiene capacidad disponible."))
        spoken = set(provider.languages.split(",")) & set(person.languages or ["es"])
        if spoken:
            candidate.score += 1
            candidate.reasons.append(_("habla la lengua de la persona"))
        accepted, answered, hours = history.get(provider.pk, (0, 0, None))
        if answered:
            candidate.reasons.append(
                _("aceptó %(accepted)s de %(answered)s")
                % {"accepted": accepted, "answered": answered}
            )
            if accepted / answered >= 0.8:
                candidate.score += 1
        if hours is not None and hours <= 24:
            candidate.score += 1
            candidate.reasons.append(_("responde en menos de un día"))
        found.append(candidate)
    return sorted(found, key=lambda c: (not c.eligible, -c.score, c.load, c.provider.name))


def _acceptance_history(provider_ids: list[int]) -> dict[int, tuple[int, int, float | None]]:
    """(accepted, answered, average hours to answer) per provider, over the last year."""
    since = timezone.now() - timedelta(days=365)
    rows = (
        Referral.objects.filter(provider_id__in=provider_ids, sent_at__gte=since, answered_at__isnull=False)
        .values("provider_id")
        .annotate(
            answered=Count("id"),
            accepted=Count("id", filter=~Q(status=ReferralStatus.DECLINED)),
            wait=Avg(F("answered_at") - F("sent_at")),
        )
    )  # fmt: skip
    return {
        row["provider_id"]: (
            row["accepted"], row["answered"],
            row["wait"].total_seconds() / 3600 if row["wait"] is not None else None,
        )
        for row in rows
    }  # fmt: skip
