"""Visits: planned, logged with the people seen (and found), the checklist's follow-ups,
and the "last seen" and "days since the last visit" that follow."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for
from amparo.detention.models import Detention, Facility, FollowUp, Seen, Visit, VisitStatus
from amparo.detention.selectors import facilities_with_held, not_seen
from amparo.detention.tests.factories import detain
from amparo.detention.visits import SeenEntry, follow_up_done, visit_log, visit_plan
from amparo.people.models import Person


def plan(alice: User, facility: Facility, day: date = date(2026, 3, 9)) -> Visit:
    actor = actor_for(alice)
    return visit_plan(actor=actor, office=actor.office, facility=facility, planned_on=day,
                      officers=[alice], starts_at=time(9, 30))  # fmt: skip


def test_a_logged_visit_records_who_was_seen_and_what_they_want(
    facilities: dict[str, Facility], alice: User
) -> None:
    known = detain(alice, facilities["a"])
    visit = plan(alice, facilities["a"])
    visit_log(actor=actor_for(alice), visit=visit, done_on=date(2026, 3, 9), entries=[
        SeenEntry(detention=known, checklist={"health": "Diabetes, sin insulina",
                                              "wants_family_contact": True, "has_lawyer": True}),
        SeenEntry(given_names="Rosa", first_surname="Méndez", a_number="201555123",
                  checklist={"wants_pale_referral": True, "ill_treatment": True}),
    ])  # fmt: skip
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DONE
    found = Seen.objects.get(found_on_the_day=True).detention
    assert found.person.first_surname == "Méndez" and found.facility == facilities["a"]
    assert found.case is None and found.office == visit.office
    known.refresh_from_db()
    assert known.last_seen_on == found.last_seen_on == date(2026, 3, 9)
    assert sorted(FollowUp.objects.values_list("kind", "due_on")) == [
        ("family_contact", date(2026, 3, 11)),
        ("ill_treatment", date(2026, 3, 11)),
        ("pale_referral", date(2026, 3, 14)),
    ]
    [row] = facilities_with_held(actor_for(alice), date(2026, 3, 10), only_holding=True)
    assert (row.held, row.days_since_visit) == (2, 1)


def test_never_seen_and_not_seen_for_30_days(facilities: dict[str, Facility], alice: User) -> None:
    never = detain(alice, facilities["a"])
    long_ago = detain(alice, facilities["a"])
    recently = detain(alice, facilities["a"])
    Detention.objects.filter(pk=long_ago.pk).update(last_seen_on=date(2026, 2, 7))
    Detention.objects.filter(pk=recently.pk).update(last_seen_on=date(2026, 2, 8))
    unseen = list(not_seen(actor_for(alice), date(2026, 3, 10)))
    assert unseen == [never, long_ago]  # never seen first
    assert recently not in unseen


def test_a_bad_log_leaves_nothing_half_written(
    facilities: dict[str, Facility], alice: User
) -> None:
    known = detain(alice, facilities["a"])
    visit = plan(alice, facilities["a"])
    people_before = Person.objects.count()
    with pytest.raises(ValidationError):
        visit_log(actor=actor_for(alice), visit=visit, done_on=date(2026, 3, 9), entries=[
            SeenEntry(given_names="Rosa", first_surname="Méndez"),
            SeenEntry(detention=known),
            SeenEntry(given_names="", first_surname="Sin nombre"),  # refused
        ])  # fmt: skip
    assert Person.objects.count() == people_before
    assert not Seen.objects.exists() and not FollowUp.objects.exists()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED


def test_a_visit_cannot_be_logged_as_done_in_the_future(
    facilities: dict[str, Facility], alice: User
) -> None:
    known = detain(alice, facilities["a"])
    visit = plan(alice, facilities["a"], day=date(2026, 3, 12))
    with pytest.raises(ValidationError, match="futuro"):
        visit_log(actor=actor_for(alice), visit=visit, done_on=date(2026, 3, 12),
                  entries=[SeenEntry(detention=known)])  # fmt: skip


def test_someone_held_elsewhere_cannot_be_logged_on_this_visit(
    facilities: dict[str, Facility], alice: User
) -> None:
    elsewhere = detain(alice, facilities["unplaced"])
    visit = plan(alice, facilities["a"])
    with pytest.raises(ValidationError, match="no está registrada en este centro"):
        visit_log(actor=actor_for(alice), visit=visit, done_on=date(2026, 3, 9),
                  entries=[SeenEntry(detention=elsewhere)])  # fmt: skip


def test_a_follow_up_is_done_once(facilities: dict[str, Facility], alice: User) -> None:
    known = detain(alice, facilities["a"])
    visit = plan(alice, facilities["a"])
    visit_log(actor=actor_for(alice), visit=visit, done_on=date(2026, 3, 9),
              entries=[SeenEntry(detention=known, checklist={"wants_voluntary_return": True})])  # fmt: skip
    follow_up = FollowUp.objects.get()
    follow_up_done(actor=actor_for(alice), follow_up=follow_up)
    with pytest.raises(ValidationError):
        follow_up_done(actor=actor_for(alice), follow_up=follow_up)


def test_only_the_offices_staff_visit(
    facilities: dict[str, Facility], alice: User, bob: User
) -> None:
    actor = actor_for(alice)
    with pytest.raises(ValidationError, match="personal de la representación"):
        visit_plan(actor=actor, office=actor.office, facility=facilities["a"],
                   planned_on=date(2026, 3, 20), officers=[bob])  # fmt: skip
