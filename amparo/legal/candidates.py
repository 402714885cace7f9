"""Which providers a case can be referred to, ranked, each with its reasons.

A provider is a candidate when it has a contract in force with the case's office today
(for a capital case, also the capital-case program's contracts with headquarters, which
cover every county). It is eligible when it covers the beneficiary's county and the case's
matter, has free capacity and ceiling left. Among the eligible, the rank adds up what helps the national —
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
    Outcome,
    Provider,
    ProviderKind,
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
    capital = Q(provider__kind=ProviderKind.CAPITAL)
    reach = (
        (Q(office=case.office) | capital)
        if case.is_capital_case
        else (Q(office=case.office) & ~capital)
    )
    contracts = (
        Contract.objects.filter(reach, status=ContractStatus.IN_FORCE,
                                starts_on__lte=today, ends_on__gte=today, provider__is_active=True)
        .select_related("provider")
        .prefetch_related("provider__materias", "provider__counties")
        .annotate(open_count=Count("referrals", filter=Q(referrals__status__in=OPEN_STATUSES)))
        .order_by("provider__name")
    )  # fmt: skip
    person = case.beneficiary
    county = area_code(person.address_country or "US", person.address_state, person.address_county) \
        if person.address_county and person.address_state else ""  # fmt: skip
    history = _history([c.provider_id for c in contracts])
    found = []
    for contract in contracts:
        candidate = Candidate(contract.provider, contract, contract.open_count)  # type: ignore[attr-defined]
        _judge_coverage(candidate, case, county)
        _judge_room(candidate)
        _judge_record(candidate, person.languages or ["es"], history.get(contract.provider_id))
        found.append(candidate)
    return sorted(found, key=lambda c: (not c.eligible, -c.score, c.load, c.provider.name))


def _judge_coverage(candidate: Candidate, case: Case, county: str) -> None:
    """The county and the matter: a provider must cover both."""
    provider = candidate.provider
    if provider.kind == ProviderKind.CAPITAL:
        candidate.score += 10
        candidate.reasons.append(_("programa de casos de pena capital, en todo el país"))
    elif county and county in {a.code for a in provider.counties.all()}:
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


def _judge_room(candidate: Candidate) -> None:
    """Free capacity, and ceiling left on the contract."""
    contract = candidate.contract
    if candidate.open_referrals >= contract.capacity:
        candidate.refusals.append(_("No tiene capacidad disponible."))
    left = contract.ceiling - contract.approved_total
    if left <= 0:
        candidate.refusals.append(_("El contrato ya no tiene techo disponible."))
    else:
        share = left * 100 // contract.ceiling
        candidate.reasons.append(_("le queda %(share)s%% del techo") % {"share": share})


def _judge_record(candidate: Candidate, languages: list[str], past: "History | None") -> None:
    """The national's language, and how the provider answered and ended referrals before."""
    if set(candidate.provider.languages.split(",")) & set(languages):
        candidate.score += 1
        candidate.reasons.append(_("habla la lengua de la persona"))
    if past is None:
        return
    if past.answered:
        candidate.reasons.append(
            _("aceptó %(accepted)s de %(answered)s")
            % {"accepted": past.accepted, "answered": past.answered}
        )
        if past.accepted / past.answered >= 0.8:
            candidate.score += 1
    if past.hours is not None and past.hours <= 24:
        candidate.score += 1
        candidate.reasons.append(_("responde en menos de un día"))
    if past.concluded:
        candidate.reasons.append(
            _("%(favourable)s de %(concluded)s concluidas con resultado favorable")
            % {"favourable": past.favourable, "concluded": past.concluded}
        )
        if past.favourable / past.concluded >= 0.5:
            candidate.score += 1


@dataclass(frozen=True)
class History:
    """A provider's last year of referrals."""

    accepted: int
    answered: int
    hours: float | None  # average hours to answer
    favourable: int
    concluded: int


FAVOURABLE = (
    Outcome.RELEASED_ON_BOND, Outcome.RELIEF_GRANTED, Outcome.CHARGES_DISMISSED,
    Outcome.ACQUITTED, Outcome.SETTLEMENT,
)  # fmt: skip


def _history(provider_ids: list[int]) -> dict[int, History]:
    since = timezone.now() - timedelta(days=365)
    rows = (
        Referral.objects.filter(provider_id__in=provider_ids, sent_at__gte=since, answered_at__isnull=False)
        .values("provider_id")
        .annotate(
            answered=Count("id"),
            accepted=Count("id", filter=~Q(status=ReferralStatus.DECLINED)),
            wait=Avg(F("answered_at") - F("sent_at")),
            concluded=Count("id", filter=Q(status=ReferralStatus.CONCLUDED)),
            favourable=Count("id", filter=Q(status=ReferralStatus.CONCLUDED, outcome__in=FAVOURABLE)),
        )
    )  # fmt: skip
    return {
        row["provider_id"]: History(
            accepted=row["accepted"], answered=row["answered"],
            hours=row["wait"].total_seconds() / 3600 if row["wait"] is not None else None,
            favourable=row["favourable"], concluded=row["concluded"],
        )
        for row in rows
    }  # fmt: skip
