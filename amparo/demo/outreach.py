"""Synthetic preventive-outreach events for the 2025 profile (seed 000 and seed 003) and
the seed_demo step `seed_outreach`.

At scale 1.0, the US consulates hold in 2025 (each on its own local calendar):
  - 21,400 "Conoce y ejerce tus derechos" events, among them January's workshops as
    seed 003 counts them (57 on rights, 33 migratory diagnoses, 37 for DACA recipients,
    37 for women at risk of family violence);
  - 4,900 open-door meetings with the head of office;
  - 1,479 legal-advice-week sessions that reach exactly 1,180,697 people in person and
    online (seed 000).
Events spread over the consulates as the demo's people do (people.office_weights: Los
Angeles holds the most), and evenly over each consulate's counties.
Each programme scales with --scale (rounded). An event's every value depends only on
(seed, programme, index), and the legal-advice-week reach is spread by fixed weights whose
running total has a closed form, so the total is exact whatever the scale. A programme
whose demo count differs from the target is written again. A few upcoming events (one
awaiting approval) are added for the offices of the demo users, so the public pages and
the approval queue have something to show.

Like the other generators, this writes rows, not audit records.
"""

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.demo.people import office_weights
from amparo.demo.progress import DemoDataError, block_rng
from amparo.network.models import JurisdictionArea, Office, OfficeKind
from amparo.outreach.kinds import load_event_kinds
from amparo.outreach.models import (
    AgeBand,
    Event,
    EventKind,
    EventReport,
    EventStatus,
    HeadcountCell,
    Modality,
    Program,
    Sex,
)

if TYPE_CHECKING:
    from amparo.demo.management.commands.seed_demo import StepContext

YEAR = 2025
CAMPAIGN_EVENTS = 21_400
OPEN_DOOR_MEETINGS = 4_900
LEGAL_ADVICE_WEEK_EVENTS = 1_479
LEGAL_ADVICE_WEEK_REACH = 1_180_697
# Seed 003: workshops held in January, by kind.
JANUARY_WORKSHOPS = (
    ("workshop_rights", 57),
    ("workshop_migratory_diagnosis", 33),
    ("workshop_daca", 37),
    ("workshop_vaim", 37),
)
OTHER_CAMPAIGN_KINDS = (
    ("campaign_event", 0.70),
    ("workshop_rights", 0.08),
    ("workshop_migratory_diagnosis", 0.06),
    ("workshop_daca", 0.05),
    ("workshop_vaim", 0.05),
    ("workshop_labour", 0.06),
)
# Weights of consecutive legal-advice-week sessions (mean 1): some are small in-person
# sessions, some are large online broadcasts.
REACH_WEIGHTS = (0.2, 0.5, 0.8, 1.0, 1.3, 2.6, 0.6)
REFERENCE_PREFIX = "demo-"
BATCH = 5_000


@dataclass(frozen=True)
class _Place:
    office_id: int
    zone: str
    area_id: int
    county: str
    state: str


@dataclass(frozen=True)
class _Places:
    places: list[_Place]
    cumulative_weights: list[float]

    def pick(self, rng: random.Random) -> _Place:
        return rng.choices(self.places, cum_weights=self.cumulative_weights)[0]


def _places() -> _Places:
    """Every county of a US consulate's jurisdiction, weighted so that each consulate gets
    its share of the demo's people and its counties share that evenly."""
    rows = JurisdictionArea.objects.filter(
        country="US",
        office__country="US",
        office__kind__in=[OfficeKind.CONSULATE, OfficeKind.CONSULATE_GENERAL],
    ).values_list("office_id", "office__time_zone", "pk", "name", "region")
    places = [_Place(o, z, a, n, r) for o, z, a, n, r in rows.order_by("pk")]
    if not places:
        raise DemoDataError(
            _("No hay consulados con circunscripción: ejecute antes el paso de la red consular.")
        )
    share = dict(office_weights())
    counties = Counter(place.office_id for place in places)
    weights = [share.get(place.office_id, 0.0) / counties[place.office_id] for place in places]
    if not any(weights):  # a network whose consulates the people step does not know
        weights = [1.0] * len(places)
    return _Places(places, list(accumulate(weights)))


def scaled(count: int, scale: float) -> int:
    return round(count * scale)


def _cumulative_weight(index: int) -> float:
    whole, part = divmod(index, len(REACH_WEIGHTS))
    return whole * sum(REACH_WEIGHTS) + sum(REACH_WEIGHTS[:part])


def legal_week_reach(index: int, count: int, total: int) -> int:
    """Reach of session `index` of `count`; the sessions add up to exactly `total`."""
    scale = total / _cumulative_weight(count)
    return round(_cumulative_weight(index + 1) * scale) - round(_cumulative_weight(index) * scale)


def _day(rng: random.Random, month: int | None = None) -> date:
    if month is not None:
        return date(YEAR, month, rng.randint(1, 28))
    return date(YEAR, 1, 1) + timedelta(days=rng.randrange(365))


def _campaign_kinds(count: int, scale: float) -> Iterator[tuple[str, int | None]]:
    """(kind code, forced month) for each campaign event, January's workshops first."""
    produced = 0
    for code, january in JANUARY_WORKSHOPS:
        for _i in range(scaled(january, scale)):
            if produced < count:
                produced += 1
                yield code, 1
    codes = [code for code, _w in OTHER_CAMPAIGN_KINDS]
    weights = [w for _c, w in OTHER_CAMPAIGN_KINDS]
    for index in range(produced, count):
        rng = block_rng("outreach-kind", 0, index)
        yield rng.choices(codes, weights)[0], None


@dataclass(frozen=True)
class _Planned:
    reference: str
    kind: str
    month: int | None
    reach: int | None  # fixed reach (legal-advice weeks), else drawn


def _planned(scale: float) -> dict[str, list[_Planned]]:
    campaign = scaled(CAMPAIGN_EVENTS, scale)
    law = scaled(LEGAL_ADVICE_WEEK_EVENTS, scale)
    law_reach = scaled(LEGAL_ADVICE_WEEK_REACH, scale)
    return {
        Program.RIGHTS_CAMPAIGN: [
            _Planned(f"{REFERENCE_PREFIX}campaign-{i:05d}", kind, month, None)
            for i, (kind, month) in enumerate(_campaign_kinds(campaign, scale))
        ],
        Program.OPEN_DOOR: [
            _Planned(f"{REFERENCE_PREFIX}open-door-{i:05d}", "open_door", None, None)
            for i in range(scaled(OPEN_DOOR_MEETINGS, scale))
        ],
        Program.LEGAL_ADVICE_WEEK: [
            _Planned(
                f"{REFERENCE_PREFIX}law-{i:05d}",
                "legal_advice_week",
                None,
                legal_week_reach(i, law, law_reach),
            )
            for i in range(law)
        ],
    }


def _event(
    plan: _Planned, rng: random.Random, place: _Place, kinds: dict[str, EventKind]
) -> tuple[Event, dict[str, int]]:
    zone = ZoneInfo(place.zone)
    day = _day(rng, plan.month)
    start = datetime.combine(
        day, time(rng.choice((10, 11, 12, 17, 18)), rng.choice((0, 30))), tzinfo=zone
    )
    hours = 6 if plan.kind == "legal_advice_week" else rng.choice((1, 2, 2, 3))
    kind = kinds[plan.kind]
    if plan.reach is not None:
        online = plan.reach >= 800
        in_person = min(plan.reach, rng.randint(20, 150)) if online else plan.reach
        live = (plan.reach - in_person) // 3 if online else 0
        reach = {
            "in_person": in_person,
            "live_viewers": live,
            "later_views": plan.reach - in_person - live,
        }
        modality = Modality.HYBRID if online else Modality.IN_PERSON
    else:
        low, high = (8, 40) if plan.kind == "open_door" else (15, 120)
        reach = {"in_person": rng.randint(low, high), "live_viewers": 0, "later_views": 0}
        modality = Modality.IN_PERSON
    event = Event(
        office_id=place.office_id,
        kind=kind,
        title=f"{kind.name_es} · {place.county}",
        starts_at=start.astimezone(UTC),
        ends_at=(start + timedelta(hours=hours)).astimezone(UTC),
        starts_on=day,
        modality=modality,
        venue=_("Consulado") if plan.kind == "open_door" else _("Centro comunitario"),
        state=place.state,
        county=place.county,
        area_id=place.area_id,
        online_url="https://example.org/transmision" if modality == Modality.HYBRID else "",
        status=EventStatus.PUBLISHED,
        approved_at=(start - timedelta(days=14)).astimezone(UTC),
        import_reference=plan.reference,
    )
    return event, reach


def _write(plans: list[_Planned], seed: int, places: _Places, kinds: dict[str, EventKind]) -> None:
    for first in range(0, len(plans), BATCH):
        batch = plans[first : first + BATCH]
        pairs = []
        for plan in batch:
            rng = block_rng("outreach-event", seed, hash_index(plan.reference))
            pairs.append(_event(plan, rng, places.pick(rng), kinds))
        with transaction.atomic():
            events = Event.objects.bulk_create([event for event, _r in pairs])
            reports = EventReport.objects.bulk_create(
                EventReport(
                    event=event,
                    reach_definition=_(
                        "Personas conectadas en vivo y reproducciones de más de un minuto"
                    )
                    if reach["live_viewers"] or reach["later_views"]
                    else "",
                    advisories_given=reach["in_person"] // 8,
                    cases_opened=reach["in_person"] // 40,
                    **reach,
                )
                for event, (_e, reach) in zip(events, pairs, strict=True)
            )
            HeadcountCell.objects.bulk_create(cell for report in reports for cell in _cells(report))


def hash_index(reference: str) -> int:
    """A stable number for a reference (Python's hash() changes per process)."""
    return int.from_bytes(reference.encode()[-8:].rjust(8, b"\0"), "big")


def _cells(report: EventReport) -> list[HeadcountCell]:
    """The in-person count split by sex and age band (women a little over half)."""
    women = report.in_person * 53 // 100
    split = {Sex.FEMALE: women, Sex.MALE: report.in_person - women}
    cells = []
    for sex, people in split.items():
        young = people * 35 // 100
        for band, count in (
            (AgeBand.FROM_18_TO_29, young),
            (AgeBand.FROM_30_TO_59, people - young),
        ):
            if count:
                cells.append(HeadcountCell(report=report, sex=sex, age_band=band, count=count))
    return cells


def _upcoming(now: datetime) -> int:
    """A few events in the coming weeks for the demo users' consulates (public pages)."""
    kinds = {kind.code: kind for kind in EventKind.objects.all()}
    added = 0
    for office in Office.objects.filter(code__in=["LAX", "CHI", "HOU"]):
        for number, (code, days, status) in enumerate(
            (
                ("workshop_rights", 7, EventStatus.PUBLISHED),
                ("open_door", 14, EventStatus.PUBLISHED),
                ("workshop_daca", 21, EventStatus.PENDING),
            ),
            start=1,
        ):
            reference = f"{REFERENCE_PREFIX}upcoming-{number}"
            if Event.objects.filter(office=office, import_reference=reference).exists():
                continue
            local = datetime.combine(
                (now + timedelta(days=days)).astimezone(office.zone).date(),
                time(18),
                tzinfo=office.zone,
            )
            Event.objects.create(
                office=office,
                kind=kinds[code],
                title=kinds[code].name_es,
                description=_("Entrada libre. Información confidencial y gratuita."),
                starts_at=local,
                ends_at=local + timedelta(hours=2),
                modality=Modality.IN_PERSON,
                venue=_("Consulado"),
                address=office.address,
                languages=_("español, inglés"),
                status=status,
                approved_at=now if status == EventStatus.PUBLISHED else None,
                import_reference=reference,
            )
            added += 1
    return added


def generate_outreach(*, scale: float, seed: int = 2025) -> int:
    """Write the demo's outreach events up to `scale`; returns how many it added."""
    places = _places()
    load_event_kinds()
    kinds = {kind.code: kind for kind in EventKind.objects.all()}
    added = 0
    for program, plans in _planned(scale).items():
        existing = Event.objects.filter(
            import_reference__startswith=REFERENCE_PREFIX, kind__program=program
        ).exclude(import_reference__startswith=f"{REFERENCE_PREFIX}upcoming")
        if existing.count() == len(plans):
            continue
        existing.delete()
        _write(plans, seed, places, kinds)
        added += len(plans)
    return added + _upcoming(timezone.now())


def seed_outreach(context: "StepContext") -> str:
    """seed_demo step: the 2025 preventive-outreach events (run after the network)."""
    added = generate_outreach(scale=context.scale, seed=context.seed)
    return _("%(added)s nuevos, %(total)s en total") % {
        "added": f"{added:,}",
        "total": f"{Event.objects.count():,}",
    }
