"""The synthetic people generator: deterministic, resumable, realistic enough to demo with."""

import datetime
from collections import Counter
from typing import cast

import pytest

from amparo.core.models import DemoDataset
from amparo.demo.people import BIRTH_STATES, generate_people, people_target
from amparo.demo.progress import DemoDataError, Progress
from amparo.network.models import Office, OfficeKind
from amparo.network.tests.factories import OfficeFactory
from amparo.people.models import Person

pytestmark = pytest.mark.django_db

SMALL = 0.01  # 1,768 people


@pytest.fixture
def offices() -> dict[str, Office]:
    def office(code: str, city: str, **fields: object) -> Office:
        return cast(
            Office, OfficeFactory(code=code, slug=code.lower(), name=city, city=city, **fields)
        )

    return {
        "los_angeles": office("LA", "Los Angeles", kind=OfficeKind.CONSULATE_GENERAL),
        "chicago": office("CHI", "Chicago", kind=OfficeKind.CONSULATE_GENERAL),
        "presidio": office("PRE", "Presidio"),
        "washington": office("WAS", "Washington", kind=OfficeKind.CONSULAR_SECTION),
        "toronto": office("TOR", "Toronto", country="CA", region="ON"),
        "guatemala": office("GUA", "Guatemala", country="GT", kind=OfficeKind.EMBASSY),
        "headquarters": office(
            "SRE", "Ciudad de México", country="MX", kind=OfficeKind.HEADQUARTERS
        ),
        "ciam": office("CIAM", "Tucson", kind=OfficeKind.CONTACT_CENTER),
        "closed": office("OLD", "Houston", active_until=datetime.date(2019, 12, 31)),
    }


def snapshot() -> list[tuple]:
    return list(
        Person.objects.order_by("pk").values_list(
            "office__code",
            "given_names",
            "first_surname",
            "second_surname",
            "date_of_birth",
            "sex",
            "birth_state",
        )
    )


def start_over() -> None:
    Person.objects.all().delete()
    DemoDataset.objects.all().delete()


def test_the_same_seed_gives_the_same_people(offices: dict[str, Office]) -> None:
    generate_people(scale=SMALL, seed=7)
    first = snapshot()
    start_over()
    generate_people(scale=SMALL, seed=7, batch_size=333)

    assert snapshot() == first
    assert len(first) == people_target(SMALL) == 1768


def test_another_seed_gives_other_people(offices: dict[str, Office]) -> None:
    generate_people(scale=SMALL, seed=7)
    first = snapshot()
    start_over()
    generate_people(scale=SMALL, seed=8)

    assert snapshot() != first


def test_running_twice_adds_nobody(offices: dict[str, Office]) -> None:
    assert generate_people(scale=SMALL, seed=1) == 1768
    assert generate_people(scale=SMALL, seed=1) == 0

    assert Person.objects.count() == 1768
    dataset = DemoDataset.objects.get(name="people")
    assert dataset.is_complete
    assert dataset.written == 1768


def test_a_larger_scale_tops_up_with_the_rows_a_fresh_run_would_write(
    offices: dict[str, Office],
) -> None:
    generate_people(scale=SMALL, seed=3)
    fresh = snapshot()
    start_over()
    generate_people(scale=SMALL / 2, seed=3)
    added = generate_people(scale=SMALL, seed=3)

    assert added == 1768 - 884
    assert snapshot() == fresh


def test_a_smaller_scale_deletes_nothing(offices: dict[str, Office]) -> None:
    generate_people(scale=SMALL, seed=3)

    assert generate_people(scale=SMALL / 2, seed=3) == 0
    assert Person.objects.count() == 1768


class SimulatedCrashError(Exception):
    pass


def interrupt_after_first_batch(label: str, total: int, done: int) -> Progress:
    class Bar:
        def update(self, n: int) -> None:
            raise SimulatedCrashError

        def close(self) -> None:
            return None

    return Bar()


def test_an_interrupted_run_resumes_where_it_stopped(offices: dict[str, Office]) -> None:
    generate_people(scale=SMALL, seed=5)
    fresh = snapshot()
    start_over()

    with pytest.raises(SimulatedCrashError):
        generate_people(scale=SMALL, seed=5, batch_size=700, progress=interrupt_after_first_batch)
    assert Person.objects.count() == 700
    assert not DemoDataset.objects.get(name="people").is_complete

    assert generate_people(scale=SMALL, seed=5, batch_size=500) == 1768 - 700
    assert snapshot() == fresh
    assert DemoDataset.objects.get(name="people").is_complete


def test_it_refuses_to_mix_seeds_in_one_dataset(offices: dict[str, Office]) -> None:
    generate_people(scale=SMALL, seed=1)

    with pytest.raises(DemoDataError, match="semilla 1"):
        generate_people(scale=SMALL, seed=2)
    assert Person.objects.count() == 1768


def test_it_needs_offices_that_take_cases(db: None) -> None:
    OfficeFactory(code="SRE", kind=OfficeKind.HEADQUARTERS, country="MX")

    with pytest.raises(DemoDataError, match="red consular"):
        generate_people(scale=SMALL, seed=1)
    assert not Person.objects.exists()


def test_ninety_seven_percent_are_in_united_states_offices(offices: dict[str, Office]) -> None:
    generate_people(scale=0.05, seed=2025)
    countries = Counter(Person.objects.values_list("office__country", flat=True))

    assert countries["US"] / countries.total() == pytest.approx(0.97, abs=0.01)
    assert countries["CA"] > countries["GT"] > 0


def test_bigger_communities_get_more_people(offices: dict[str, Office]) -> None:
    generate_people(scale=0.05, seed=2025)
    per_office = Counter(Person.objects.values_list("office__code", flat=True))

    assert per_office["LA"] > per_office["CHI"] > per_office["WAS"] > per_office["PRE"] > 0


def test_headquarters_hotline_and_closed_offices_get_nobody(offices: dict[str, Office]) -> None:
    generate_people(scale=SMALL, seed=2025)

    assert not Person.objects.filter(office__code__in=["SRE", "CIAM", "OLD"]).exists()


def test_people_look_like_the_caseload(offices: dict[str, Office]) -> None:
    generate_people(scale=0.05, seed=2025)
    people = list(Person.objects.all())
    sexes = Counter(p.sex for p in people)
    states = Counter(p.birth_state for p in people if p.birth_state)
    reference = datetime.date(2025, 7, 1)
    ages = [(reference - p.date_of_birth).days // 365 for p in people if p.date_of_birth]

    assert any(c in p.full_name for p in people for c in "áéíóúñÁÉÍÓÚÑ")
    assert any(p.given_names == "María Guadalupe" for p in people)
    assert any(p.given_names == "José Luis" for p in people)
    assert any(not p.second_surname for p in people)
    assert any("ñ" in p.first_surname for p in people)
    assert sexes["M"] > 1.4 * sexes["F"]
    assert set(states) <= {code for code, _weight in BIRTH_STATES}
    assert len({code for code, _weight in BIRTH_STATES}) == 32
    assert {code for code, _count in states.most_common(3)} <= {"MIC", "JAL", "GUA"}
    assert min(ages) >= 0
    assert max(ages) <= 80
    assert 0.05 < sum(age < 18 for age in ages) / len(ages) < 0.15


def test_demo_people_have_details_and_searchable_names(offices: dict[str, Office]) -> None:
    generate_people(scale=SMALL, seed=9)
    people = Person.objects.all()
    assert not people.filter(search_name="").exists()
    with_phone = people.exclude(phone_index="")
    assert 0.6 < with_phone.count() / people.count() < 0.9
    sample = with_phone.first()
    assert sample is not None and sample.phone.startswith("+1")
    assert people.exclude(a_number_index="").exists()
    assert people.filter(address_state="TX").exists() or people.filter(address_state="CA").exists()
    assert all("es" in p.languages for p in people[:50])
