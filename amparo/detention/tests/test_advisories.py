"""Legal advisories: to a person or an anonymous count, by staff or a PALE provider."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for, person_in
from amparo.detention.advisories import advisory_record
from amparo.detention.models import Advisory


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
        ({"adviser": None, "provider": ""}, "adviser"),
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
