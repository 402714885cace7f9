"""Synthetic protection cases for the 2025 profile: `generate_cases`.

Case i belongs to the i-th person by primary key (in a demo database, the i-th demo person of
amparo.demo.people) and is opened in that person's office, so at scale 1.0 the 176,827 cases
of seed 000 fall 97% in US offices. Rows depend only on (seed, index) and on the people, users
and catalog already loaded; reruns resume and a larger --scale tops up.

The rows are those `case_open` would write (plus one status change for cases that moved on),
minus the audit records: demo generation is not anyone's access to personal data.
"""

import math
import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, Role, User
from amparo.cases.event_payloads import FROM_OPEN, opened_payload, status_changed_payload
from amparo.cases.folios import format_folio
from amparo.cases.models import (
    Case,
    CaseEvent,
    CaseStatus,
    EventKind,
    FolioCounter,
    IntakeChannel,
    Priority,
    Subtype,
)
from amparo.cases.permissions import ASSIGNABLE_ROLES
from amparo.cases.services._common import user_ref
from amparo.core.bulk import insert_objects, insert_rows
from amparo.core.models import DemoDataset
from amparo.demo.people import DATASET as PEOPLE_DATASET
from amparo.demo.people import people_target
from amparo.demo.progress import (
    DemoDataError,
    ProgressFactory,
    cumulative,
    dataset_fill,
    dataset_prepare,
    no_progress,
)
from amparo.network.models import Office
from amparo.people.models import Person

DATASET = "cases"
YEAR = 2025
# Opening times stay where every time zone (UTC-12 to UTC+14) still reads 2025, so the folio
# year is the one case_open would compute for any office (folios.folio_year).
FIRST_OPENING = datetime(YEAR, 1, 1, 12, tzinfo=UTC)
LAST_OPENING = datetime(YEAR, 12, 31, 9, tzinfo=UTC)
# Statuses are drawn as they stood at the end of the profile year.
AS_OF = datetime(YEAR, 12, 31, 23, 59, tzinfo=UTC)

# Changing a table's order or weights changes the generated cases for every seed.
# fmt: off
# The 2025 communiqué (seed 000) gives totals only; the split is an estimate from the
# monthly bulletins' "casos por materia" (January 2020: migratorio first, then
# administrativo and penal) and the 2025 enforcement context. Targets over all cases:
# migratorio ~45%, administrativo ~18%, penal ~15%, civil/familiar ~10%, laboral ~6%,
# derechos humanos ~6%. Minors (about 10% of the people) draw from MINOR_SUBTYPES, so adult
# weights are the targets corrected for the minors' mix: A = (T - m·M) / (1 - m).
ADULT_SUBTYPES: tuple[tuple[tuple[str, str], float], ...] = (
    (("MIGRATORIO", "DETENCION_DEPORTACION"), 21.75),
    (("MIGRATORIO", "REPATRIACION_ALR_PRIM"), 10.9), (("MIGRATORIO", "OTRO"), 10.85),
    (("PENAL", "VISITAS_CARCELARIAS"), 9.0), (("PENAL", "TRASLADO_REOS"), 0.8),
    (("PENAL", "PENA_CAPITAL"), 0.06), (("PENAL", "OTRO"), 6.64),
    (("ADMINISTRATIVO", "LOCALIZACION"), 3.3), (("ADMINISTRATIVO", "PRESUNCION_NACIONALIDAD"), 1.1),
    (("ADMINISTRATIVO", "RECUPERACION_VALORES"), 1.5), (("ADMINISTRATIVO", "RESTOS"), 2.6),
    (("ADMINISTRATIVO", "REPATRIACION_PACIENTES"), 1.1),
    (("ADMINISTRATIVO", "REPATRIACION_VULNERABLES"), 1.5),
    (("ADMINISTRATIVO", "APOYO_ECONOMICO"), 1.9), (("ADMINISTRATIVO", "DOCUMENTOS_MEXICANOS"), 3.3),
    (("ADMINISTRATIVO", "OTRO"), 2.2),
    (("CIVIL_FAMILIAR", "PENSION_ALIMENTICIA"), 2.2), (("CIVIL_FAMILIAR", "CUSTODIA"), 2.1),
    (("CIVIL_FAMILIAR", "SUCESIONES"), 1.3), (("CIVIL_FAMILIAR", "DEMANDAS_CIVILES"), 1.3),
    (("CIVIL_FAMILIAR", "SUSTRACCION_INTERNACIONAL"), 0.3),
    (("CIVIL_FAMILIAR", "MENORES_CPS"), 0.4), (("CIVIL_FAMILIAR", "OTRO"), 0.9),
    (("LABORAL", "LESIONES_LABORALES"), 2.0), (("LABORAL", "SALARIOS_NO_PAGADOS"), 2.35),
    (("LABORAL", "INDEMNIZACIONES"), 1.0), (("LABORAL", "ACOSO_LABORAL"), 0.7),
    (("LABORAL", "OTRO"), 0.65),
    (("DERECHOS_HUMANOS", "VIOLACIONES_AUTORIDADES"), 4.1),
    (("DERECHOS_HUMANOS", "ABUSO_PENITENCIARIO"), 1.25), (("DERECHOS_HUMANOS", "OTRO"), 0.95),
)
# Accompanied minors: family detention and repatriation, custody and CPS, documents.
MINOR_SUBTYPES: tuple[tuple[tuple[str, str], float], ...] = (
    (("MIGRATORIO", "DETENCION_DEPORTACION"), 25), (("MIGRATORIO", "REPATRIACION_ALR_PRIM"), 18),
    (("MIGRATORIO", "OTRO"), 10), (("CIVIL_FAMILIAR", "MENORES_CPS"), 12),
    (("CIVIL_FAMILIAR", "SUSTRACCION_INTERNACIONAL"), 6), (("CIVIL_FAMILIAR", "CUSTODIA"), 9),
    (("CIVIL_FAMILIAR", "PENSION_ALIMENTICIA"), 3), (("ADMINISTRATIVO", "DOCUMENTOS_MEXICANOS"), 6),
    (("ADMINISTRATIVO", "LOCALIZACION"), 5), (("ADMINISTRATIVO", "REPATRIACION_VULNERABLES"), 3),
    (("DERECHOS_HUMANOS", "VIOLACIONES_AUTORIDADES"), 3),
)
UNACCOMPANIED = ("MIGRATORIO", "MENORES_NO_ACOMPANADOS")
# Unaccompanied minors are mostly 12-17 (2013: 98% of them); with the people's age bands this
# gives ~1.5% of all cases.
UNACCOMPANIED_SHARE_TEEN = 0.25
UNACCOMPANIED_SHARE_CHILD = 0.02
# Share of cases with the person in custody, by subtype: ~20% of migratorio and penal cases.
DETAINED_SHARE: dict[tuple[str, str], float] = {
    ("MIGRATORIO", "DETENCION_DEPORTACION"): 0.30, ("MIGRATORIO", "OTRO"): 0.05,
    ("PENAL", "VISITAS_CARCELARIAS"): 0.50, ("PENAL", "TRASLADO_REOS"): 1.0,
    ("PENAL", "PENA_CAPITAL"): 1.0, ("PENAL", "OTRO"): 0.15,
    ("DERECHOS_HUMANOS", "ABUSO_PENITENCIARIO"): 1.0,
}
VULNERABLE_SUBTYPES = frozenset({
    ("ADMINISTRATIVO", "REPATRIACION_VULNERABLES"), ("ADMINISTRATIVO", "REPATRIACION_PACIENTES"),
    ("ADMINISTRATIVO", "APOYO_ECONOMICO"), UNACCOMPANIED,
})
VULNERABLE_SHARE = 0.05
# Walk-ins dominate ordinary cases; people in custody reach the consulate through visits,
# the authorities' notices (VCCR art. 36) and calls from family or the CIAM.
FREE_CHANNELS: tuple[tuple[str, float], ...] = (
    (IntakeChannel.WALK_IN, 42), (IntakeChannel.PHONE, 20), (IntakeChannel.CIAM, 12),
    (IntakeChannel.EMAIL, 8), (IntakeChannel.OUTREACH, 8), (IntakeChannel.AUTHORITY, 4),
    (IntakeChannel.ALERT_BUTTON, 1), (IntakeChannel.OTHER, 3),
)
CUSTODY_CHANNELS: tuple[tuple[str, float], ...] = (
    (IntakeChannel.DETENTION_VISIT, 38), (IntakeChannel.AUTHORITY, 30), (IntakeChannel.PHONE, 12),
    (IntakeChannel.CIAM, 10), (IntakeChannel.WALK_IN, 5), (IntakeChannel.ALERT_BUTTON, 3),
    (IntakeChannel.EMAIL, 2),
)
PRIORITIES: tuple[tuple[int, float], ...] = (
    (Priority.LOW, 15), (Priority.NORMAL, 58), (Priority.HIGH, 22), (Priority.URGENT, 5),
)
# Caseload rose from June 2025 with the worksite and street raids in the US.
MONTHS: tuple[tuple[int, float], ...] = (
    (1, 7), (2, 7.5), (3, 8), (4, 8), (5, 8.5), (6, 10), (7, 9.5), (8, 9), (9, 8.5), (10, 8.5),
    (11, 8), (12, 7.5),
)
# VAIM: about a quarter of the cases of women (~10% of all); a share of those involve
# gender-based violence.
VAIM_SHARE_OF_WOMEN = 0.26
GENDER_VIOLENCE_SHARE_OF_VAIM = 0.4
# Indigenous-language speakers by birth state (Oaxaca, Chiapas, Guerrero, Yucatán... highest).
INDIGENOUS_HIGH = frozenset({"OAX", "CHP", "GRO", "YUC", "ROO", "CAM"})
INDIGENOUS_MID = frozenset({"PUE", "VER", "HID", "SLP", "MIC", "CHH", "NAY"})
INDIGENOUS_SHARE = {"high": 0.2, "mid": 0.05, "other": 0.01, "unknown": 0.02}
ASSIGNED_SHARE = 0.8  # where the office has assignable demo staff
# Mean days to conclusion by materia (exponential): deportations and documents move fast,
# criminal and family proceedings take months; capital cases last years.
MEAN_DAYS_OPEN: dict[str, float] = {
    "MIGRATORIO": 45, "ADMINISTRATIVO": 35, "PENAL": 150, "CIVIL_FAMILIAR": 120,
    "LABORAL": 110, "DERECHOS_HUMANOS": 90,
}
CAPITAL_MEAN_DAYS_OPEN = 2000.0
CLOSURE_REASONS: tuple[tuple[str, float], ...] = (
    ("favorable", 55), ("unfavorable", 12), ("withdrawn", 7), ("no_contact", 13),
    ("transferred", 6), ("outside_competence", 7),
)
RECENT_STATUSES: tuple[tuple[str, float], ...] = (  # opened in the last week of the year
    (CaseStatus.OPEN, 70), (CaseStatus.IN_PROGRESS, 30),
)
PENDING_STATUSES: tuple[tuple[str, float], ...] = (
    (CaseStatus.OPEN, 10), (CaseStatus.IN_PROGRESS, 55), (CaseStatus.REFERRED, 20),
    (CaseStatus.AWAITING_SUPPORT, 15),
)
SUMMARIES: dict[str, tuple[str, ...]] = {
    "MIGRATORIO": (
        "Solicita orientación sobre su situación migratoria y sus derechos.",
        "Familiares reportan la detención por autoridades migratorias.",
        "Apoyo consular en proceso de repatriación.",
    ),
    "PENAL": (
        "Persona detenida por autoridades locales; se solicita asistencia consular.",
        "Seguimiento de proceso penal y verificación de debido proceso.",
        "Solicita información sobre traslado a México para cumplir su sentencia.",
    ),
    "ADMINISTRATIVO": (
        "Familiares solicitan apoyo para localizar a su pariente.",
        "Solicita apoyo para trámite de documentos mexicanos.",
        "Apoyo para repatriación y gastos de traslado.",
    ),
    "CIVIL_FAMILIAR": (
        "Orientación sobre custodia y convivencia con sus hijos.",
        "Solicita apoyo para el cobro de pensión alimenticia.",
        "Orientación sobre un procedimiento civil en su contra.",
    ),
    "LABORAL": (
        "Reporta salarios no pagados por su empleador.",
        "Sufrió una lesión en el trabajo y solicita orientación.",
        "Orientación sobre derechos laborales e indemnización.",
    ),
    "DERECHOS_HUMANOS": (
        "Reporta maltrato por parte de una autoridad.",
        "Se documenta posible violación de derechos durante la detención.",
        "Solicita orientación para presentar una queja formal.",
    ),
}
# fmt: on
# MCLAP (PENA_CAPITAL) comes to about a hundred cases a year at scale 1.0.

_ADULT, _ADULT_CUM = cumulative(ADULT_SUBTYPES)
_MINOR, _MINOR_CUM = cumulative(MINOR_SUBTYPES)
_FREE, _FREE_CUM = cumulative(FREE_CHANNELS)
_CUSTODY, _CUSTODY_CUM = cumulative(CUSTODY_CHANNELS)
_PRIORITY, _PRIORITY_CUM = cumulative(PRIORITIES)
_MONTH, _MONTH_CUM = cumulative(MONTHS)
_CLOSURE, _CLOSURE_CUM = cumulative(CLOSURE_REASONS)
_RECENT, _RECENT_CUM = cumulative(RECENT_STATUSES)
_PENDING, _PENDING_CUM = cumulative(PENDING_STATUSES)
_DRAWS_PER_CASE = 16  # fixed, so a row's draws never depend on the rows before it
_DAY = 86_400


def cases_target(scale: float) -> int:
    """One case per demo person: 176,827 at scale 1.0."""
    return people_target(scale)


def _pick(values: Sequence[Any], cum: Sequence[float], u: float) -> Any:
    return values[bisect(cum, u * cum[-1])]


@dataclass(frozen=True)
class _Beneficiary:
    pk: int
    office_id: int
    sex: str
    date_of_birth: date | None
    birth_state: str


class _People:
    """Reads people in primary-key order, a block at a time: an OFFSET for the first block of
    a run, then keyset (pk > last) so a million rows never rescan the table."""

    def __init__(self) -> None:
        self._next_index: int | None = None
        self._last_pk = 0

    def block(self, first_index: int, count: int) -> list[_Beneficiary]:
        rows = Person.objects.order_by("pk").values_list(
            "pk", "office_id", "sex", "date_of_birth", "birth_state"
        )
        if first_index == self._next_index:
            rows = rows.filter(pk__gt=self._last_pk)[:count]
        else:
            rows = rows[first_index : first_index + count]
        people = [_Beneficiary(*row) for row in rows]
        if people:
            self._last_pk = people[-1].pk
        self._next_index = first_index + len(people)
        return people


@dataclass(frozen=True)
class _Staff:
    officers: dict[int, list[int]]  # office id -> assignable users, by username
    fallback_creator: int  # central administration opens cases where no officer exists
    refs: dict[int, dict[str, Any] | None]  # user id -> how event payloads remember them


def _staff() -> _Staff:
    officers: dict[int, list[int]] = {}
    memberships = (
        Membership.objects.filter(is_active=True, user__is_active=True, role__in=ASSIGNABLE_ROLES)
        .order_by("office_id", "user__username")
        .values_list("office_id", "user_id")
    )
    for office_id, user_id in memberships:
        if user_id not in officers.setdefault(office_id, []):
            officers[office_id].append(user_id)
    admin = (
        Membership.objects.filter(is_active=True, user__is_active=True, role=Role.CENTRAL_ADMIN)
        .order_by("user__username")
        .values_list("user_id", flat=True)
        .first()
    )
    if admin is None:
        raise DemoDataError(
            _(
                "No hay una persona de administración central activa que figure como autora de "
                "los casos: ejecute antes el paso de usuarios de demostración."
            )
        )
    user_ids = {admin} | {user for users in officers.values() for user in users}
    refs = {user.pk: user_ref(user) for user in User.objects.filter(pk__in=user_ids)}
    return _Staff(officers=officers, fallback_creator=admin, refs=refs)


def _taxonomy() -> dict[tuple[str, str], tuple[int, int]]:
    """(materia code, subtype code) -> (materia id, subtype id) for every subtype used here."""
    wanted = {key for key, _weight in ADULT_SUBTYPES + MINOR_SUBTYPES} | {UNACCOMPANIED}
    found = {
        (materia, code): (materia_id, pk)
        for pk, code, materia_id, materia in Subtype.objects.filter(
            retired_at__isnull=True, materia__retired_at__isnull=True
        ).values_list("pk", "code", "materia_id", "materia__code")
    }
    missing = sorted(f"{m}/{s}" for m, s in wanted - found.keys())
    if missing:
        raise DemoDataError(
            _("Faltan subtipos vigentes en el catálogo de casos: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    return {key: found[key] for key in wanted}


class _CaseWriter:
    """Writes one batch the way case_open would: the next folio of each office, the cases,
    their timeline, and the folio counters, so real cases continue each office's sequence.

    dataset_fill writes through `model._default_manager.bulk_create(rows)` inside the batch's
    transaction; standing in for that manager keeps cases, events and counters in one
    transaction, so an interrupted run never leaves a case without its opening event.
    """

    def __init__(self, *, taxonomy: dict[tuple[str, str], tuple[int, int]], staff: _Staff):
        self._codes = dict(Office.objects.values_list("pk", "code"))
        self._counters = dict(
            FolioCounter.objects.filter(year=YEAR).values_list("office_id", "last_value")
        )
        self._taxonomy = {ids: key for key, ids in taxonomy.items()}
        self._refs = staff.refs

    def bulk_create(self, cases: list[Case]) -> list[Case]:
        touched: set[int] = set()
        for case in cases:
            sequence = self._counters.get(case.office_id, 0) + 1
            self._counters[case.office_id] = sequence
            touched.add(case.office_id)
            case.folio = format_folio(self._codes[case.office_id], YEAR, sequence)
        insert_objects(cases)
        # Events as rows, not instances: two million CaseEvent() calls cost 15 s at a million.
        insert_rows(CaseEvent, [event for case in cases for event in self._events(case)])
        FolioCounter.objects.bulk_create(
            [
                FolioCounter(office_id=office_id, year=YEAR, last_value=self._counters[office_id])
                for office_id in sorted(touched)
            ],
            update_conflicts=True,
            unique_fields=["office", "year"],
            update_fields=["last_value"],
        )
        return cases

    def _events(self, case: Case) -> Iterator[dict[str, Any]]:
        """The opening event case_open writes and, for a case that moved on, the status
        change case_change_status would have written (at the time it happened, not now)."""
        materia, subtype = self._taxonomy[(case.materia_id, case.subtype_id)]
        opened = opened_payload(
            office_code=self._codes[case.office_id],
            office_chosen_by="override" if case.office_override_reason else "address",
            channel=case.channel,
            materia_code=materia,
            subtype_code=subtype,
            priority=case.priority,
            assigned_to=self._refs.get(case.assigned_to_id or 0),
        )
        yield {
            "case_id": case.pk,
            "kind": EventKind.OPENED,
            "actor_id": case.created_by_id,
            "at": case.opened_at,
            "payload": opened,
        }
        if case.status == CaseStatus.OPEN:
            return
        moved_at = case.closed_at or case.opened_at + min(
            timedelta(days=3), (AS_OF - case.opened_at) / 2
        )
        change = status_changed_payload(
            before=FROM_OPEN, status=case.status, closure_reason=case.closure_reason
        )
        yield {
            "case_id": case.pk,
            "kind": EventKind.STATUS_CHANGED,
            "actor_id": case.assigned_to_id or case.created_by_id,
            "at": moved_at,
            "payload": change,
        }


def _writer_model(writer: _CaseWriter) -> type[Case]:
    """A stand-in for the `model` argument of dataset_fill, whose manager is `writer`."""
    return cast("type[Case]", type("DemoCaseBatch", (), {"_default_manager": writer}))


def generate_cases(
    *,
    scale: float,
    seed: int = 2025,
    batch_size: int = 5000,
    progress: ProgressFactory = no_progress,
) -> int:
    """Write the "cases" demo dataset up to `scale`; returns how many cases this call added.

    Needs the catalog, the demo people at the same or a larger scale, and a central
    administrator (the users step)."""
    target = cases_target(scale)
    if target < 1:
        raise DemoDataError(_("La escala es demasiado pequeña: no generaría ningún caso."))
    people = DemoDataset.objects.filter(name=PEOPLE_DATASET).values_list("written", flat=True)
    if (people.first() or 0) < target or Person.objects.count() < target:
        raise DemoDataError(
            _(
                "Faltan personas de demostración para %(target)s casos: ejecute antes el paso "
                "de personas con la misma --scale."
            )
            % {"target": f"{target:,}"}
        )
    taxonomy = _taxonomy()
    staff = _staff()
    dataset = dataset_prepare(name=DATASET, seed=seed, scale=scale, target=target)
    beneficiaries = _People()

    def make_block(rng: random.Random, first_index: int, count: int) -> list[Case]:
        draws = [[rng.random() for _ in range(_DRAWS_PER_CASE)] for _ in range(count)]
        people = beneficiaries.block(first_index, count)
        # The last block may reach past the people; those rows are beyond the target anyway.
        return [_case(person, u, taxonomy, staff) for person, u in zip(people, draws, strict=False)]

    return dataset_fill(
        dataset=dataset,
        model=_writer_model(_CaseWriter(taxonomy=taxonomy, staff=staff)),
        make_block=make_block,
        batch_size=batch_size,
        progress=progress,
        label=_("Casos"),
    )


def _opening(u_month: float, u_day: float, u_second: float) -> datetime:
    month = _pick(_MONTH, _MONTH_CUM, u_month)
    first = datetime(YEAR, month, 1, tzinfo=UTC)
    days = ((first + timedelta(days=32)).replace(day=1) - first).days
    at = first + timedelta(days=int(u_day * days), seconds=int(u_second * _DAY))
    return min(max(at, FIRST_OPENING), LAST_OPENING)


def _age(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _indigenous_share(birth_state: str) -> float:
    if not birth_state:
        return INDIGENOUS_SHARE["unknown"]
    if birth_state in INDIGENOUS_HIGH:
        return INDIGENOUS_SHARE["high"]
    return INDIGENOUS_SHARE["mid" if birth_state in INDIGENOUS_MID else "other"]


def _case(
    person: _Beneficiary,
    u: list[float],
    taxonomy: dict[tuple[str, str], tuple[int, int]],
    staff: _Staff,
) -> Case:
    opened_at = _opening(u[0], u[1], u[2])
    age = _age(person.date_of_birth, opened_at.date())
    minor = age is not None and age < 18
    unaccompanied_share = (
        UNACCOMPANIED_SHARE_TEEN if age and age >= 12 else UNACCOMPANIED_SHARE_CHILD
    )
    unaccompanied = minor and u[3] < unaccompanied_share
    if unaccompanied:
        key = UNACCOMPANIED
    else:
        key = _pick(_MINOR, _MINOR_CUM, u[4]) if minor else _pick(_ADULT, _ADULT_CUM, u[4])
    materia_code = key[0]
    capital = key == ("PENAL", "PENA_CAPITAL")
    detained = u[5] < DETAINED_SHARE.get(key, 0.0)
    in_custody = detained or unaccompanied
    channel = _pick(_CUSTODY, _CUSTODY_CUM, u[6]) if in_custody else _pick(_FREE, _FREE_CUM, u[6])
    vaim = person.sex == "F" and u[7] < VAIM_SHARE_OF_WOMEN
    gender_violence = vaim and u[8] < GENDER_VIOLENCE_SHARE_OF_VAIM
    floor = Priority.LOW
    if capital or channel == IntakeChannel.ALERT_BUTTON:
        floor = Priority.URGENT
    elif unaccompanied or detained or gender_violence:
        floor = Priority.HIGH
    priority = max(_pick(_PRIORITY, _PRIORITY_CUM, u[9]), floor)

    officers = staff.officers.get(person.office_id, [])
    assigned = None
    if officers and u[10] < ASSIGNED_SHARE:
        assigned = officers[int(u[10] / ASSIGNED_SHARE * len(officers))]
    creator = assigned or (officers[0] if officers else staff.fallback_creator)

    mean_days = CAPITAL_MEAN_DAYS_OPEN if capital else MEAN_DAYS_OPEN[materia_code]
    concluding = opened_at + timedelta(seconds=3600 + int(-mean_days * _DAY * math.log(1 - u[11])))
    closed_at, closure_reason = None, ""
    if concluding <= AS_OF:
        status = CaseStatus.CONCLUDED
        closed_at, closure_reason = concluding, _pick(_CLOSURE, _CLOSURE_CUM, u[12])
    elif AS_OF - opened_at < timedelta(days=7):
        status = _pick(_RECENT, _RECENT_CUM, u[12])
    else:
        status = _pick(_PENDING, _PENDING_CUM, u[12])
    summaries = SUMMARIES[materia_code]
    materia_id, subtype_id = taxonomy[key]
    return Case(
        office_id=person.office_id,
        channel=channel,
        beneficiary_id=person.pk,
        assigned_to_id=assigned,
        priority=priority,
        materia_id=materia_id,
        subtype_id=subtype_id,
        summary=summaries[int(u[13] * len(summaries))],
        status=status,
        opened_at=opened_at,
        closed_at=closed_at,
        closure_reason=closure_reason,
        is_minor=minor,
        is_unaccompanied_minor=unaccompanied,
        is_vaim=vaim,
        is_gender_violence=gender_violence,
        is_capital_case=capital,
        is_detained=detained,
        is_vulnerable=unaccompanied or key in VULNERABLE_SUBTYPES or u[14] < VULNERABLE_SHARE,
        speaks_indigenous_language=u[15] < _indigenous_share(person.birth_state),
        created_by_id=creator,
    )
