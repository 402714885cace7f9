"""The demo's detention work (seed 000) and the seed_demo step `seed_detention`.

At scale 1.0:
  - the 187 facilities of ICE's FY2025 list, placed by ZIP code in the consulates'
    jurisdictions;
  - 9,617 consular visits to them in 2025, each by the consulate whose jurisdiction holds
    the facility, on a working day of its own calendar, seeing one to four nationals (most
    of them since released or removed), with a follow-up for about one in five;
  - 17,597 legal advisories in 2025, over the consulates as the demo's people are (Los
    Angeles gives the most). Assumption: a quarter are given by a PALE provider under
    contract with the office (all of them where the office has no demo staff), so the PALE
    step runs first;
  - the nationals held today. Assumption, not in the seeds: Mexican nationals are 35% of
    each facility's FY2025 average daily population (Mexico is the largest nationality in
    ICE detention); about half of them were seen in the last 45 days, the rest wait for a
    visit.
Facilities outside every consulate's jurisdiction get no visits. Each count scales with
--scale (rounded, at least MIN_SHOWN). Everything depends only on the seed.

Like the other generators, this writes rows in bulk, not audit records.
"""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, Role, User
from amparo.demo.people import office_weights
from amparo.demo.progress import DemoDataError
from amparo.detention.facilities import load_shipped_facilities
from amparo.detention.models import (
    Advisory,
    AdvisoryResult,
    Authority,
    Detention,
    DetentionStatus,
    Facility,
    FollowUp,
    FollowUpKind,
    Matter,
    Modality,
    Seen,
    Stay,
    Visit,
    VisitStatus,
)
from amparo.legal.models import Contract, ContractStatus
from amparo.network.models import Office
from amparo.people.models import Person

YEAR = 2025
VISITS = 9_617  # seed 000
ADVISORIES = 17_597  # seed 000
MEXICAN_SHARE = Decimal("0.35")  # assumption: of each facility's average daily population
SEEN_RECENTLY = 0.5
BY_PROVIDER = 0.25  # assumption: the share of advisories PALE providers give
MIN_SHOWN = 3
BATCH = 5_000
MATTERS = (
    (Matter.IMMIGRATION, 0.55), (Matter.CRIMINAL, 0.15), (Matter.LABOR, 0.10),
    (Matter.FAMILY, 0.10), (Matter.CIVIL, 0.05), (Matter.ADMINISTRATIVE, 0.03),
    (Matter.HUMAN_RIGHTS, 0.02),
)  # fmt: skip
MODALITIES = (
    (Modality.IN_PERSON, 0.35), (Modality.PHONE, 0.30), (Modality.VISIT, 0.20),
    (Modality.VIDEO, 0.10), (Modality.OUTREACH, 0.05),
)  # fmt: skip
RESULTS = (
    (AdvisoryResult.INFORMATION, 0.80), (AdvisoryResult.PALE_REFERRAL, 0.12),
    (AdvisoryResult.CASE_OPENED, 0.08),
)  # fmt: skip
WANTS = (
    ("wants_family_contact", FollowUpKind.FAMILY_CONTACT, 0.12),
    ("wants_pale_referral", FollowUpKind.PALE_REFERRAL, 0.06),
    ("wants_voluntary_return", FollowUpKind.VOLUNTARY_RETURN, 0.03),
)


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([value for value, _w in weighted], [w for _v, w in weighted])[0]


def _workday(rng: random.Random, year: int = YEAR) -> date:
    while True:
        day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        if day.weekday() < 5:
            return day


def _contracted_providers() -> dict[int, list[tuple[int, date, date]]]:
    """Each office's PALE providers with the period of their signed contract with it."""
    found: dict[int, list[tuple[int, date, date]]] = defaultdict(list)
    for office_id, *contract in (
        Contract.objects.exclude(status=ContractStatus.DRAFT)
        .order_by("pk")
        .values_list("office_id", "provider_id", "starts_on", "ends_on")
    ):
        found[office_id].append(tuple(contract))  # type: ignore[arg-type]
    return found


def scaled(count: int, scale: float) -> int:
    return max(MIN_SHOWN, round(count * scale))


class _Writer:
    """Who records and who visits for each office: one of its staff, else central
    administration (demo offices without demo users)."""

    def __init__(self) -> None:
        admin = (
            Membership.objects.filter(role=Role.CENTRAL_ADMIN, is_active=True)
            .select_related("user").order_by("user__username").first()
        )  # fmt: skip
        if admin is None:
            raise DemoDataError(
                _("Falta un usuario de administración central: cargue los usuarios.")
            )
        self.admin: User = admin.user
        self.staff: dict[int, User] = {}
        for membership in (
            Membership.objects.filter(
                role__in=(Role.CONSULAR_OFFICER, Role.HEAD_OF_OFFICE), is_active=True
            )
            .select_related("user")
            .order_by("office_id", "role", "user__username")
        ):
            self.staff.setdefault(membership.office_id, membership.user)

    def for_office(self, office_id: int) -> User:
        return self.staff.get(office_id, self.admin)


@dataclass(frozen=True)
class _Placed:
    """A facility in a consulate's jurisdiction, with people of that consulate to hold."""

    facility: Facility
    office: Office
    people: list[int]

    @property
    def office_id(self) -> int:
        return self.office.pk


def seed_detention(*, scale: float, seed: int) -> str:
    if Visit.objects.exists():
        return _("ya estaban cargados")
    loaded = load_shipped_facilities()
    demo = _Demo(random.Random(f"detention:{seed}"), _Writer(), timezone.now())  # noqa: S311 - demo data
    placed = demo.placed()
    if not placed:
        raise DemoDataError(
            _("Ningún centro quedó en una circunscripción: cargue antes la red consular.")
        )
    with transaction.atomic():
        visits = demo.visits_of(YEAR, scaled(VISITS, scale), placed)
        held = demo.held_now(placed, scale)
        advisories = demo.advisories(scaled(ADVISORIES, scale))
    return _("%(facilities)s centros, %(visits)s visitas y %(advisories)s asesorías en 2025, "
             "%(held)s connacionales detenidos hoy") % {
        "facilities": loaded.created + loaded.updated, "visits": visits,
        "advisories": advisories, "held": held,
    }  # fmt: skip


@dataclass
class _Demo:
    rng: random.Random
    writer: _Writer
    now: datetime

    def placed(self) -> list[_Placed]:
        facilities = list(
            Facility.objects.filter(office__isnull=False).select_related("office").order_by("pk")
        )
        people: dict[int, list[int]] = defaultdict(list)
        office_ids = {f.office.pk for f in facilities if f.office}
        rows = (
            Person.objects.filter(office_id__in=office_ids)
            .order_by("pk")
            .values_list("office_id", "pk")
        )
        for office_id, pk in rows.iterator(chunk_size=20_000):
            if len(people[office_id]) < 20_000:
                people[office_id].append(pk)
        return [
            _Placed(f, f.office, people[f.office.pk])
            for f in facilities if f.office is not None and people.get(f.office.pk)
        ]  # fmt: skip

    def visits_of(self, year: int, count: int, placed: list[_Placed]) -> int:
        """`count` done visits in `year`, weighted by each facility's population; each sees
        one to four nationals, detained that year and since released or removed."""
        weights = [float(p.facility.average_population or 1) for p in placed]
        chosen = self.rng.choices(placed, weights, k=count)
        visits = [
            Visit(office_id=p.office_id, facility=p.facility, planned_on=_workday(self.rng, year),
                  starts_at=time(self.rng.choice((9, 10, 11)), 0), status=VisitStatus.DONE,
                  created_by=self.writer.for_office(p.office_id), created_at=self.now,
                  logged_at=self.now)
            for p in chosen
        ]  # fmt: skip
        self._save_visits(visits)
        pools = {p.facility.pk: p.people for p in placed}
        for start in range(0, len(visits), BATCH):
            batch = visits[start : start + BATCH]
            pairs = [(v, d) for v in batch for d in self._ended_detentions(v, pools[v.facility_id])]
            self._seen(pairs, follow_ups_done=True)
        return len(visits)

    def _save_visits(self, visits: list[Visit]) -> None:
        Visit.objects.bulk_create(visits, batch_size=BATCH)
        through = Visit.officers.through
        through.objects.bulk_create(
            [
                through(visit_id=v.pk, user_id=self.writer.for_office(v.office_id).pk)
                for v in visits
            ],
            batch_size=BATCH,
        )

    def _ended_detentions(self, visit: Visit, pool: list[int]) -> list[Detention]:
        found = []
        for _n in range(self.rng.randint(1, 4)):
            found.append(Detention(
                person_id=self.rng.choice(pool), office_id=visit.office_id,
                facility_id=visit.facility_id, authority=Authority.ICE,
                detained_on=visit.planned_on - timedelta(days=self.rng.randint(5, 60)),
                last_seen_on=visit.planned_on,
                status=self.rng.choice((DetentionStatus.RELEASED, DetentionStatus.REMOVED)),
                ended_on=visit.planned_on + timedelta(days=self.rng.randint(1, 90)),
                created_by=self.writer.for_office(visit.office_id), created_at=self.now,
            ))  # fmt: skip
        self._save_detentions(found)
        return found

    def _save_detentions(self, detentions: list[Detention]) -> None:
        Detention.objects.bulk_create(detentions, batch_size=BATCH)
        Stay.objects.bulk_create(
            [Stay(detention=d, facility_id=d.facility_id, arrived_on=d.detained_on, left_on=d.ended_on)
             for d in detentions],
            batch_size=BATCH,
        )  # fmt: skip

    def _seen(self, pairs: list[tuple[Visit, Detention]], *, follow_ups_done: bool) -> None:
        """A Seen row per (visit, person), about one in five with a follow-up."""
        seen, follow_ups = [], []
        for visit, detention in pairs:
            item = Seen(
                visit=visit, detention=detention, has_lawyer=self.rng.random() < 0.3,
                health=self.rng.choice(("", "", "", "Hipertensión", "Diabetes", "Sin medicamento")),
            )  # fmt: skip
            for field, kind, share in WANTS:
                if self.rng.random() < share:
                    setattr(item, field, True)
                    follow_ups.append(FollowUp(
                        office_id=visit.office_id, seen=item, kind=kind,
                        owner=self.writer.for_office(visit.office_id),
                        due_on=visit.planned_on + timedelta(days=5),
                        done_at=self.now if follow_ups_done else None,
                    ))  # fmt: skip
            seen.append(item)
        Seen.objects.bulk_create(seen, batch_size=BATCH)
        FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)

    def held_now(self, placed: list[_Placed], scale: float) -> int:
        """The nationals held today (MEXICAN_SHARE of each facility's population, scaled),
        and this month's visits that saw about half of them."""
        held: dict[int, list[Detention]] = {}
        for p in placed:
            today = p.office.local_today()
            count = round(float((p.facility.average_population or 0) * MEXICAN_SHARE) * scale)
            held[p.facility.pk] = [
                Detention(
                    person_id=self.rng.choice(p.people), office_id=p.office_id, facility=p.facility,
                    authority=Authority.ICE, detained_on=today - timedelta(days=self.rng.randint(1, 120)),
                    created_by=self.writer.for_office(p.office_id), created_at=self.now,
                    next_hearing_at=self.now + timedelta(days=self.rng.randint(1, 60), hours=self.rng.randint(0, 8))
                    if self.rng.random() < 0.3 else None,
                )
                for _n in range(count)
            ]  # fmt: skip
        self._save_detentions([d for items in held.values() for d in items])
        recent = [
            Visit(office_id=p.office_id, facility=p.facility,
                  planned_on=p.office.local_today() - timedelta(days=self.rng.randint(1, 45)),
                  status=VisitStatus.DONE, created_by=self.writer.for_office(p.office_id),
                  created_at=self.now, logged_at=self.now)
            for p in placed if held[p.facility.pk] and self.rng.random() < SEEN_RECENTLY
        ]  # fmt: skip
        self._save_visits(recent)
        pairs = []
        for visit in recent:
            here = held[visit.facility_id]
            for detention in self.rng.sample(here, k=max(1, len(here) // 2)):
                detention.last_seen_on = visit.planned_on
                pairs.append((visit, detention))
        self._seen(pairs, follow_ups_done=False)
        Detention.objects.bulk_update([d for _v, d in pairs], ["last_seen_on"], batch_size=BATCH)
        return sum(len(items) for items in held.values())

    def advisories(self, count: int) -> int:
        weights = office_weights()
        if not weights:
            raise DemoDataError(_("No hay representaciones: cargue antes la red consular."))
        offices = self.rng.choices([pk for pk, _w in weights], [w for _pk, w in weights], k=count)
        contracted = _contracted_providers()
        rows = []
        for office_id in offices:
            given_on = _workday(self.rng)
            providers = [
                pk for pk, starts, ends in contracted[office_id] if starts <= given_on <= ends
            ]
            staff = self.writer.staff.get(office_id)
            by_provider = providers and (staff is None or self.rng.random() < BY_PROVIDER)
            adviser = None if by_provider else self.writer.for_office(office_id)
            rows.append(Advisory(
                office_id=office_id, given_on=given_on, adviser=adviser,
                provider_id=self.rng.choice(providers) if by_provider else None,
                anonymous_count=self.rng.choice((1, 1, 1, 1, 2, 3)), matter=_pick(self.rng, MATTERS),
                modality=_pick(self.rng, MODALITIES), minutes=self.rng.randint(10, 60),
                result=_pick(self.rng, RESULTS), recorded_by=staff or self.writer.admin,
                recorded_at=self.now,
            ))  # fmt: skip
        Advisory.objects.bulk_create(rows, batch_size=BATCH)
        return len(rows)
