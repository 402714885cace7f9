"""Detentions: recorded for a case's national, moved with their history kept, ended."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for
from amparo.detention.models import Detention, DetentionStatus, Facility, Stay
from amparo.detention.services import detention_end, detention_transfer
from amparo.detention.tests.factories import detain


def test_a_transfer_keeps_the_history(facilities: dict[str, Facility], alice: User) -> None:
    detention = detain(alice, facilities["a"])
    detention_transfer(actor=actor_for(alice), detention=detention, facility=facilities["unplaced"],
                       moved_on=date(2026, 3, 1))  # fmt: skip
    stays = list(Stay.objects.filter(detention=detention).order_by("id"))
    assert [(s.facility_id, s.arrived_on, s.left_on) for s in stays] == [
        (facilities["a"].pk, date(2026, 2, 1), date(2026, 3, 1)),
        (facilities["unplaced"].pk, date(2026, 3, 1), None),
    ]
    detention.refresh_from_db()
    assert detention.facility == facilities["unplaced"]
    assert detention.office == alice.memberships.get().office  # stays with the case's office


def test_a_detention_ends_with_its_last_stay(facilities: dict[str, Facility], alice: User) -> None:
    detention = detain(alice, facilities["a"])
    detention_end(
        actor=actor_for(alice), detention=detention, status="removed", ended_on=date(2026, 3, 9)
    )
    detention.refresh_from_db()
    assert detention.status == DetentionStatus.REMOVED
    assert Stay.objects.get(detention=detention).left_on == date(2026, 3, 9)


def test_a_detention_cannot_end_before_it_starts(
    facilities: dict[str, Facility], alice: User
) -> None:
    detention = detain(alice, facilities["a"])
    with pytest.raises(ValidationError, match="antes de empezar"):
        detention_end(actor=actor_for(alice), detention=detention, status="released",
                      ended_on=date(2026, 1, 15))  # fmt: skip
    detention.refresh_from_db()
    assert detention.status == DetentionStatus.HELD
    assert Stay.objects.get(detention=detention).left_on is None  # nothing half-written
    # And the database refuses it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Detention.objects.filter(pk=detention.pk).update(ended_on=date(2026, 1, 15))


def test_dates_in_the_future_are_refused_in_the_offices_day(
    facilities: dict[str, Facility], alice: User
) -> None:
    with pytest.raises(ValidationError, match="futuro"):
        detain(alice, facilities["a"], detained_on=date(2026, 3, 11))
    assert not Detention.objects.exists()


def test_another_office_cannot_move_it(
    facilities: dict[str, Facility], alice: User, bob: User
) -> None:
    detention = detain(alice, facilities["a"])
    with pytest.raises(PermissionDenied):
        detention_transfer(actor=actor_for(bob), detention=detention, facility=facilities["b"],
                           moved_on=date(2026, 3, 1))  # fmt: skip
