"""The synthetic cases generator: deterministic, resumable, consistent with case_open."""

import re
from collections import Counter, defaultdict
from datetime import UTC, datetime
from typing import cast

import pytest

from amparo.accounts.models import Role, User
from amparo.accounts.tests.factories import MembershipFactory, UserFactory
from amparo.audit.models import AccessRecord
from amparo.cases.folios import folio_year
from amparo.cases.models import Case, CaseEvent, CaseStatus, EventKind, FolioCounter
from amparo.cases.tests.factories import open_case_as
from amparo.core.models import DemoDataset
from amparo.demo.cases import DATASET, cases_target, generate_cases
from amparo.demo.people import generate_people
from amparo.demo.progress import DemoDataError, Progress
from amparo.network.models import Office, OfficeKind
from amparo.network.tests.factories import OfficeFactory
from amparo.people.models import Person

pytestmark = pytest.mark.django_db

SMALL = 0.01  # 1,768 cases
MEDIUM = 0.03  # 5,305 cases, for proportions
FOLIO = re.compile(r"^(?P<office>[A-Z0-9]+)-2025-(?P<sequence>\d{6})$")


@pytest.fixture
def offices() -> dict[str, Office]:
    def office(code: str, city: str, **fields: object) -> Office:
        return cast(
            Office, OfficeFactory(code=code, slug=code.lower(), name=city, city=city, **fields)
        )

    return {
        "los_angeles": office(
            "LAX", "Los Angeles", kind=OfficeKind.CONSULATE_GENERAL, time_zone="America/Los_Angeles"
        ),
        "chicago": office("CHI", "Chicago", kind=OfficeKind.CONSULATE_GENERAL),
        "presidio": office("PRE", "Presidio"),
        "toronto": office("TOR", "Toronto", country="CA", region="ON", time_zone="America/Toronto"),
        "tokyo": office(
            "TYO", "Tokio", country="JP", kind=OfficeKind.EMBASSY, time_zone="Asia/Tokyo"
        ),
        "headquarters": office(
            "SRE", "Ciudad de México", country="MX", kind=OfficeKind.HEADQUARTERS
        ),
    }


@pytest.fixture
def staff(offices: dict[str, Office]) -> dict[str, User]:
    def member(username: str, office: Office, role: Role) -> User:
        user = cast(User, UserFactory(username=username))
        MembershipFactory(user=user, office=office, role=role)
        return user

    return {
        "admin": member("demo.admin", offices["headquarters"], Role.CENTRAL_ADMIN),
        "head": member("carla", offices["los_angeles"], Role.HEAD_OF_OFFICE),
        "officer": member("alicia", offices["los_angeles"], Role.CONSULAR_OFFICER),
        "lawyer": member("luis", offices["los_angeles"], Role.EXTERNAL_LAWYER),
    }


def people(scale: float = SMALL, seed: int = 2025) -> None:
    generate_people(scale=scale, seed=seed)


def snapshot() -> list[tuple]:
    first_person = Person.objects.order_by("pk").values_list("pk", flat=True).first() or 0
    return [
        (row[0] - first_person, *row[1:])
        for row in Case.objects.order_by("pk").values_list(
            "beneficiary_id",
            "folio",
            "office__code",
            "materia__code",
            "subtype__code",
            "channel",
            "priority",
            "status",
            "closure_reason",
            "opened_at",
            "closed_at",
            "assigned_to__username",
            "created_by__username",
            "is_minor",
            "is_unaccompanied_minor",
            "is_vaim",
            "is_gender_violence",
            "is_capital_case",
            "is_detained",
            "is_vulnerable",
            "speaks_indigenous_language",
            "summary",
        )
    ]


def start_over() -> None:
    """Remove the generated cases with plain DELETEs (no collector walking every app's
    relations to cases: nothing else points at them here)."""
    for model in (CaseEvent, Case, FolioCounter):
        model.objects.all()._raw_delete(using="default")
    DemoDataset.objects.filter(name=DATASET).delete()


def test_the_same_seed_gives_the_same_cases_whatever_the_batch_size(
    staff: dict[str, User],
) -> None:
    people()
    generate_cases(scale=SMALL, seed=7)
    first = snapshot()
    start_over()
    generate_cases(scale=SMALL, seed=7, batch_size=333)

    assert snapshot() == first
    assert len(first) == cases_target(SMALL) == 1768


def test_another_seed_gives_other_cases(staff: dict[str, User]) -> None:
    people()
    generate_cases(scale=SMALL, seed=7)
    first = snapshot()
    start_over()
    generate_cases(scale=SMALL, seed=8)

    assert snapshot() != first


def test_running_twice_adds_no_case(staff: dict[str, User]) -> None:
    people()
    assert generate_cases(scale=SMALL, seed=1) == 1768
    assert generate_cases(scale=SMALL, seed=1) == 0

    assert Case.objects.count() == 1768
    assert CaseEvent.objects.filter(kind=EventKind.OPENED).count() == 1768
    assert DemoDataset.objects.get(name=DATASET).is_complete


def test_case_i_belongs_to_the_ith_person_in_that_persons_office(staff: dict[str, User]) -> None:
    people()
    generate_cases(scale=SMALL, seed=1)

    cases = list(Case.objects.order_by("pk").values_list("beneficiary_id", "office_id"))
    persons = list(Person.objects.order_by("pk").values_list("pk", "office_id"))
    assert cases == persons


def test_a_larger_scale_tops_up_with_the_cases_a_fresh_run_would_write(
    staff: dict[str, User],
) -> None:
    people()
    generate_cases(scale=SMALL, seed=3)
    fresh = snapshot()
    start_over()
    generate_cases(scale=SMALL / 2, seed=3)

    assert generate_cases(scale=SMALL, seed=3) == 1768 - 884
    assert snapshot() == fresh


class SimulatedCrashError(Exception):
    pass


def interrupt_after_first_batch(label: str, total: int, done: int) -> Progress:
    class Bar:
        def update(self, n: int) -> None:
            raise SimulatedCrashError

        def close(self) -> None:
            return None

    return Bar()


def test_an_interrupted_run_resumes_where_it_stopped(staff: dict[str, User]) -> None:
    people()
    generate_cases(scale=SMALL, seed=5)
    fresh = snapshot()
    start_over()

    with pytest.raises(SimulatedCrashError):
        generate_cases(scale=SMALL, seed=5, batch_size=700, progress=interrupt_after_first_batch)
    assert Case.objects.count() == 700
    assert CaseEvent.objects.filter(kind=EventKind.OPENED).count() == 700
    assert sum(FolioCounter.objects.values_list("last_value", flat=True)) == 700

    assert generate_cases(scale=SMALL, seed=5, batch_size=500) == 1768 - 700
    assert snapshot() == fresh


def test_folios_are_valid_unique_and_counters_end_at_the_last_sequence(
    offices: dict[str, Office], staff: dict[str, User]
) -> None:
    people()
    generate_cases(scale=SMALL, seed=2025)

    sequences: dict[str, list[int]] = defaultdict(list)
    for folio, code in Case.objects.values_list("folio", "office__code"):
        match = FOLIO.match(folio)
        assert match is not None and match["office"] == code
        sequences[code].append(int(match["sequence"]))
    for code, numbers in sequences.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), code
    counters = {
        counter.office.code: counter.last_value
        for counter in FolioCounter.objects.select_related("office").filter(year=2025)
    }
    assert counters == {code: len(numbers) for code, numbers in sequences.items()}

    # A real case opened afterwards continues the office's sequence.
    person = Person.objects.filter(office=offices["los_angeles"]).first()
    case = open_case_as(
        staff["officer"], person=person, opened_at=datetime(2025, 12, 31, 18, tzinfo=UTC)
    )
    assert case.folio == f"LAX-2025-{counters['LAX'] + 1:06d}"


def test_the_folio_year_is_2025_in_every_offices_time_zone(staff: dict[str, User]) -> None:
    people()
    generate_cases(scale=SMALL, seed=2025)

    for case in Case.objects.select_related("office"):
        assert folio_year(case.office, case.opened_at) == 2025


def test_cases_and_opening_events_look_like_what_case_open_writes(
    offices: dict[str, Office], staff: dict[str, User]
) -> None:
    people()
    generate_cases(scale=SMALL, seed=2025)
    real = open_case_as(
        staff["officer"], person=Person.objects.filter(office=offices["los_angeles"]).first()
    )
    real_opened = real.events.get(kind=EventKind.OPENED)
    demo = Case.objects.exclude(pk=real.pk).exclude(assigned_to=None).first()
    assert demo is not None
    demo_opened = demo.events.get(kind=EventKind.OPENED)

    assert demo_opened.payload.keys() == real_opened.payload.keys() == {"after"}
    assert demo_opened.payload["after"].keys() == real_opened.payload["after"].keys()
    assert demo_opened.payload["after"]["status"] == CaseStatus.OPEN
    assert demo_opened.payload["after"]["office"] == demo.office.code
    assert demo_opened.payload["after"]["assigned_to"]["id"] == demo.assigned_to_id
    assert demo_opened.actor_id == demo.created_by_id
    assert demo_opened.at == demo.opened_at
    assert demo.office_override_reason == ""
    assert demo.materia_id == demo.subtype.materia_id


def test_every_case_has_one_opening_event_and_moved_cases_one_status_change(
    staff: dict[str, User],
) -> None:
    people()
    generate_cases(scale=SMALL, seed=2025)

    opened = Counter(
        CaseEvent.objects.filter(kind=EventKind.OPENED).values_list("case_id", flat=True)
    )
    changed = Counter(
        CaseEvent.objects.filter(kind=EventKind.STATUS_CHANGED).values_list("case_id", flat=True)
    )
    statuses = dict(Case.objects.values_list("pk", "status"))
    assert set(opened.values()) == {1}
    assert opened.keys() == statuses.keys()
    assert set(changed.values()) == {1}
    assert changed.keys() == {pk for pk, status in statuses.items() if status != CaseStatus.OPEN}


def test_demo_generation_leaves_no_audit_records(staff: dict[str, User]) -> None:
    people()
    before = AccessRecord.objects.count()
    generate_cases(scale=SMALL, seed=2025)

    assert AccessRecord.objects.count() == before


def test_ninety_seven_percent_are_in_united_states_offices(staff: dict[str, User]) -> None:
    people(MEDIUM)
    generate_cases(scale=MEDIUM, seed=2025)
    countries = Counter(Case.objects.values_list("office__country", flat=True))

    assert countries["US"] / countries.total() == pytest.approx(0.97, abs=0.01)
    assert countries["CA"] > countries["JP"] > 0


def test_materias_subtypes_and_flags_follow_the_profile(staff: dict[str, User]) -> None:
    people(MEDIUM)
    generate_cases(scale=MEDIUM, seed=2025)
    cases = list(
        Case.objects.values(
            "materia__code",
            "subtype__code",
            "channel",
            "is_minor",
            "is_unaccompanied_minor",
            "is_vaim",
            "is_detained",
            "is_capital_case",
            "beneficiary__sex",
        )
    )
    total = len(cases)
    materias = Counter(case["materia__code"] for case in cases)
    share = {code: count / total for code, count in materias.items()}

    assert share["MIGRATORIO"] == pytest.approx(0.45, abs=0.03)
    assert share["ADMINISTRATIVO"] == pytest.approx(0.18, abs=0.02)
    assert share["PENAL"] == pytest.approx(0.15, abs=0.02)
    assert share["CIVIL_FAMILIAR"] == pytest.approx(0.10, abs=0.02)
    assert share["LABORAL"] == pytest.approx(0.06, abs=0.015)
    assert share["DERECHOS_HUMANOS"] == pytest.approx(0.06, abs=0.015)
    assert len({case["subtype__code"] for case in cases}) > 20
    assert len({case["channel"] for case in cases}) == 9
    assert 0.06 < sum(case["is_minor"] for case in cases) / total < 0.12
    unaccompanied = [case for case in cases if case["is_unaccompanied_minor"]]
    assert 0.008 < len(unaccompanied) / total < 0.025
    assert all(case["is_minor"] for case in unaccompanied)
    assert all(case["subtype__code"] == "MENORES_NO_ACOMPANADOS" for case in unaccompanied)
    vaim = [case for case in cases if case["is_vaim"]]
    assert 0.07 < len(vaim) / total < 0.13
    assert {case["beneficiary__sex"] for case in vaim} == {"F"}
    custody_materias = [c for c in cases if c["materia__code"] in {"MIGRATORIO", "PENAL"}]
    detained = sum(c["is_detained"] for c in custody_materias) / len(custody_materias)
    assert detained == pytest.approx(0.20, abs=0.04)
    assert sum(case["is_capital_case"] for case in cases) / total < 0.002


def test_early_cases_are_mostly_concluded_and_recent_ones_mostly_open(
    staff: dict[str, User],
) -> None:
    people(MEDIUM)
    generate_cases(scale=MEDIUM, seed=2025)
    january = Case.objects.filter(opened_at__lt=datetime(2025, 2, 1, tzinfo=UTC))
    december = Case.objects.filter(opened_at__gte=datetime(2025, 12, 15, tzinfo=UTC))

    assert january.filter(status=CaseStatus.CONCLUDED).count() / january.count() > 0.85
    assert december.exclude(status=CaseStatus.CONCLUDED).count() / december.count() > 0.6
    for case in Case.objects.filter(status=CaseStatus.CONCLUDED)[:500]:
        assert case.closure_reason
        assert case.closed_at is not None
        assert case.opened_at < case.closed_at <= datetime(2026, 1, 1, tzinfo=UTC)
    assert not Case.objects.exclude(status=CaseStatus.CONCLUDED).exclude(closed_at=None).exists()
    assert not Case.objects.exclude(status=CaseStatus.CONCLUDED).exclude(closure_reason="").exists()


def test_assigned_officers_work_in_the_case_office(
    offices: dict[str, Office], staff: dict[str, User]
) -> None:
    people()
    generate_cases(scale=SMALL, seed=2025)
    los_angeles = Case.objects.filter(office=offices["los_angeles"])
    elsewhere = Case.objects.exclude(office=offices["los_angeles"])

    assert set(los_angeles.values_list("assigned_to__username", flat=True)) == {
        "carla",
        "alicia",
        None,
    }
    assert set(los_angeles.values_list("created_by__username", flat=True)) <= {"carla", "alicia"}
    assert not elsewhere.exclude(assigned_to=None).exists()
    assert set(elsewhere.values_list("created_by__username", flat=True)) == {"demo.admin"}


def test_it_needs_the_people_first(staff: dict[str, User]) -> None:
    people(SMALL / 2)

    with pytest.raises(DemoDataError, match="personas"):
        generate_cases(scale=SMALL, seed=1)
    assert not Case.objects.exists()


def test_it_needs_a_central_administrator(offices: dict[str, Office]) -> None:
    people()

    with pytest.raises(DemoDataError, match="usuarios de demostración"):
        generate_cases(scale=SMALL, seed=1)
    assert not Case.objects.exists()


def test_it_refuses_to_mix_seeds_in_one_dataset(staff: dict[str, User]) -> None:
    people()
    generate_cases(scale=SMALL, seed=1)

    with pytest.raises(DemoDataError, match="semilla 1"):
        generate_cases(scale=SMALL, seed=2)
    assert Case.objects.count() == 1768
