"""The demo's PALE network (seed 000) and the seed_demo step `seed_legal`.

At scale 1.0:
  - 325 contracts in force in 2025: one with the national capital-case programme (MCLAP,
    signed by headquarters) and 324 with law firms, NGOs, university clinics and pro bono
    partners of the 53 US consulates and the offices in Canada — at least one per office,
    the rest in proportion to each office's share of the demo's people. Each provider
    covers its consulate's counties and one to three matters, with a fee schedule per
    service level and matter. Contracts run from 1 January 2025 to the end of next year,
    so they are in force both in 2025 and today.
  - 3,838 referrals sent in 2025 (seed 000), each from a case of its office in the
    provider's matter. Assumption, not in the seeds: seed 000 names four matters but not
    their split; we use immigration 45%, criminal 30%, labour 15%, family 10%. Every
    capital case (the demo's PENA_CAPITAL cases) goes to MCLAP and has one or two court
    dates ahead. Of the year's referrals 62% ended with an outcome, 22% are in progress,
    10% were declined and 6% revoked (assumption); the ones that were worked on have one
    to three approved monthly invoice lines priced by the fee schedule.
  - each provider has one to three bar admissions in its office's state or province (four
    in five verified during 2025) and one or two contacts.
  - a few referrals sent in the last day, waiting for their provider's answer, among them
    for the provider the demo lawyer (demo.pale.lax) works for.
Each count scales with --scale (rounded, at least MIN_SHOWN). Everything depends only on
the seed. Like the other generators, this writes rows in bulk, not audit records.
"""

import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import Role, User
from amparo.cases.models import Case, Materia
from amparo.demo.detention import _Writer, scaled
from amparo.demo.people import ELIGIBLE_KINDS, office_weights
from amparo.demo.progress import DemoDataError
from amparo.legal.capital import level_due
from amparo.legal.models import (
    BarAdmission,
    CapitalDeadline,
    ConsentKind,
    Contract,
    ContractStatus,
    DeadlineKind,
    Fee,
    InvoiceLine,
    InvoiceStatus,
    Outcome,
    Provider,
    ProviderContact,
    ProviderKind,
    ProviderLawyer,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    ServiceLevel,
    UpdateKind,
)
from amparo.legal.provider_records import BAR_REGIONS
from amparo.network.models import JurisdictionArea, Office, OfficeKind
from amparo.people.models import Person

YEAR = 2025
CONTRACTS = 325  # in force in 2025 (the issue, from the ministry's figures)
REFERRALS = 3_838  # seed 000
RECENT = 12  # sent in the last day, waiting for an answer
MIN_SHOWN = 3
DEMO_LAWYER = "demo.pale.lax"
MATTERS = (("MIGRATORIO", 0.45), ("PENAL", 0.30), ("LABORAL", 0.15), ("CIVIL_FAMILIAR", 0.10))
KINDS = (
    (ProviderKind.LAW_FIRM, 0.70), (ProviderKind.NGO, 0.15), (ProviderKind.CLINIC, 0.10),
    (ProviderKind.PRO_BONO, 0.05),
)  # fmt: skip
ENDINGS = (
    (ReferralStatus.CONCLUDED, 0.62), (ReferralStatus.IN_PROGRESS, 0.22),
    (ReferralStatus.DECLINED, 0.10), (ReferralStatus.REVOKED, 0.06),
)  # fmt: skip
OUTCOMES = {
    "MIGRATORIO": (Outcome.RELEASED_ON_BOND, Outcome.RELIEF_GRANTED, Outcome.REMOVAL_ORDER,
                   Outcome.VOLUNTARY_DEPARTURE),
    "PENAL": (Outcome.CHARGES_DISMISSED, Outcome.ACQUITTED, Outcome.CONVICTED, Outcome.SETTLEMENT),
    "LABORAL": (Outcome.SETTLEMENT, Outcome.OTHER),
    "CIVIL_FAMILIAR": (Outcome.SETTLEMENT, Outcome.OTHER),
}  # fmt: skip
HOURLY = {ServiceLevel.CONSULTATION: 100_00, ServiceLevel.ADVICE: 150_00,
          ServiceLevel.REPRESENTATION: 225_00}  # fmt: skip
SURNAMES = (
    "García", "Hernández", "López", "Martínez", "Rodríguez", "González", "Pérez", "Sánchez",
    "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Reyes",
    "Ortiz", "Gutiérrez", "Chávez", "Ruiz", "Mendoza", "Castillo", "Vargas", "Romero",
)  # fmt: skip
GIVEN_NAMES = ("Ana", "Luis", "Carmen", "Jorge", "Sofía", "Miguel", "Laura", "Daniel", "Elena")
CONTACT_ROLES = ("Socio(a) responsable", "Coordinación de casos")


def _pick[T](rng: random.Random, weighted: tuple[tuple[T, float], ...]) -> T:
    return rng.choices([value for value, _w in weighted], [w for _v, w in weighted])[0]


def seed_legal(*, scale: float, seed: int) -> str:
    if Contract.objects.exists():
        return _("ya estaban cargados")
    demo = _Demo(random.Random(f"legal:{seed}"), _Writer(), timezone.now())  # noqa: S311 - demo data
    offices = demo.offices()
    if not offices:
        raise DemoDataError(_("No hay representaciones: cargue antes la red consular."))
    with transaction.atomic():
        contracts = demo.contracts(offices, scaled(CONTRACTS, scale) - 1)
        referrals = demo.referrals(contracts, scaled(REFERRALS, scale))
        recent = demo.recent(contracts, scaled(RECENT, scale))
    return _("%(contracts)s contratos y %(referrals)s canalizaciones en 2025; %(recent)s "
             "esperan respuesta hoy") % {
        "contracts": len(contracts), "referrals": referrals, "recent": recent,
    }  # fmt: skip


@dataclass
class _Signed:
    contract: Contract
    materias: list[str]
    fees: dict[tuple[str, str], int] = field(default_factory=dict)  # (level, materia) → cents
    billed: int = 0


@dataclass
class _Demo:
    rng: random.Random
    writer: _Writer
    now: datetime

    def offices(self) -> list[tuple[Office, float]]:
        """The US consulates and the offices in Canada, each with its share of people."""
        weights = dict(office_weights())
        found = Office.objects.filter(country__in=("US", "CA"), kind__in=ELIGIBLE_KINDS,
                                      pk__in=weights).order_by("code")  # fmt: skip
        return [(office, weights[office.pk]) for office in found]

    def contracts(self, offices: list[tuple[Office, float]], count: int) -> list[_Signed]:
        """`count` office contracts (at least one per office) and the MCLAP one."""
        per_office = {office.pk: 1 for office, _w in offices}
        extra = max(0, count - len(offices))
        total = sum(w for _o, w in offices)
        for office, weight in offices:
            per_office[office.pk] += int(extra * weight / total)
        short = count - sum(per_office.values())
        for office, _w in sorted(offices, key=lambda item: -item[1])[: max(0, short)]:
            per_office[office.pk] += 1
        counties = defaultdict(list)
        for area_id, office_id in JurisdictionArea.objects.values_list("pk", "office_id"):
            counties[office_id].append(area_id)
        materias = dict(Materia.objects.values_list("code", "pk"))
        signed = []
        for office, _w in offices:
            for n in range(per_office[office.pk]):
                kind = _pick(self.rng, KINDS)
                chosen = sorted({_pick(self.rng, MATTERS) for _i in range(self.rng.randint(1, 3))})
                signed.append(self._sign(office, self._name(kind, office, n), kind, chosen,
                                         counties=counties[office.pk], materias=materias))  # fmt: skip
        headquarters = Office.objects.filter(kind=OfficeKind.HEADQUARTERS).first()
        if headquarters is not None:
            signed.append(self._sign(headquarters, "Mexican Capital Legal Assistance Program",
                                     ProviderKind.CAPITAL, ["PENAL"], counties=[], materias=materias))  # fmt: skip
        self._attach_demo_lawyer(signed)
        return signed

    def _name(self, kind: str, office: Office, n: int) -> str:
        surname = self.rng.choice(SURNAMES)
        names: dict[str, str] = {
            ProviderKind.LAW_FIRM: f"{surname} & Asociados ({office.code}-{n + 1})",
            ProviderKind.NGO: f"Centro Legal Comunitario {office.city} ({office.code}-{n + 1})",
            ProviderKind.CLINIC: f"Clínica Jurídica {office.city} ({office.code}-{n + 1})",
            ProviderKind.PRO_BONO: f"Red Pro Bono {surname} ({office.code}-{n + 1})",
        }
        return names[kind]

    def _sign(self, office: Office, name: str, kind: str, chosen: list[str], *,
              counties: list[int], materias: dict[str, int]) -> _Signed:  # fmt: skip
        provider = Provider.objects.create(
            name=name, kind=kind, office=office, languages=self.rng.choice(("es,en", "es,en", "es,en,mix")),
            phone=f"+1555{self.rng.randrange(10**6, 10**7)}",
        )  # fmt: skip
        provider.materias.set([materias[code] for code in chosen if code in materias])
        provider.counties.set(counties)
        contract = Contract.objects.create(
            office=office, provider=provider, starts_on=date(YEAR, 1, 1),
            ends_on=date(office.local_today().year + 1, 12, 31),
            ceiling=self.rng.choice((60_000_00, 90_000_00, 120_000_00, 180_000_00, 250_000_00)),
            capacity=self.rng.randint(25, 60), status=ContractStatus.IN_FORCE,
            created_by=self.writer.admin, created_at=self.now,
        )  # fmt: skip
        item = _Signed(contract, chosen)
        fees = []
        for code in chosen:
            for level, hourly in HOURLY.items():
                rate = hourly + self.rng.choice((0, 0, 25_00, -25_00))
                fees.append(
                    Fee(contract=contract, level=level, materia_id=materias[code], hourly=rate)
                )
                item.fees[(level, code)] = rate
        Fee.objects.bulk_create(fees)
        self._records(provider, office)
        return item

    def _records(self, provider: Provider, office: Office) -> None:
        """Bar admissions in the office's state or province, and the people to call."""
        region = office.region if office.region in BAR_REGIONS else "DC"
        admissions = []
        for _n in range(self.rng.randint(1, 3)):
            verified = self.rng.random() < 0.8
            admissions.append(BarAdmission(
                provider=provider, region=region,
                number=f"{region}-{self.rng.randrange(10**5, 10**6)}",
                lawyer_name=f"{self.rng.choice(GIVEN_NAMES)} {self.rng.choice(SURNAMES)}",
                verified_on=date(YEAR, self.rng.randint(1, 12), self.rng.randint(1, 28))
                if verified else None,
                verified_by=self.writer.admin if verified else None,
            ))  # fmt: skip
        BarAdmission.objects.bulk_create(admissions)
        ProviderContact.objects.bulk_create(
            ProviderContact(
                provider=provider, role=role,
                name=f"{self.rng.choice(GIVEN_NAMES)} {self.rng.choice(SURNAMES)}",
                phone=f"+1555{self.rng.randrange(10**6, 10**7)}",
            )
            for role in CONTACT_ROLES[: self.rng.randint(1, 2)]
        )  # fmt: skip

    def _attach_demo_lawyer(self, signed: list[_Signed]) -> None:
        lawyer = User.objects.filter(
            username=DEMO_LAWYER,
            memberships__role=Role.EXTERNAL_LAWYER,
            memberships__is_active=True,
        ).first()
        mine = next((s for s in signed if lawyer and s.contract.office_id ==
                     lawyer.memberships.get(role=Role.EXTERNAL_LAWYER).office_id), None)  # fmt: skip
        if lawyer is not None and mine is not None:
            ProviderLawyer.objects.get_or_create(
                user=lawyer, defaults={"provider": mine.contract.provider}
            )

    def _cases(self, contracts: list[_Signed]) -> dict[tuple[int, str], list[tuple[int, int]]]:
        """(office id, matter) → [(case id, beneficiary id)], from the year's cases."""
        offices = {s.contract.office_id for s in contracts}
        pools: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
        rows = Case.objects.filter(office_id__in=offices, is_capital_case=False).values_list(
            "office_id", "subtype__materia__code", "pk", "beneficiary_id").order_by("pk")  # fmt: skip
        for office_id, code, pk, person in rows.iterator(chunk_size=20_000):
            pool = pools[(office_id, code)]
            if len(pool) < 2_000:
                pool.append((pk, person))
        return pools

    def referrals(self, contracts: list[_Signed], count: int) -> int:
        pools = self._cases(contracts)
        national = next(
            (s for s in contracts if s.contract.provider.kind == ProviderKind.CAPITAL), None
        )
        capital = list(Case.objects.filter(is_capital_case=True).values_list("pk", "beneficiary_id", "office_id")
                       .order_by("pk")[: max(0, count // 40)])  # fmt: skip
        local = [s for s in contracts if s is not national]
        weights = [s.contract.capacity for s in local]
        planned: list[
            tuple[_Signed, int, int, int, str]
        ] = []  # contract, case, person, office, matter
        if national is not None:
            planned += [(national, pk, person, office, "PENAL") for pk, person, office in capital]
        while len(planned) < count:
            signed = self.rng.choices(local, weights)[0]
            matter = self.rng.choice(signed.materias)
            pool = pools.get((signed.contract.office_id, matter))
            if not pool:
                continue
            pk, person = self.rng.choice(pool)
            planned.append((signed, pk, person, signed.contract.office_id, matter))
        self._write(planned, recent=False)
        if national is not None:
            self._capital_dates([pk for pk, _p, _o in capital])
        return len(planned)

    def recent(self, contracts: list[_Signed], count: int) -> int:
        """Referrals sent in the last day, still waiting; the first to the demo lawyer's."""
        pools = self._cases(contracts)
        lawyers = set(ProviderLawyer.objects.values_list("provider_id", flat=True))
        ordered = sorted(contracts, key=lambda s: s.contract.provider_id not in lawyers)
        planned: list[tuple[_Signed, int, int, int, str]] = []
        for signed in ordered:
            if len(planned) >= count:
                break
            pool = pools.get((signed.contract.office_id, signed.materias[0]))
            if signed.contract.provider.kind != ProviderKind.CAPITAL and pool:
                pk, person = self.rng.choice(pool)
                planned.append((signed, pk, person, signed.contract.office_id, signed.materias[0]))
        self._write(planned, recent=True)
        return len(planned)

    def _write(self, planned: list[tuple[_Signed, int, int, int, str]], *, recent: bool) -> None:
        names = {
            p.pk: p.full_name for p in Person.objects.filter(pk__in={row[2] for row in planned})
        }
        labels = dict(Materia.objects.values_list("code", "label"))
        referrals, fates = [], []
        for signed, case_id, person_id, office_id, matter in planned:
            sent_at = self.now - timedelta(hours=self.rng.randint(1, 20)) if recent else datetime(
                YEAR, 1, 2, 15, tzinfo=UTC) + timedelta(days=self.rng.randrange(360), minutes=self.rng.randrange(480))  # fmt: skip
            status = ReferralStatus.SENT if recent else _pick(self.rng, ENDINGS)
            if signed.contract.provider.kind == ProviderKind.CAPITAL and not recent:
                status = ReferralStatus.IN_PROGRESS
            referral = Referral(
                case_id=case_id, office_id=office_id, provider_id=signed.contract.provider_id,
                contract=signed.contract, status=status, sent_by=self.writer.for_office(office_id),
                shared=json.dumps({"name": names.get(person_id, ""), "materia": labels.get(matter, matter)},
                                  ensure_ascii=False),
                consent=_pick(self.rng, ((ConsentKind.SIGNED_FORM, 0.7), (ConsentKind.VERBAL, 0.28),
                                         (ConsentKind.OVERRIDE, 0.02))),
                consent_detail=_("Demostración"), sent_at=sent_at,
            )  # fmt: skip
            if status != ReferralStatus.SENT:
                referral.answered_at = sent_at + timedelta(hours=self.rng.randint(2, 40))
            if status == ReferralStatus.DECLINED:
                referral.decline_reason = _("Sin capacidad en esa fecha")
            if status == ReferralStatus.CONCLUDED:
                referral.outcome = self.rng.choice(OUTCOMES[matter])
                referral.concluded_at = min(
                    self.now, sent_at + timedelta(days=self.rng.randint(20, 240))
                )
            referrals.append(referral)
            fates.append((signed, matter))
        Referral.objects.bulk_create(referrals, batch_size=2_000)
        self._work(list(zip(referrals, fates, strict=True)))

    def _work(self, done: list[tuple[Referral, tuple[_Signed, str]]]) -> None:
        """Hearings ahead for referrals in progress; approved invoice lines for the work."""
        updates, lines = [], []
        for referral, (signed, matter) in done:
            if referral.status == ReferralStatus.IN_PROGRESS:
                updates.append(ReferralUpdate(
                    referral=referral, kind=UpdateKind.HEARING, author=self.writer.admin,
                    at=self.now, hearing_at=self.now + timedelta(days=self.rng.randint(2, 90), hours=self.rng.randint(0, 6)),
                ))  # fmt: skip
            if referral.status not in (ReferralStatus.CONCLUDED, ReferralStatus.IN_PROGRESS):
                continue
            for month in range(self.rng.randint(1, 3)):
                level = self.rng.choice(tuple(HOURLY))
                hours = Decimal(self.rng.randint(2, 24)) / 2
                amount = int(hours * signed.fees[(level, matter)])
                if signed.billed + amount > signed.contract.ceiling:
                    break
                signed.billed += amount
                first = referral.sent_at.date().replace(day=1)
                lines.append(InvoiceLine(
                    referral=referral, contract=signed.contract, office_id=signed.contract.office_id,
                    month=(first + timedelta(days=32 * month)).replace(day=1), level=level,
                    hours=hours, amount=amount, description=_("Servicios legales del mes"),
                    status=InvoiceStatus.APPROVED, submitted_by=self.writer.admin,
                    submitted_at=self.now, decided_by=self.writer.admin, decided_at=self.now,
                ))  # fmt: skip
        ReferralUpdate.objects.bulk_create(updates, batch_size=2_000)
        InvoiceLine.objects.bulk_create(lines, batch_size=2_000)
        billed = {id(s): s for _r, (s, _m) in done}
        Contract.objects.bulk_update(
            [_set_total(s) for s in billed.values()], ["approved_total"], batch_size=500
        )

    def _capital_dates(self, case_ids: list[int]) -> None:
        """One or two court dates ahead for each capital case; the reminders whose time has
        come count as sent, so the first cron run does not send a year's worth at once."""
        cases = Case.objects.filter(pk__in=case_ids).select_related("office")
        deadlines = []
        for case in cases:
            today = case.office.local_today()
            for _n in range(self.rng.randint(1, 2)):
                deadline = CapitalDeadline(
                    case=case, office=case.office,
                    kind=self.rng.choice((DeadlineKind.TRIAL, DeadlineKind.SENTENCING, DeadlineKind.APPEAL,
                                          DeadlineKind.EXECUTION)),
                    due_on=today + timedelta(days=self.rng.randint(5, 300)), court=_("Tribunal estatal"),
                    created_by=self.writer.admin, created_at=self.now,
                )  # fmt: skip
                deadline.reminded_level = level_due(deadline, today)
                deadlines.append(deadline)
        CapitalDeadline.objects.bulk_create(deadlines)


def _set_total(signed: _Signed) -> Contract:
    signed.contract.approved_total = signed.billed
    return signed.contract
