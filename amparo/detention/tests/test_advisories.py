"""Legal advisories: to a person or an anonymous count, by staff or a PALE provider under
contract with the office that day."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for, person_in
from amparo.detention.advisories import advisory_record
from amparo.detention.models import Advisory
from amparo.legal.models import Provider
from amparo.legal.tests.conftest import provider_with_contract
from amparo.network.models import JurisdictionArea


def record(alice: User, **overrides: object) -> Advisory:
    actor = actor_for(alice)
    values: dict[str, object] = {
        "given_on": date(2026, 3, 10), "matter": "immigration", "modality": "phone",
        "minutes": 15, "result": "information", "adviser": alice, "anonymous_count": 1,
    }  # fmt: skip
    values.update(overrides)
    return advisory_record(actor=actor, office=actor.office, **values)  # type: ignore[arg-type]


def test_an_advisory_to_people_who_gave_no_name(network: object, alice: User) -> None:
    advisory = record(alice, anonymous_count=3)
    assert advisory.person is None and advisory.anonymous_count == 3


def test_an_advisory_to_a_person_on_record(network: object, alice: User) -> None:
    person = person_in(actor_for(alice).office)
    advisory = record(alice, person=person, anonymous_count=0)
    assert advisory.person == person


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"matter": "astrology"}, "matter"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": 15.5}, "minutes"),
        ({"anonymous_count": 0}, "anonymous_count"),
        ({"adviser": None}, "adviser"),
        ({"given_on": date(2026, 3, 11)}, "given_on"),
    ],
)
def test_bad_input_is_refused_clearly(
    network: object, alice: User, overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        record(alice, **overrides)
    assert field in error.value.message_dict
    assert not Advisory.objects.exists()


@pytest.fixture
def contracted(carla: User, areas: dict[str, JurisdictionArea]) -> Provider:
    """A provider under contract with consulate A for 2026."""
    return provider_with_contract(carla, "Clínica Legal UIC", areas)


def test_an_advisory_given_by_a_pale_provider(
    network: object, alice: User, contracted: Provider
) -> None:
    advisory = record(alice, adviser=None, provider=contracted)
    assert (advisory.provider, advisory.adviser) == (contracted, None)
    assert list(contracted.advisories.all()) == [advisory]


@pytest.mark.parametrize(
    ("who", "given_on", "with_staff", "field"),
    [
        ("alice", date(2025, 12, 31), False, "provider"),  # before its contract began
        ("alice", date(2026, 3, 10), True, "adviser"),  # and someone of the staff as well
        ("bob", date(2026, 3, 10), False, "provider"),  # under contract with A, not B
    ],
)
def test_a_provider_is_refused_unless_under_contract_that_day_and_alone(
    request: pytest.FixtureRequest, network: object, contracted: Provider, who: str,
    given_on: date, with_staff: bool, field: str,
) -> None:  # fmt: skip
    user = request.getfixturevalue(who)
    with pytest.raises(ValidationError) as error:
        record(user, adviser=user if with_staff else None, provider=contracted, given_on=given_on)
    assert field in error.value.message_dict
    if field == "provider":
        assert "no tenía contrato con esta representación" in error.value.message_dict[field][0]
    assert not Advisory.objects.exists()
