from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord
from amparo.conftest import Network
from amparo.network.models import JurisdictionArea
from amparo.network.tests.factories import JurisdictionAreaFactory
from amparo.outreach.models import (
    Event,
    EventKind,
    EventReport,
    EventStatus,
    Feedback,
    Registration,
)
from amparo.outreach.services import (
    PUBLIC_WRITES_PER_MINUTE,
    Reach,
    event_approve,
    event_cancel,
    event_plan,
    event_record_reach,
    event_submit,
    event_update,
    feedback_add,
    kind_create,
    registration_add,
)
from amparo.outreach.tests.conftest import NOW, actor_of, details

pytestmark = pytest.mark.django_db


def test_an_officer_plans_a_draft_placed_in_its_county_with_its_local_date(
    network: Network, alice: User, travis: JurisdictionArea, clock: object
) -> None:
    late = details(
        starts_at=NOW.replace(hour=4) + timedelta(days=8),
        ends_at=NOW.replace(hour=6) + timedelta(days=8),
    )
    event = event_plan(actor=actor_of(alice), office=network.consulate_a, details=late)
    assert event.status == EventStatus.DRAFT
    assert event.area == travis
    # 04:00 UTC on 10 March is 23:00 on 9 March in Texas (CDT since 8 March).
    assert str(event.starts_on) == "2026-03-09"
    assert AccessRecord.objects.filter(
        target_type="outreach.event", target_id=str(event.pk), action="create"
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": NOW + timedelta(days=7)}, "ends_at"),
        ({"ends_at": NOW + timedelta(days=6)}, "ends_at"),
        ({"modality": "online", "venue": "", "address": ""}, "online_url"),
        ({"venue": "", "address": ""}, "address"),
        ({"county": "Nowhere"}, "county"),
        ({"capacity": 0}, "capacity"),
        ({"title": "  "}, "title"),
    ],
)
def test_bad_plans_name_the_field_and_write_nothing(
    network: Network,
    alice: User,
    travis: JurisdictionArea,
    clock: object,
    overrides: dict[str, object],
    field: str,
) -> None:
    with pytest.raises(ValidationError) as raised:
        event_plan(actor=actor_of(alice), office=network.consulate_a, details=details(**overrides))
    assert field in raised.value.message_dict
    assert not Event.objects.exists()
    assert not AccessRecord.objects.filter(target_type="outreach.event").exists()


def test_a_place_in_another_jurisdiction_is_refused(
    network: Network, alice: User, clock: object
) -> None:
    JurisdictionAreaFactory.create(
        code="US-CA-FRESNO", region="CA", name="Fresno County", office=network.consulate_b
    )
    from amparo.network.selectors import invalidate_jurisdiction

    invalidate_jurisdiction()
    with pytest.raises(ValidationError) as raised:
        event_plan(
            actor=actor_of(alice),
            office=network.consulate_a,
            details=details(state="CA", county="Fresno"),
        )
    assert "Consulado B" in raised.value.message_dict["county"][0]


def test_nobody_plans_for_another_office_and_outsiders_plan_nothing(
    network: Network, alice: User, olga: User, luis: User, ana: User, clock: object
) -> None:
    for user in (olga, luis, ana):
        with pytest.raises(PermissionDenied):
            event_plan(actor=actor_of(user), office=network.consulate_a, details=details())
    with pytest.raises(PermissionDenied):
        event_plan(
            actor=actor_of(alice), office=network.consulate_b, details=details(county="", state="")
        )


def test_only_the_head_of_office_or_central_admin_approves(
    network: Network, alice: User, carla: User, adan: User, travis: JurisdictionArea, clock: object
) -> None:
    event = event_plan(actor=actor_of(alice), office=network.consulate_a, details=details())
    event = event_submit(actor=actor_of(alice), event=event)
    assert event.status == EventStatus.PENDING
    with pytest.raises(PermissionDenied):
        event_approve(actor=actor_of(alice), event=event)
    event = event_approve(actor=actor_of(carla), event=event)
    assert (event.status, event.approved_by) == (EventStatus.PUBLISHED, carla)
    with pytest.raises(ValidationError):
        event_approve(actor=actor_of(adan), event=event)  # already published


def test_a_published_event_is_no_longer_edited_and_only_an_approver_cancels_it(
    published_event: Event, alice: User, carla: User
) -> None:
    with pytest.raises(ValidationError):
        event_update(actor=actor_of(alice), event=published_event, details=details(title="Otro"))
    with pytest.raises(PermissionDenied):
        event_cancel(actor=actor_of(alice), event=published_event, reason="Lluvia")
    with pytest.raises(ValidationError):
        event_cancel(actor=actor_of(carla), event=published_event, reason=" ")
    assert (
        event_cancel(actor=actor_of(carla), event=published_event, reason="Lluvia").status
        == EventStatus.CANCELLED
    )


def test_editing_a_pending_event_sends_it_back_to_draft(
    network: Network, alice: User, travis: JurisdictionArea, clock: object
) -> None:
    event = event_submit(
        actor=actor_of(alice),
        event=event_plan(actor=actor_of(alice), office=network.consulate_a, details=details()),
    )
    event = event_update(
        actor=actor_of(alice), event=event, details=details(title="Derechos laborales")
    )
    assert (event.status, event.title) == (EventStatus.DRAFT, "Derechos laborales")


def _reach(**overrides: object) -> Reach:
    values: dict[str, object] = {"headcount": {("female", "30_59"): 20, ("male", "18_29"): 12}}
    values.update(overrides)
    return Reach(**values)  # type: ignore[arg-type]


def test_reach_is_recorded_once_the_event_started_and_can_be_corrected(
    published_event: Event, alice: User, clock: object
) -> None:
    with pytest.raises(ValidationError):
        event_record_reach(actor=actor_of(alice), event=published_event, reach=_reach())
    with time_machine.travel(NOW + timedelta(days=7, hours=1), tick=False):
        report = event_record_reach(
            actor=actor_of(alice),
            event=published_event,
            reach=_reach(live_viewers=40, reach_definition="Vistas en vivo"),
        )
        assert (report.in_person, report.reach, report.cells.count()) == (32, 72, 2)
        report = event_record_reach(
            actor=actor_of(alice),
            event=published_event,
            reach=_reach(headcount={("other", "60_plus"): 3}),
        )
    assert (report.in_person, report.reach, report.cells.count()) == (3, 3, 1)
    assert EventReport.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"headcount": {("female", "30_59"): -1}}, "headcount_female_30_59"),
        ({"live_viewers": 10}, "reach_definition"),
        ({"later_views": -5, "reach_definition": "x"}, "later_views"),
        ({"headcount": {("robot", "30_59"): 2}}, "headcount"),
    ],
)
def test_bad_reach_names_the_field_and_writes_nothing(
    published_event: Event, alice: User, overrides: dict[str, object], field: str
) -> None:
    with (
        time_machine.travel(NOW + timedelta(days=7, hours=1), tick=False),
        pytest.raises(ValidationError) as raised,
    ):
        event_record_reach(actor=actor_of(alice), event=published_event, reach=_reach(**overrides))
    assert field in raised.value.message_dict
    assert not EventReport.objects.exists()


def test_public_sign_up_keeps_a_name_only_with_consent_and_respects_capacity(
    published_event: Event, clock: object
) -> None:
    with pytest.raises(ValidationError) as raised:
        registration_add(event=published_event, kind="sign_up", consented=False, name="Rosa")
    assert "consented" in raised.value.message_dict
    anonymous = registration_add(event=published_event, kind="sign_up", consented=False)
    named = registration_add(
        event=published_event, kind="sign_up", consented=True, name="Rosa", phone="+15125550100"
    )
    assert (anonymous.name, named.name) == ("", "Rosa")
    Event.objects.filter(pk=published_event.pk).update(capacity=2)
    with pytest.raises(ValidationError):
        registration_add(event=published_event, kind="sign_up", consented=False)
    with pytest.raises(ValidationError):  # check-in opens two hours before the start
        registration_add(event=published_event, kind="check_in", consented=False)
    with time_machine.travel(NOW + timedelta(days=7, minutes=-30), tick=False):
        registration_add(event=published_event, kind="check_in", consented=False)
    assert Registration.objects.count() == 3


def test_drafts_take_no_registrations_and_feedback_waits_for_the_start(
    network: Network, alice: User, travis: JurisdictionArea, published_event: Event
) -> None:
    draft = event_plan(actor=actor_of(alice), office=network.consulate_a, details=details())
    with pytest.raises(ValidationError):
        registration_add(event=draft, kind="sign_up", consented=False)
    with pytest.raises(ValidationError):
        feedback_add(event=published_event, rating=5)
    with time_machine.travel(NOW + timedelta(days=7, hours=3), tick=False):
        with pytest.raises(ValidationError):
            feedback_add(event=published_event, rating=6)
        feedback_add(event=published_event, rating=4, comment="Muy claro")
    assert list(Feedback.objects.values_list("rating", flat=True)) == [4]


def test_only_central_administration_adds_kinds(adan: User, alice: User) -> None:
    with pytest.raises(PermissionDenied):
        kind_create(actor=actor_of(alice), code="x", name_es="X", name_en="X", program="open_door")
    kind = kind_create(
        actor=actor_of(adan),
        code="feria-salud",
        name_es="Feria de salud",
        name_en="Health fair",
        program="rights_campaign",
    )
    assert EventKind.objects.get(code="feria-salud") == kind
    with pytest.raises(ValidationError):
        kind_create(
            actor=actor_of(adan),
            code="feria-salud",
            name_es="Otra",
            name_en="Other",
            program="rights_campaign",
        )


def test_public_forms_take_at_most_sixty_entries_per_event_per_minute(
    published_event: Event,
) -> None:
    during = NOW + timedelta(days=7, minutes=10)
    with time_machine.travel(during, tick=False):
        for _ in range(PUBLIC_WRITES_PER_MINUTE):
            registration_add(event=published_event, kind="check_in", consented=False)
            feedback_add(event=published_event, rating=5)
        with pytest.raises(ValidationError) as raised:
            registration_add(event=published_event, kind="check_in", consented=False)
        assert "intente en un minuto" in raised.value.message_dict["kind"][0]
        with pytest.raises(ValidationError):
            feedback_add(event=published_event, rating=5)
    with time_machine.travel(during + timedelta(seconds=61), tick=False):
        registration_add(event=published_event, kind="check_in", consented=False)
        feedback_add(event=published_event, rating=4)
    assert Registration.objects.count() == PUBLIC_WRITES_PER_MINUTE + 1
    assert Feedback.objects.count() == PUBLIC_WRITES_PER_MINUTE + 1
