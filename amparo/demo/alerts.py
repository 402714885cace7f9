"""The demo's alert button (seed 004, domain.md §5) and the seed_demo step `seed_alerts`.

The ministry reported about 300,000 downloads of its app by mid-2025; it published no count
of alerts. Assumptions, stated in docs/decisions.md, at scale 1.0:
  - 30,000 registrants (one download in ten became an enrolment at a consulate), chosen
    among the demo's people of the US consulates and the offices in Canada, in proportion
    to each office's people, each with one phone and one or two trusted contacts;
  - 4,800 alerts in 2025 (about 400 a month: one registrant in six pressed it once), all
    closed: 40% false alarms or tests, 25% contacted and safe, 15% detained, 10% located,
    5% released, 5% other; 70% came with a position; 1% used the duress PIN; the median
    acknowledgement took three minutes and one in twelve climbed to the head of office;
  - a few alerts on the board when the demo starts (received minutes ago, one of them
    already seen), so the live board has something to show.
Each alert is a line on its registrant's demo case (every demo person has one). Rows are
written in bulk, without audit records or notifications, like the other demo generators.
Everything depends only on the seed."""

import json
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.alerts import credentials
from amparo.alerts.enrolment import PRIVACY_NOTICE_VERSION
from amparo.alerts.models import (
    Alert,
    AlertEvent,
    AlertStatus,
    Device,
    EventKind,
    FamilyStatus,
    Level,
    Outcome,
    Registrant,
    RoutedBy,
    TrustedContact,
)
from amparo.cases.models import Case, CaseEvent
from amparo.cases.models import EventKind as CaseEventKind
from amparo.core.crypto import refresh_blind_indexes
from amparo.demo.detention import _Writer, scaled
from amparo.demo.people import ELIGIBLE_KINDS
from amparo.demo.progress import DemoDataError
from amparo.network.models import Office

YEAR = 2025
REGISTRANTS = 30_000
ALERTS = 4_800
ACTIVE_NOW = 5
DEMO_PIN = "2468"  # every demo registrant's PIN (hashed once per run)
OUTCOMES = (
    (Outcome.FALSE_ALARM, 0.40), (Outcome.CONTACTED, 0.25), (Outcome.DETAINED, 0.15),
    (Outcome.LOCATED, 0.10), (Outcome.RELEASED, 0.05), (Outcome.OTHER, 0.05),
)  # fmt: skip
WITH_POSITION = 0.70
DURESS = 0.01
CLIMBED_TO_HEAD = 1 / 12
RELATIONS = ("spouse", "parent", "child", "sibling", "friend", "lawyer")


def _pick[T](rng: random.Random, weighted: tuple[tuple[T, float], ...]) -> T:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def seed_alerts(*, scale: float, seed: int) -> str:
    if Registrant.objects.exists():
        return _("ya estaban cargados")
    rng = random.Random(f"alerts:{seed}")  # noqa: S311 - demo data
    people = _people(rng, scaled(REGISTRANTS, scale))
    if not people:
        raise DemoDataError(_("No hay personas ni casos: cargue antes las personas y los casos."))
    demo = _Demo(rng, _Writer(), timezone.now(), make_password(DEMO_PIN))
    with transaction.atomic():
        registrants = demo.registrants(people)
        alerts = demo.year_of_alerts(registrants, scaled(ALERTS, scale))
        active = demo.active_now(registrants)
    return _("%(registrants)s personas inscritas, %(alerts)s alertas en 2025, %(active)s "
             "activas ahora") % {"registrants": len(registrants), "alerts": alerts,
                                 "active": active}  # fmt: skip


@dataclass(frozen=True)
class _Person:
    pk: int
    office_id: int
    case_id: int
    given_names: str
    phone: str
    state: str
    county: str
    zip_code: str


def _people(rng: random.Random, count: int) -> list[_Person]:
    """`count` demo people of the US and Canadian offices, each with their demo case."""
    offices = set(Office.objects.filter(country__in=("US", "CA"), kind__in=ELIGIBLE_KINDS)
                  .values_list("pk", flat=True))  # fmt: skip
    cases = (
        Case.objects.filter(office_id__in=offices, beneficiary__office_id__in=offices)
        .order_by("pk")
        .values_list("pk", "beneficiary_id", "office_id", "beneficiary__given_names",
                     "beneficiary__phone", "beneficiary__address_state",
                     "beneficiary__address_county", "beneficiary__address_zip")
    )  # fmt: skip
    chosen: dict[int, _Person] = {}
    for case_id, person_id, office_id, given, phone, state, county, zip_code in cases.iterator():
        if person_id not in chosen:
            chosen[person_id] = _Person(person_id, office_id, case_id, given, phone or "",
                                        state, county, zip_code)  # fmt: skip
    found = list(chosen.values())
    return rng.sample(found, min(count, len(found)))


@dataclass
class _Demo:
    rng: random.Random
    writer: _Writer
    now: datetime
    pin_hash: str

    def _phone(self) -> str:
        return f"+1555{self.rng.randrange(10**6, 10**7)}"

    def registrants(self, people: list[_Person]) -> list[tuple[Registrant, _Person]]:
        made = []
        for person in people:
            registrant = Registrant(
                person_id=person.pk, office_id=person.office_id,
                phone=person.phone or self._phone(), language=self.rng.choice(("es", "es", "en")),
                home_state=person.state, home_county=person.county, home_zip=person.zip_code,
                notice_version=PRIVACY_NOTICE_VERSION, pin_hash=self.pin_hash,
                enrolled_by=self.writer.for_office(person.office_id),
                enrolled_at=datetime(YEAR, 1, 20, tzinfo=UTC)
                + timedelta(days=self.rng.randrange(300)),
            )  # fmt: skip
            registrant.notice_accepted_at = registrant.enrolled_at
            refresh_blind_indexes(registrant)
            made.append((registrant, person))
        Registrant.objects.bulk_create([r for r, _p in made], batch_size=2_000)
        contacts, devices = [], []
        for registrant, _person in made:
            for _n in range(self.rng.randint(1, 2)):
                contacts.append(TrustedContact(
                    registrant=registrant, name=self.rng.choice(("Ana", "Luis", "Rosa", "Juan")),
                    relation=self.rng.choice(RELATIONS), phone=self._phone(),
                    sees=list(FamilyStatus.values),
                ))  # fmt: skip
            devices.append(Device(registrant=registrant, provisioned_at=registrant.enrolled_at,
                                  credential_hash=credentials.digest(credentials.new_token())))  # fmt: skip
        TrustedContact.objects.bulk_create(contacts, batch_size=2_000)
        Device.objects.bulk_create(devices, batch_size=2_000)
        return made

    def _alert(self, registrant: Registrant, person: _Person, received: datetime) -> Alert:
        office = Office(pk=person.office_id)
        positioned = self.rng.random() < WITH_POSITION
        position = ""
        if positioned:
            position = json.dumps({
                "lat": round(30 + self.rng.random() * 15, 5),
                "lon": round(-120 + self.rng.random() * 45, 5),
                "accuracy_m": self.rng.choice((8, 15, 35, 120, 900)),
                "fix_at": (received - timedelta(seconds=self.rng.randint(5, 40))).isoformat(),
            })  # fmt: skip
        return Alert(
            registrant=registrant, client_id=uuid.UUID(int=self.rng.getrandbits(128)),
            body_hash="demo", home_office_id=person.office_id, office=office,
            routed_by=RoutedBy.POINT if positioned else RoutedBy.COUNTY,
            raised_at=received - timedelta(seconds=self.rng.randint(11, 40)),
            received_at=received, level_at=received, position=position,
            duress=self.rng.random() < DURESS, case_id=person.case_id,
            dispatched_at=received,
        )  # fmt: skip

    def year_of_alerts(self, registrants: list[tuple[Registrant, _Person]], count: int) -> int:
        start = datetime(YEAR, 1, 20, tzinfo=UTC)
        span = int((datetime(YEAR, 12, 31, tzinfo=UTC) - start).total_seconds())
        planned: list[tuple[Alert, Outcome, datetime, datetime]] = []
        for _n in range(count):
            registrant, person = self.rng.choice(registrants)
            received = start + timedelta(seconds=self.rng.randrange(span))
            alert = self._alert(registrant, person, received)
            outcome = _pick(self.rng, OUTCOMES)
            seen = received + timedelta(seconds=int(self.rng.lognormvariate(5.2, 0.6)))  # ~3 min
            closed = seen + timedelta(hours=self.rng.randint(1, 48))
            alert.status, alert.acknowledged_at, alert.closed_at = AlertStatus.CLOSED, seen, closed
            alert.acknowledged_by = self.writer.for_office(person.office_id)
            alert.close_reason = str(Outcome(outcome).label)
            if self.rng.random() < CLIMBED_TO_HEAD:
                alert.level = Level.HEAD
            planned.append((alert, outcome, seen, closed))
        Alert.objects.bulk_create([p[0] for p in planned], batch_size=2_000)
        events, lines = [], []
        for alert, outcome, seen, closed in planned:
            events += [
                AlertEvent(alert=alert, kind=EventKind.RECEIVED, at=alert.received_at,
                           detail=alert.routed_by),
                AlertEvent(alert=alert, kind=EventKind.ACKNOWLEDGED, at=seen,
                           actor=alert.acknowledged_by),
                AlertEvent(alert=alert, kind=EventKind.OUTCOME, outcome=outcome, at=seen,
                           actor=alert.acknowledged_by),
                AlertEvent(alert=alert, kind=EventKind.CLOSED, at=closed),
            ]  # fmt: skip
            lines.append(self._case_line(alert))
        AlertEvent.objects.bulk_create(events, batch_size=5_000)
        CaseEvent.objects.bulk_create(lines, batch_size=5_000)
        return len(planned)

    def _case_line(self, alert: Alert) -> CaseEvent:
        assert alert.case_id is not None  # every demo alert is on its registrant's case
        return CaseEvent(
            case_id=alert.case_id, kind=CaseEventKind.ALERT, actor=self.writer.admin,
            at=alert.received_at,
            payload={"alert": alert.pk, "step": "received", "routed_by": alert.routed_by,
                     "office": "", "accuracy": "—"},
        )  # fmt: skip

    def active_now(self, registrants: list[tuple[Registrant, _Person]]) -> int:
        """A few alerts on the board: received minutes ago; the first one already seen."""
        chosen = self.rng.sample(registrants, min(ACTIVE_NOW, len(registrants)))
        alerts = []
        for n, (registrant, person) in enumerate(chosen):
            alert = self._alert(registrant, person, self.now - timedelta(minutes=2 + 3 * n))
            alert.duress = False
            if n == 0:
                alert.status, alert.acknowledged_at = AlertStatus.ACKNOWLEDGED, self.now
                alert.acknowledged_by = self.writer.for_office(person.office_id)
            alerts.append(alert)
        Alert.objects.bulk_create(alerts)
        AlertEvent.objects.bulk_create(
            AlertEvent(alert=a, kind=EventKind.RECEIVED, at=a.received_at) for a in alerts
        )
        CaseEvent.objects.bulk_create(self._case_line(a) for a in alerts)
        return len(alerts)
