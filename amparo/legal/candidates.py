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

from django.core.cache import cache
from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

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


# What the ranking says, translated once per call (gettext is not free at 200 calls).
SAID = {
    "capital": gettext_lazy("programa de casos de pena capital, en todo el país"),
    "county": gettext_lazy("atiende el condado"),
    "no_county": gettext_lazy("No atiende el condado de la persona."),
    "unknown_county": gettext_lazy("condado de la persona desconocido"),
    "matter": gettext_lazy("atiende la materia"),
    "no_matter": gettext_lazy("No atiende la materia del caso."),
    "no_capacity": gettext_lazy("No tiene capacidad disponible."),
    "no_ceiling": gettext_lazy("El contrato ya no tiene techo disponible."),
    "ceiling": gettext_lazy("le queda %(share)s%% del techo"),
    "language": gettext_lazy("habla la lengua de la persona"),
    "accepted": gettext_lazy("aceptó %(accepted)s de %(answered)s"),
    "fast": gettext_lazy("responde en menos de un día"),
    "outcomes": gettext_lazy("%(favourable)s de %(concluded)s concluidas con resultado favorable"),
}


def candidates_for(case: Case) -> list[Candidate]:
    """Every provider under contract with the case's office, eligible ones first, best first."""
    today = case.office.local_today()
    capital = Q(provider__kind=ProviderKind.CAPITAL)
    reach = (
        (Q(office=case.office) | capital)
        if case.is_capital_case
        else (Q(office=case.office) & ~capital)
    )
    person = case.beneficiary
    county = area_code(person.address_country or "US", person.address_state, person.address_county) \
        if person.address_county and person.address_state else ""  # fmt: skip
    # Coverage and load as subqueries of the one contracts query (no prefetch, no GROUP BY).
    covering = Provider.counties.through.objects.filter(
        provider_id=OuterRef("provider_id"), jurisdictionarea__code=county
    )
    handling = Provider.materias.through.objects.filter(
        provider_id=OuterRef("provider_id"), materia_id=case.subtype.materia_id
    )
    open_referrals = (
        Referral.objects.filter(contract_id=OuterRef("pk"), status__in=OPEN_STATUSES)
        .order_by()
        .values("contract_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    contracts = (
        Contract.objects.filter(reach, status=ContractStatus.IN_FORCE,
                                starts_on__lte=today, ends_on__gte=today, provider__is_active=True)
        .select_related("provider")
        .annotate(open_count=Coalesce(Subquery(open_referrals), 0), covers_county=Exists(covering),
                  handles_matter=Exists(handling))
        .order_by("provider__name")
    )  # fmt: skip
    judge = _Judge(
        said={key: str(text) for key, text in SAID.items()}, county=county,
        languages=set(person.languages or ["es"]), history=_history([c.provider_id for c in contracts]),
    )  # fmt: skip
    found = [judge(contract) for contract in contracts]
    return sorted(found, key=lambda c: (not c.eligible, -c.score, c.load, c.provider.name))


@dataclass(frozen=True)
class _Judge:
    said: dict[str, str]
    county: str
    languages: set[str]
    history: "dict[int, History]"

    def __call__(self, contract: Contract) -> Candidate:
        candidate = Candidate(contract.provider, contract, contract.open_count)  # type: ignore[attr-defined]
        self.coverage(candidate, contract)
        self.room(candidate)
        self.record(candidate, self.history.get(contract.provider_id))
        return candidate

    def coverage(self, candidate: Candidate, contract: Contract) -> None:
        """The county and the matter: a provider must cover both."""
        said = self.said
        if candidate.provider.kind == ProviderKind.CAPITAL:
            candidate.score += 10
            candidate.reasons.append(said["capital"])
        elif self.county and contract.covers_county:  # type: ignore[attr-defined]
            candidate.score += 3
            candidate.reasons.append(said["county"])
        elif self.county:
            candidate.refusals.append(said["no_county"])
        else:
            candidate.reasons.append(said["unknown_county"])
        if contract.handles_matter:  # type: ignore[attr-defined]
            candidate.score += 3
            candidate.reasons.append(said["matter"])
        else:
            candidate.refusals.append(said["no_matter"])

    def room(self, candidate: Candidate) -> None:
        """Free capacity, and ceiling left on the contract."""
        contract = candidate.contract
        if candidate.open_referrals >= contract.capacity:
            candidate.refusals.append(self.said["no_capacity"])
        left = contract.ceiling - contract.approved_total
        if left <= 0:
            candidate.refusals.append(self.said["no_ceiling"])
        else:
            candidate.reasons.append(
                self.said["ceiling"] % {"share": left * 100 // contract.ceiling}
            )

    def record(self, candidate: Candidate, past: "History | None") -> None:
        """The national's language, and how the provider answered and ended referrals before."""
        said = self.said
        if set(candidate.provider.languages.split(",")) & self.languages:
            candidate.score += 1
            candidate.reasons.append(said["language"])
        if past is None:
            return
        if past.answered:
            candidate.reasons.append(
                said["accepted"] % {"accepted": past.accepted, "answered": past.answered}
            )
            if past.accepted / past.answered >= 0.8:
                candidate.score += 1
        if past.hours is not None and past.hours <= 24:
            candidate.score += 1
            candidate.reasons.append(said["fast"])
        if past.concluded:
            candidate.reasons.append(
                said["outcomes"] % {"favourable": past.favourable, "concluded": past.concluded}
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


# A measured shortcut (docs/decisions.md): the history is most of the ranking's SQL, and it
# changes only when the provider answers or concludes (services forget it then); the window
# of a year slides on by itself, so it is recomputed at least this often.
HISTORY_SECONDS = 300
NO_HISTORY = History(accepted=0, answered=0, hours=None, favourable=0, concluded=0)


def _history_key(provider_id: int) -> str:
    return f"legal.history.{provider_id}"


def forget_history(provider_id: int) -> None:
    """The provider answered or concluded: its next ranking reads its history again."""
    cache.delete(_history_key(provider_id))


def _history(provider_ids: list[int]) -> dict[int, History]:
    """Each provider's last year, from the cache where it is, from one query where not."""
    keys = {pk: _history_key(pk) for pk in provider_ids}
    cached = cache.get_many(list(keys.values()))
    known = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in provider_ids if pk not in known]
    if missing:
        fresh = dict.fromkeys(missing, NO_HISTORY) | _history_of(missing)
        cache.set_many({keys[pk]: past for pk, past in fresh.items()}, HISTORY_SECONDS)
        known |= fresh
    return known


def _history_of(provider_ids: list[int]) -> dict[int, History]:
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
