"""Synthetic CIAM calls for the 2025 profile: `generate_calls` and the seed_demo step
`seed_calls`.

At scale 1.0 the CIAM office (code "CIAM") answers the 202,457 calls of 2025 (seed 000),
around the clock with a daytime peak, from the United States (96%, by Mexican-born population
of each state), Canada (3%) and Mexico (1%). About 15% of calls come from a number that calls
again. Calls whose outcome is "case opened" are tied to a demo case that came in through the
CIAM (and to its beneficiary) when there are such cases; calls with a scheduled callback get
their Callback row. Rows depend only on (seed, index) and on the users and cases already
loaded; reruns resume and a larger --scale tops up.

Like the cases generator, this writes rows, not audit records: generating demo data is not
anyone's access to personal data.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, Role
from amparo.cases.models import Case, IntakeChannel
from amparo.core.bulk import insert_rows
from amparo.core.crypto import blind_index
from amparo.demo.people import FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES
from amparo.demo.progress import (
    DemoDataError,
    ProgressFactory,
    cumulative,
    dataset_fill,
    dataset_prepare,
    no_progress,
)
from amparo.hotline.models import (
    Call,
    Callback,
    CallbackOutcome,
    CallbackStatus,
    Escalation,
    HotlineShift,
    Language,
    OriginCountry,
    Outcome,
    Urgency,
)
from amparo.hotline.services.shifts import shifts_ensure
from amparo.hotline.shifts import ShiftTimes
from amparo.hotline.topics import CallTopic
from amparo.network.models import Office

if TYPE_CHECKING:
    from amparo.demo.management.commands.seed_demo import StepContext

DATASET = "hotline_calls"
CALLS_PER_SCALE = 202_457  # CIAM calls in 2025 (seed 000)
CIAM_CODE = "CIAM"
YEAR = 2025

# Changing a table's order or weights changes the generated calls for every seed.
# fmt: off
# Where callers are: 96% US, 3% Canada, 1% Mexico (relatives looking for someone).
COUNTRIES: tuple[tuple[str, float], ...] = (
    (OriginCountry.US, 96), (OriginCountry.CA, 3), (OriginCountry.MX, 1),
)
# US states by Mexican-born population (ACS 2019-2023, approximate percentages), each with
# real area codes of the cities where that population lives.
US_STATES: tuple[tuple[tuple[str, tuple[str, ...]], float], ...] = (
    (("CA", ("213", "323", "310", "818", "562", "626", "714", "909", "951", "619", "559",
             "661", "760", "408", "510", "916", "831", "805", "209")), 36),
    (("TX", ("713", "832", "281", "214", "972", "469", "210", "512", "915", "956", "817",
             "361", "432")), 22),
    (("IL", ("312", "773", "708", "630", "847", "815")), 6),
    (("AZ", ("602", "623", "480", "520", "928")), 4.5),
    (("GA", ("404", "770", "678", "706")), 2.2), (("FL", ("305", "786", "407", "813", "239")), 2.3),
    (("NC", ("919", "704", "336", "910")), 2.3), (("NV", ("702", "725", "775")), 2.0),
    (("CO", ("303", "720", "719", "970")), 2.0), (("WA", ("206", "253", "509", "425")), 2.0),
    (("NY", ("718", "347", "212", "914", "631")), 1.9), (("NJ", ("732", "973", "201", "856")), 1.0),
    (("NM", ("505", "575")), 1.0), (("OR", ("503", "971", "541")), 1.0),
    (("UT", ("801", "385", "435")), 0.9), (("OK", ("405", "918")), 0.7),
    (("TN", ("615", "901", "865")), 0.7), (("IN", ("317", "219", "574")), 0.6),
    (("KS", ("316", "913", "785")), 0.5), (("MN", ("612", "651", "952")), 0.5),
    (("WI", ("414", "262", "608")), 0.5), (("MI", ("313", "616", "248")), 0.5),
    (("PA", ("215", "267", "610", "717")), 0.6), (("SC", ("803", "843", "864")), 0.5),
    (("AR", ("479", "501")), 0.5), (("VA", ("703", "571", "804")), 0.5),
    (("AL", ("205", "256", "334")), 0.3), (("MO", ("816", "314")), 0.3),
    (("NE", ("402", "308")), 0.4), (("ID", ("208", "986")), 0.4),
    (("IA", ("515", "319")), 0.3), (("MD", ("301", "410")), 0.3),
    (("LA", ("504", "225")), 0.2), (("KY", ("502", "859")), 0.2), (("OH", ("614", "216")), 0.3),
)
# Provinces with the temporary farm workers and the communities in the big cities.
CA_PROVINCES: tuple[tuple[tuple[str, tuple[str, ...]], float], ...] = (
    (("ON", ("416", "647", "437", "905", "289", "519", "226", "613")), 55),
    (("QC", ("514", "438", "450", "418")), 17), (("BC", ("604", "778", "250")), 16),
    (("AB", ("403", "587", "780")), 9), (("MB", ("204", "431")), 3),
)
# Families in the emigration states, with the long-distance code of a city there.
MX_STATES: tuple[tuple[tuple[str, tuple[str, ...]], float], ...] = (
    (("MIC", ("443", "351", "452")), 14), (("JAL", ("33",)), 13), (("GUA", ("477", "461")), 12),
    (("GRO", ("744", "747")), 8), (("OAX", ("951",)), 8), (("PUE", ("222",)), 8),
    (("MEX", ("722",)), 7), (("ZAC", ("492",)), 6), (("CMX", ("55",)), 6), (("VER", ("229",)), 5),
    (("CHH", ("656", "614")), 5), (("BCN", ("664", "686")), 4), (("SON", ("662", "631")), 4),
)
# Locating a detained or missing relative was 30-70% of calls in some periods (domain §6);
# 2025, the year of the worksite and street raids, sits at the low-middle of that range.
TOPICS: tuple[tuple[str, float], ...] = (
    (CallTopic.LOCATE_RELATIVE, 35), (CallTopic.CONSULAR_PROCEDURES, 22),
    (CallTopic.DETENTION_DEPORTATION, 17), (CallTopic.FAMILY, 5), (CallTopic.FRAUD, 5),
    (CallTopic.LABOR, 4), (CallTopic.VIOLENCE_AGAINST_WOMEN, 3), (CallTopic.HEALTH, 3),
    (CallTopic.EMERGENCY_RESCUE, 1.5), (CallTopic.OTHER, 4.5),
)
OUTCOMES: tuple[tuple[str, float], ...] = (
    (Outcome.INFORMATION, 68.2), (Outcome.REFERRED, 15), (Outcome.CASE_OPENED, 2.8),
    (Outcome.CALLBACK, 6), (Outcome.EMERGENCY_SERVICES, 0.5), (Outcome.DROPPED, 7.5),
)
# Desert rescues and emergencies go to 911 or CBP, or become cases at once.
EMERGENCY_OUTCOMES: tuple[tuple[str, float], ...] = (
    (Outcome.EMERGENCY_SERVICES, 35), (Outcome.REFERRED, 25), (Outcome.CASE_OPENED, 15),
    (Outcome.INFORMATION, 15), (Outcome.CALLBACK, 5), (Outcome.DROPPED, 5),
)
LANGUAGES: dict[str, tuple[tuple[str, float], ...]] = {
    OriginCountry.US: ((Language.SPANISH, 93), (Language.ENGLISH, 4.5),
                       (Language.INDIGENOUS, 2), (Language.OTHER, 0.5)),
    OriginCountry.CA: ((Language.SPANISH, 86), (Language.ENGLISH, 7), (Language.FRENCH, 5),
                       (Language.INDIGENOUS, 2)),
    OriginCountry.MX: ((Language.SPANISH, 96), (Language.INDIGENOUS, 4)),
}
# Calls by hour of the CIAM's local day (0-23): a long daytime plateau, a quiet night.
HOURS: tuple[tuple[int, float], ...] = tuple(enumerate((
    1.2, 0.9, 0.7, 0.6, 0.6, 0.9, 1.8, 3.0, 4.6, 5.8, 6.4, 6.6,
    6.5, 6.4, 6.3, 6.2, 6.0, 5.7, 5.2, 4.6, 3.9, 3.2, 2.4, 1.7,
)))
# January (inauguration, fear of raids) and June-August (the Los Angeles raids) run high.
MONTHS: dict[int, float] = {
    1: 9.5, 2: 8.5, 3: 7.5, 4: 7.5, 5: 7.5, 6: 10, 7: 9.5, 8: 9, 9: 8, 10: 7.5, 11: 7.5, 12: 7,
}
WEEKDAYS = (1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.7)  # Monday first
SUMMARIES: dict[str, tuple[str, ...]] = {
    CallTopic.LOCATE_RELATIVE: (
        "Busca a un familiar detenido; se consultó el localizador de ICE y se orientó.",
        "Reporta a un familiar sin comunicación desde hace varios días.",
        "Solicita saber a qué centro de detención trasladaron a su familiar.",
    ),
    CallTopic.CONSULAR_PROCEDURES: (
        "Pregunta requisitos para la matrícula consular y cómo hacer cita.",
        "Orientación sobre renovación de pasaporte.",
        "Solicita información sobre registro de nacimiento de su hijo.",
    ),
    CallTopic.DETENTION_DEPORTATION: (
        "Pregunta por sus derechos ante una detención migratoria.",
        "Su familiar tiene audiencia de deportación; se orientó sobre asesoría legal.",
        "Consulta sobre repatriación y qué documentos llevar.",
    ),
    CallTopic.FAMILY: (
        "Orientación sobre custodia de sus hijos.",
        "Pregunta por pensión alimenticia desde el extranjero.",
    ),
    CallTopic.FRAUD: (
        "Reporta un posible fraude de un notario que ofrece trámites migratorios.",
        "Recibió una llamada que se hizo pasar por el consulado.",
    ),
    CallTopic.LABOR: (
        "Su empleador no le pagó las últimas semanas.",
        "Sufrió un accidente en el trabajo y pregunta qué hacer.",
    ),
    CallTopic.VIOLENCE_AGAINST_WOMEN: (
        "Orientación a mujer en situación de violencia doméstica; se dieron opciones de apoyo.",
        "Solicita información sobre refugios y protección.",
    ),
    CallTopic.HEALTH: (
        "Pregunta por atención médica y la Ventanilla de Salud.",
        "Familiar hospitalizado; solicita apoyo para comunicarse con el hospital.",
    ),
    CallTopic.EMERGENCY_RESCUE: (
        "Persona perdida en el desierto; se comunicó con servicios de emergencia.",
        "Reporta un grupo en riesgo cerca de la frontera.",
    ),
    CallTopic.OTHER: (
        "Consulta general sobre servicios del consulado.",
        "Pregunta por noticias migratorias recientes.",
    ),
}
# fmt: on

# Share of calls from numbers that call again: each block keeps a pool of repeat callers
# big enough for about three calls each, so a pool number rarely calls only once.
REPEAT_SHARE = 0.155
CALLS_PER_REPEAT_CALLER = 3
NAME_GIVEN_SHARE = 0.6
FEMALE_CALLER_SHARE = 0.6  # relatives who call for someone are more often women
DROPPED_SECONDS = (15, 120)
HANDLED_SECONDS = (120, 900, 330)  # triangular: 2 to 15 minutes, most around 5
# A call that opened a case started shortly before the case was opened.
CASE_GAP_SECONDS = (60, 1800)
CALLBACK_STATUSES: tuple[tuple[str, float], ...] = (
    (CallbackStatus.DONE, 80), (CallbackStatus.FAILED, 15), (CallbackStatus.CANCELLED, 5),
)  # fmt: skip
CALLBACK_BATCH = 5000

_COUNTRY, _COUNTRY_CUM = cumulative(COUNTRIES)
_REGIONS = {
    OriginCountry.US: cumulative(US_STATES),
    OriginCountry.CA: cumulative(CA_PROVINCES),
    OriginCountry.MX: cumulative(MX_STATES),
}
_LANGUAGES = {country: cumulative(table) for country, table in LANGUAGES.items()}
_TOPIC, _TOPIC_CUM = cumulative(TOPICS)
_OUTCOME, _OUTCOME_CUM = cumulative(OUTCOMES)
_EMERGENCY, _EMERGENCY_CUM = cumulative(EMERGENCY_OUTCOMES)
_HOUR, _HOUR_CUM = cumulative(HOURS)
_FEMALE, _FEMALE_CUM = cumulative(FEMALE_GIVEN_NAMES)
_MALE, _MALE_CUM = cumulative(MALE_GIVEN_NAMES)
_SURNAME, _SURNAME_CUM = cumulative(SURNAMES)
_CALLBACK, _CALLBACK_CUM = cumulative(CALLBACK_STATUSES)


def _days() -> tuple[list[date], list[float]]:
    first = date(YEAR, 1, 1)
    days = [first + timedelta(days=n) for n in range((date(YEAR + 1, 1, 1) - first).days)]
    days_in_month = {d.month: d.day for d in days}  # the last day seen is the month's length
    weights = [MONTHS[d.month] / days_in_month[d.month] * WEEKDAYS[d.weekday()] for d in days]
    return cumulative(list(zip(days, weights, strict=True)))


_DAY, _DAY_CUM = _days()


def calls_target(scale: float) -> int:
    """202,457 calls at scale 1.0; 1,000,000 at about 4.94."""
    return round(CALLS_PER_SCALE * scale)


@dataclass(frozen=True)
class _Caller:
    country: str
    region: str
    phone: str
    name: str


@dataclass(frozen=True)
class _CaseLink:
    case_id: int
    person_id: int
    opened_at: datetime


@dataclass(frozen=True)
class _Context:
    office_id: int
    zone: ZoneInfo
    operators: list[int]
    cases: list[_CaseLink]


def _caller(rng: random.Random) -> _Caller:
    country = rng.choices(_COUNTRY, cum_weights=_COUNTRY_CUM)[0]
    regions, region_cum = _REGIONS[country]
    region, area_codes = rng.choices(regions, cum_weights=region_cum)[0]
    area = rng.choice(area_codes)
    if country == OriginCountry.MX:
        digits = 9 - len(area)  # ten digits in all, the first of the subscriber not 0 or 1
        phone = f"+52{area}{rng.randrange(2, 10)}{rng.randrange(10**digits):0{digits}d}"
    else:
        exchange = rng.randrange(200, 1000)
        if exchange % 100 == 11 or exchange == 555:  # N11 service codes and fictional 555
            exchange += 1
        phone = f"+1{area}{exchange}{rng.randrange(10_000):04d}"
    name = ""
    if rng.random() < NAME_GIVEN_SHARE:
        female = rng.random() < FEMALE_CALLER_SHARE
        given = (
            rng.choices(_FEMALE, cum_weights=_FEMALE_CUM)[0]
            if female
            else rng.choices(_MALE, cum_weights=_MALE_CUM)[0]
        )
        surnames = rng.choices(_SURNAME, cum_weights=_SURNAME_CUM, k=2)
        name = " ".join([given, *surnames])
    return _Caller(country, region, phone, name)


def _local_start(rng: random.Random, zone: ZoneInfo) -> datetime:
    day = rng.choices(_DAY, cum_weights=_DAY_CUM)[0]
    hour = rng.choices(_HOUR, cum_weights=_HOUR_CUM)[0]
    local = datetime(day.year, day.month, day.day, hour, tzinfo=zone)
    return (local + timedelta(seconds=rng.randrange(3600))).astimezone(UTC)


def _calls_block(rng: random.Random, count: int, context: _Context) -> list[dict[str, Any]]:
    """`count` calls as column values (attnames, caller phone in plaintext)."""
    pool_size = max(1, round(count * REPEAT_SHARE / CALLS_PER_REPEAT_CALLER))
    pool = [_caller(rng) for _ in range(pool_size)]
    calls = []
    for _index in range(count):
        caller = pool[rng.randrange(pool_size)] if rng.random() < REPEAT_SHARE else _caller(rng)
        topic = rng.choices(_TOPIC, cum_weights=_TOPIC_CUM)[0]
        if topic == CallTopic.EMERGENCY_RESCUE:
            outcome = rng.choices(_EMERGENCY, cum_weights=_EMERGENCY_CUM)[0]
        else:
            outcome = rng.choices(_OUTCOME, cum_weights=_OUTCOME_CUM)[0]
        if outcome == Outcome.DROPPED:
            seconds = rng.randrange(*DROPPED_SECONDS)
        else:
            seconds = round(rng.triangular(*HANDLED_SECONDS))
        languages, language_cum = _LANGUAGES[caller.country]
        started_at = _local_start(rng, context.zone)
        case: _CaseLink | None = None
        if outcome == Outcome.CASE_OPENED and context.cases:
            case = context.cases[rng.randrange(len(context.cases))]
            gap = rng.randrange(*CASE_GAP_SECONDS)
            started_at = case.opened_at - timedelta(seconds=seconds + gap)
        calls.append({
            "office_id": context.office_id,
            "operator_id": context.operators[rng.randrange(len(context.operators))],
            "started_at": started_at,
            "ended_at": started_at + timedelta(seconds=seconds),
            "caller_phone": caller.phone,
            "caller_name": caller.name,
            "origin_country": str(caller.country),
            "origin_state": caller.region,
            "language": str(rng.choices(languages, cum_weights=language_cum)[0]),
            "topic": str(topic),
            "summary": "" if outcome == Outcome.DROPPED else rng.choice(SUMMARIES[topic]),
            "outcome": str(outcome),
            "person_id": case.person_id if case else None,
            "escalated_case_id": case.case_id if case else None,
        })  # fmt: skip
    return calls


class _CallWriter:
    """Stands in for Call's manager in dataset_fill: computes the phone's blind index (as
    Call.save would) and writes the batch with the bulk writer (core/bulk.py), because the
    ORM's per-value SQL compilation costs more than the database work at a million rows."""

    def bulk_create(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        insert_rows(
            Call,
            [
                {**row, "caller_phone_index": blind_index(row["caller_phone"], "digits")}
                for row in rows
            ],
        )
        return rows


def _ciam(code: str) -> Office:
    office = Office.objects.filter(code=code).first()
    if office is None:
        raise DemoDataError(
            _("No existe la representación %(code)s: ejecute antes el paso de la red consular.")
            % {"code": code}
        )
    return office


def _operators(office: Office) -> list[int]:
    operators = list(
        Membership.objects.filter(
            office=office, role=Role.HOTLINE_OPERATOR, is_active=True, user__is_active=True
        )
        .order_by("user__username")
        .values_list("user_id", flat=True)
        .distinct()
    )
    if not operators:
        raise DemoDataError(
            _(
                "El CIAM no tiene operadores activos que figuren en las llamadas: ejecute "
                "antes el paso de usuarios de demostración."
            )
        )
    return operators


def _ciam_cases() -> list[_CaseLink]:
    """Demo cases that came in through the CIAM, by primary key (empty if none yet)."""
    rows = (
        Case.objects.filter(channel=IntakeChannel.CIAM)
        .order_by("pk")
        .values_list("pk", "beneficiary_id", "opened_at")
    )
    return [_CaseLink(pk, person, opened) for pk, person, opened in rows]


def _staff_shifts(office: Office, operators: Sequence[int]) -> None:
    """The CIAM's three shifts, with the demo operators on every one of them."""
    for shift in shifts_ensure(office):
        if not shift.operators.exists():
            shift.operators.add(*operators)


def generate_calls(
    *,
    scale: float,
    seed: int = 2025,
    batch_size: int = 5000,
    progress: ProgressFactory = no_progress,
    office_code: str = CIAM_CODE,
) -> int:
    """Write the CIAM calls of the demo up to `scale`; returns how many calls this call added.

    Needs the CIAM office (network step) and at least one active operator of it (users step);
    calls that opened a case are tied to cases of channel CIAM if the cases step ran first."""
    target = calls_target(scale)
    if target < 1:
        raise DemoDataError(_("La escala es demasiado pequeña: no generaría ninguna llamada."))
    office = _ciam(office_code)
    operators = _operators(office)
    _staff_shifts(office, operators)
    context = _Context(office.pk, ZoneInfo(office.time_zone), operators, _ciam_cases())
    dataset = dataset_prepare(name=DATASET, seed=seed, scale=scale, target=target)

    def make_block(rng: random.Random, first_index: int, count: int) -> list[Call]:
        # Column values, not model instances: _CallWriter writes them (see its docstring).
        return cast("list[Call]", _calls_block(rng, count, context))

    writer = _CallWriter()
    added = dataset_fill(
        dataset=dataset,
        model=cast("type[Call]", type("DemoCallBatch", (), {"_default_manager": writer})),
        make_block=make_block,
        batch_size=batch_size,
        progress=progress,
        label=_("Llamadas CIAM"),
    )
    add_callbacks(office=office, seed=seed, batch_size=batch_size)
    return added


def add_callbacks(*, office: Office, seed: int, batch_size: int = CALLBACK_BATCH) -> int:
    """Give every demo call with a scheduled callback its Callback, as it stood at the end of
    the year (done, failed or cancelled). Idempotent: calls that have one are skipped."""
    shifts = [
        (ShiftTimes(shift.kind, shift.starts_at, shift.ends_at), shift.pk)
        for shift in HotlineShift.objects.filter(office=office)
    ]
    zone = ZoneInfo(office.time_zone)
    added = 0
    last_pk = 0
    while True:
        calls = list(
            Call.objects.filter(
                office=office, outcome=Outcome.CALLBACK, callbacks__isnull=True, pk__gt=last_pk
            )
            .order_by("pk")
            .values_list("pk", "operator_id", "started_at", "ended_at")[:batch_size]
        )
        if not calls:
            return added
        rows = [_callback(seed, shifts, zone, call) for call in calls]
        with transaction.atomic():
            Callback.objects.bulk_create(rows)
        added += len(rows)
        last_pk = calls[-1][0]


def _callback(
    seed: int,
    shifts: list[tuple[ShiftTimes, int]],
    zone: ZoneInfo,
    call: tuple[int, int, datetime, datetime | None],
) -> Callback:
    call_id, operator_id, started, ended = call
    # Seeded by the call's time, not its primary key, so equal calls get equal callbacks.
    rng = random.Random(f"{DATASET}:callback:{seed}:{started.isoformat()}")  # noqa: S311
    status = rng.choices(_CALLBACK, cum_weights=_CALLBACK_CUM)[0]
    attempts = {CallbackStatus.DONE: rng.randint(1, 3), CallbackStatus.FAILED: 3}.get(status, 0)
    outcome = {
        CallbackStatus.DONE: CallbackOutcome.REACHED,
        CallbackStatus.FAILED: rng.choice([CallbackOutcome.NO_ANSWER, CallbackOutcome.VOICEMAIL]),
    }.get(status, "")
    due_at = (ended or started) + timedelta(minutes=rng.choice([30, 60, 120, 240, 1440]))
    local = due_at.astimezone(zone).time()
    return Callback(
        call_id=call_id,
        due_at=due_at,
        assigned_to_id=operator_id,
        shift_id=next((pk for times, pk in shifts if times.covers(local)), None),
        attempts=attempts,
        status=status,
        outcome=outcome,
        created_by_id=operator_id,
    )


def seed_calls(context: "StepContext") -> str:
    """seed_demo step: the CIAM's calls of 2025 (run after users and cases)."""
    added = generate_calls(
        scale=context.scale,
        seed=context.seed,
        batch_size=context.batch_size,
        progress=context.progress,
    )
    escalations = write_escalations(seed=context.seed)
    return _("%(added)s nuevas, %(total)s en total; %(escalations)s escalamientos nuevos") % {
        "added": f"{added:,}",
        "total": f"{Call.objects.filter(office__code=CIAM_CODE).count():,}",
        "escalations": f"{escalations:,}",
    }


# How long receiving offices took to acknowledge (upper bound in minutes, weight); None:
# never acknowledged. Most within the quarter hour, as the on-duty paging intends.
ACKNOWLEDGEMENT_DELAYS: tuple[tuple[int | None, float], ...] = (
    (15, 70),
    (60, 18),
    (240, 8),
    (1440, 3),
    (None, 1),
)


def write_escalations(*, seed: int, office_code: str = CIAM_CODE) -> int:
    """The Escalation of each demo call that opened a case (the first call, when several
    point at one case), acknowledged after a delay drawn from ACKNOWLEDGEMENT_DELAYS (by a
    demo user of the receiving office, when it has one). Idempotent: calls already escalated are skipped."""
    staff: dict[int, int] = dict(
        Membership.objects.filter(
            is_active=True, role__in=(Role.CONSULAR_OFFICER, Role.HEAD_OF_OFFICE)
        )
        .order_by("-office_id", "-user_id")
        .values_list("office_id", "user_id")
    )
    taken = set(Escalation.objects.values_list("case_id", flat=True))
    calls = (
        Call.objects.filter(office__code=office_code, escalated_case__isnull=False, escalation=None)
        .order_by("started_at", "id")
        .values_list(
            "id", "operator_id", "ended_at", "escalated_case_id", "escalated_case__office_id"
        )
    )
    delays, weights = zip(*ACKNOWLEDGEMENT_DELAYS, strict=True)
    rows = []
    for call_id, operator_id, ended_at, case_id, office_id in calls:
        if case_id in taken or ended_at is None:
            continue
        taken.add(case_id)
        rng = random.Random(f"{DATASET}:escalation:{seed}:{call_id}")  # noqa: S311
        bound = rng.choices(delays, weights=weights)[0]
        created_at = ended_at
        acknowledged_at = (
            created_at + timedelta(minutes=rng.uniform(1, bound)) if bound is not None else None
        )
        rows.append({
            "call_id": call_id, "case_id": case_id, "office_id": office_id,
            "urgency": str(Urgency.NONE), "urgent": False, "caller_is_affected": True,
            "caller_relation": "", "routed_by": "county", "created_by_id": operator_id,
            "created_at": created_at, "acknowledged_at": acknowledged_at,
            "acknowledged_by_id": staff.get(office_id) if acknowledged_at else None,
        })  # fmt: skip
    with transaction.atomic():
        insert_rows(Escalation, rows)
    return len(rows)
