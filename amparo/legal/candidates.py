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
from django.db import connection
from django.db.models import Avg, Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from amparo.cases.models import Case
from amparo.legal.models import (
    Outcome,
    ProviderKind,
    Referral,
    ReferralStatus,
)
from amparo.network.jurisdiction import area_code


@dataclass(frozen=True)
class Offer:
    """A contract in force, as the ranking reads it: one row of OFFERS_SQL."""

    contract_id: int
    provider_id: int
    provider_name: str
    provider_kind: str
    languages: str  # the provider's, comma-separated codes
    capacity: int
    ceiling: int
    approved_total: int
    open_referrals: int
    covers_county: bool  # (SQLite answers EXISTS with 1 or 0: read them as truth values)
    handles_matter: bool


@dataclass
class Candidate:
    offer: Offer
    reasons: list[str] = field(default_factory=list)  # why it ranks where it does
    refusals: list[str] = field(default_factory=list)  # why it cannot take the case
    score: int = 0

    @property
    def eligible(self) -> bool:
        return not self.refusals

    @property
    def load(self) -> float:
        return self.offer.open_referrals / self.offer.capacity


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


# A measured shortcut (docs/decisions.md): the same statement through the ORM took 2.3 ms
# more to build than to run. Who may read it is settled before: the case was read through
# the access rulebook, and only its office's contracts (for a capital case, also the
# national program's) are offered. The statuses and kinds are the models' choices
# (OPEN_STATUSES, ContractStatus.IN_FORCE, ProviderKind.CAPITAL; a test holds them equal).
OFFERS_SQL = """
SELECT c.id, p.id, p.name, p.kind, p.languages, c.capacity, c.ceiling, c.approved_total,
       (SELECT count(*) FROM legal_referral r
         WHERE r.contract_id = c.id AND r.status IN ('sent', 'accepted', 'in_progress')),
       EXISTS (SELECT 1 FROM legal_provider_counties pc
                 JOIN network_jurisdictionarea a ON a.id = pc.jurisdictionarea_id
                WHERE pc.provider_id = p.id AND a.code = %(county)s),
       EXISTS (SELECT 1 FROM legal_provider_materias m
                WHERE m.provider_id = p.id AND m.materia_id = %(materia)s)
  FROM legal_contract c JOIN legal_provider p ON p.id = c.provider_id
 WHERE c.status = 'in_force' AND c.starts_on <= %(today)s AND c.ends_on >= %(today)s
   AND p.is_active
   AND (c.office_id = %(office)s OR (%(capital)s AND p.kind = 'capital'))
   AND (p.kind <> 'capital' OR %(capital)s)
 ORDER BY p.name, c.id
"""


def offers_for(case: Case, county: str) -> list[Offer]:
    """The contracts in force that could take the case, by provider name."""
    with connection.cursor() as cursor:
        cursor.execute(OFFERS_SQL, {
            "office": case.office_id, "capital": case.is_capital_case, "county": county,
            "materia": case.subtype.materia_id, "today": case.office.local_today(),
        })  # fmt: skip
        rows = cursor.fetchall()
    return [Offer(*row) for row in rows]


def candidates_for(case: Case) -> list[Candidate]:
    """Every provider under contract with the case's office, eligible ones first, best first."""
    person = case.beneficiary
    county = area_code(person.address_country or "US", person.address_state, person.address_county) \
        if person.address_county and person.address_state else ""  # fmt: skip
    offers = offers_for(case, county)
    judge = _Judge(
        said={key: str(text) for key, text in SAID.items()}, county=county,
        languages=set(person.languages or ["es"]), history=_history([o.provider_id for o in offers]),
    )  # fmt: skip
    found = [judge(offer) for offer in offers]
    return sorted(found, key=lambda c: (not c.eligible, -c.score, c.load, c.offer.provider_name))


@dataclass(frozen=True)
class _Judge:
    said: dict[str, str]
    county: str
    languages: set[str]
    history: "dict[int, History]"

    def __call__(self, offer: Offer) -> Candidate:
        candidate = Candidate(offer)
        self.coverage(candidate)
        self.room(candidate)
        self.record(candidate, self.history.get(offer.provider_id))
        return candidate

    def coverage(self, candidate: Candidate) -> None:
        """The county and the matter: a provider must cover both."""
        said, offer = self.said, candidate.offer
        if offer.provider_kind == ProviderKind.CAPITAL:
            candidate.score += 10
            candidate.reasons.append(said["capital"])
        elif self.county and offer.covers_county:
            candidate.score += 3
            candidate.reasons.append(said["county"])
        elif self.county:
            candidate.refusals.append(said["no_county"])
        else:
            candidate.reasons.append(said["unknown_county"])
        if offer.handles_matter:
            candidate.score += 3
            candidate.reasons.append(said["matter"])
        else:
            candidate.refusals.append(said["no_matter"])

    def room(self, candidate: Candidate) -> None:
        """Free capacity, and ceiling left on the contract."""
        offer = candidate.offer
        if offer.open_referrals >= offer.capacity:
            candidate.refusals.append(self.said["no_capacity"])
        left = offer.ceiling - offer.approved_total
        if left <= 0:
            candidate.refusals.append(self.said["no_ceiling"])
        else:
            candidate.reasons.append(self.said["ceiling"] % {"share": left * 100 // offer.ceiling})

    def record(self, candidate: Candidate, past: "History | None") -> None:
        """The national's language, and how the provider answered and ended referrals before."""
        said = self.said
        if set(candidate.offer.languages.split(",")) & self.languages:
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
