from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action
from amparo.cases.models import ActionKind, Case, CaseEvent, EventKind, IntakeChannel, Priority
from amparo.cases.tests.factories import subtype
from amparo.conftest import Network
from amparo.hotline.models import (
    Call,
    Callback,
    CallbackOutcome,
    CallbackStatus,
    Escalation,
    HotlineShift,
    Outcome,
    ShiftKind,
    Urgency,
)
from amparo.hotline.services import (
    call_escalate,
    callback_log_attempt,
    callback_schedule,
    callbacks_hand_over,
    escalation_acknowledge,
    shifts_ensure,
)
from amparo.hotline.tests.conftest import actor_for, log_call, on_duty
from amparo.notifications.models import Notification
from amparo.people.models import Person

pytestmark = pytest.mark.django_db


def escalate(user: User, call: Call, **kwargs: object) -> Escalation:
    kwargs.setdefault("subtype", subtype())
    kwargs.setdefault("given_names", "Juan")
    kwargs.setdefault("first_surname", "Pérez")
    return call_escalate(actor=actor_for(user), call=call, **kwargs)  # type: ignore[arg-type]


def test_it_logs_a_call_in_the_operators_ciam_with_a_normalised_phone(
    olga: User, network: Network
) -> None:
    call = log_call(olga, caller_phone="520 623 7874", origin_state="az")

    call.refresh_from_db()
    assert call.office == network.ciam
    assert call.operator == olga
    assert call.caller_phone == "+15206237874"
    assert call.caller_phone_index and call.caller_phone_index != "+15206237874"
    assert call.origin_state == "AZ"
    assert call.ended_at is not None and call.ended_at >= call.started_at
    assert AccessRecord.objects.filter(
        action=Action.CREATE, target_type="hotline.call", target_id=str(call.pk), username="olga"
    ).exists()


def test_the_phone_is_stored_encrypted(olga: User) -> None:
    from django.db import connection

    call = log_call(olga, caller_phone="520 623 7874")
    with connection.cursor() as cursor:
        cursor.execute("SELECT caller_phone FROM hotline_call WHERE id = %s", [call.pk])
        stored = cursor.fetchone()[0]
    assert "6237874" not in stored


def test_a_bad_phone_is_refused_and_nothing_is_written(olga: User) -> None:
    with pytest.raises(ValidationError) as error:
        log_call(olga, caller_phone="12")
    assert "caller_phone" in error.value.message_dict
    assert Call.objects.count() == 0


def test_a_consular_officer_cannot_log_calls(alice: User) -> None:
    with pytest.raises(PermissionDenied):
        log_call(alice)


def test_a_callback_outcome_needs_a_due_time_and_creates_the_callback(olga: User) -> None:
    with pytest.raises(ValidationError):
        log_call(olga, outcome=Outcome.CALLBACK)
    assert Call.objects.count() == 0

    call = log_call(
        olga, outcome=Outcome.CALLBACK, callback_due_at=timezone.now() + timedelta(hours=2)
    )

    callback = Callback.objects.get(call=call)
    assert callback.status == CallbackStatus.OPEN
    assert callback.shift is not None  # the shift on duty at that hour


def test_escalation_routes_by_county_to_the_consulate_with_jurisdiction(
    olga: User, bob: User, adan: User, network: Network, areas: dict
) -> None:
    call = log_call(olga, origin_state="CA", county="Fresno County", zip_code="78701")

    escalation = escalate(olga, call)

    case = escalation.case
    assert escalation.office == network.consulate_b
    assert escalation.routed_by == "county"
    assert case.office == network.consulate_b
    assert case.channel == IntakeChannel.CIAM
    assert case.beneficiary.office == network.consulate_b
    assert case.beneficiary.phone == "+15205550142"
    call.refresh_from_db()
    assert call.escalated_case == case
    assert call.outcome == Outcome.CASE_OPENED
    # The call is on the case timeline as a gestión of kind "call", with its notes.
    event = CaseEvent.objects.get(case=case, kind=EventKind.ACTION)
    assert event.payload["action"] == ActionKind.CALL
    assert "detenido ayer en Fresno" in event.text


def test_an_escalation_routes_once_by_the_call_even_when_the_persons_address_disagrees(
    olga: User, network: Network, areas: dict
) -> None:
    """The caller is in Travis County (consulate A); the person A already holds has a Fresno
    address (consulate B). The call decides, once: no override reason is asked for."""
    known = Person.objects.create(
        office=network.consulate_a,
        given_names="Juan",
        first_surname="Pérez",
        address_state="CA",
        address_county="Fresno County",
    )
    call = log_call(olga, origin_state="TX", county="Travis County")
    Call.objects.filter(pk=call.pk).update(person=known)  # e.g. linked by a later merge
    call.refresh_from_db()

    escalation = escalate(olga, call)

    assert escalation.office == network.consulate_a
    assert escalation.case.office == network.consulate_a
    assert escalation.case.beneficiary == known
    opened = CaseEvent.objects.get(case=escalation.case, kind=EventKind.OPENED)
    assert opened.payload["after"]["office_chosen_by"] == "county"
    audit = AccessRecord.objects.get(action=Action.CREATE, target_type="cases.case")
    assert audit.office_id == network.ciam.pk  # the operator's own office, under a grant
    assert "escalation_to_office" in audit.reason


def test_escalation_routes_by_zip_code_when_there_is_no_county(
    olga: User, network: Network, areas: dict
) -> None:
    call = log_call(olga, origin_state="TX", zip_code="78701")

    escalation = escalate(olga, call)

    assert escalation.office == network.consulate_a
    assert escalation.routed_by == "zip"


def test_escalation_routes_by_coordinates(olga: User, network: Network, areas: dict) -> None:
    call = log_call(olga)

    escalation = escalate(olga, call, latitude=36.7, longitude=-119.8)

    assert (escalation.office, escalation.routed_by) == (network.consulate_b, "point")


def test_without_a_place_the_operator_must_choose_the_office(
    olga: User, network: Network, areas: dict
) -> None:
    call = log_call(olga)
    with pytest.raises(ValidationError) as error:
        escalate(olga, call)
    assert "office" in error.value.message_dict
    assert Case.objects.count() == 0
    assert Person.objects.count() == 0

    escalation = escalate(olga, call, chosen_office=network.consulate_a)

    assert (escalation.office, escalation.routed_by) == (network.consulate_a, "chosen")


def test_a_call_is_escalated_only_once(olga: User, areas: dict) -> None:
    call = log_call(olga, origin_state="CA", county="Fresno")
    escalate(olga, call)
    with pytest.raises(ValidationError):
        escalate(olga, call)
    assert Case.objects.count() == 1


def test_an_urgent_escalation_pages_the_on_duty_officer_and_waits_for_acknowledgement(
    olga: User, bob: User, network: Network, areas: dict
) -> None:
    on_duty(bob, network.consulate_b)
    call = log_call(olga, origin_state="CA", county="Fresno")

    escalation = escalate(olga, call, urgency=Urgency.IMMINENT_DETENTION)

    assert escalation.urgent
    assert escalation.case.priority == Priority.URGENT
    notice = Notification.objects.get(recipient=bob)
    assert notice.requires_ack and notice.acknowledged_at is None
    assert notice.related_type == "hotline.escalation"
    assert escalation.case.folio in notice.subject
    assert "Pérez" not in notice.subject  # no names travel by email or SMS
    assert escalation.acknowledged_at is None

    escalation_acknowledge(actor=actor_for(bob), escalation=escalation)

    escalation.refresh_from_db()
    notice.refresh_from_db()
    assert escalation.acknowledged_by == bob
    assert notice.acknowledged_at is not None


def test_a_normal_escalation_notifies_nobody_but_still_waits_for_acknowledgement(
    olga: User, bob: User, network: Network, areas: dict
) -> None:
    on_duty(bob, network.consulate_b)
    call = log_call(olga, origin_state="CA", county="Fresno")

    escalation = escalate(olga, call)

    assert not escalation.urgent
    assert Notification.objects.count() == 0
    assert escalation.acknowledged_at is None


def test_another_consulate_cannot_acknowledge(
    olga: User, alice: User, bob: User, areas: dict
) -> None:
    call = log_call(olga, origin_state="CA", county="Fresno")
    escalation = escalate(olga, call)

    from django.http import Http404

    with pytest.raises(Http404):
        escalation_acknowledge(actor=actor_for(alice), escalation=escalation)
    escalation.refresh_from_db()
    assert escalation.acknowledged_at is None


def test_callback_attempts_stop_at_the_cap(olga: User) -> None:
    call = log_call(olga)
    callback = callback_schedule(
        actor=actor_for(olga), call=call, due_at=timezone.now() + timedelta(minutes=30)
    )
    for _ in range(2):
        callback = callback_log_attempt(
            actor=actor_for(olga), callback=callback, outcome=CallbackOutcome.NO_ANSWER
        )
        assert callback.status == CallbackStatus.OPEN

    callback = callback_log_attempt(
        actor=actor_for(olga), callback=callback, outcome=CallbackOutcome.VOICEMAIL
    )

    assert (callback.attempts, callback.status) == (3, CallbackStatus.FAILED)
    assert callback.tries.count() == 3
    with pytest.raises(ValidationError):
        callback_log_attempt(
            actor=actor_for(olga), callback=callback, outcome=CallbackOutcome.REACHED
        )


def test_reaching_the_person_closes_the_callback(olga: User) -> None:
    call = log_call(olga)
    callback = callback_schedule(
        actor=actor_for(olga), call=call, due_at=timezone.now() + timedelta(minutes=30)
    )
    callback = callback_log_attempt(
        actor=actor_for(olga), callback=callback, outcome=CallbackOutcome.REACHED
    )
    assert callback.status == CallbackStatus.DONE


def test_open_callbacks_of_an_ended_shift_move_to_the_shift_on_duty(
    olga: User, network: Network
) -> None:
    shifts = {shift.kind: shift for shift in shifts_ensure(network.ciam)}
    call = log_call(olga)
    stale = Callback.objects.create(
        call=call,
        due_at=timezone.now() - timedelta(minutes=10),
        shift=None,
        created_by=olga,
    )
    done = Callback.objects.create(
        call=call,
        due_at=timezone.now() - timedelta(minutes=10),
        status=CallbackStatus.DONE,
        created_by=olga,
    )
    now = timezone.now()
    current_kind = next(
        kind
        for kind, shift in shifts.items()
        if shift == _current(network, now)  # the shift covering "now" in Tucson
    )
    previous = next(s for k, s in shifts.items() if k != current_kind)
    stale.shift = previous
    stale.save(update_fields=["shift"])

    moved = callbacks_hand_over(office=network.ciam, at=now)

    stale.refresh_from_db()
    done.refresh_from_db()
    assert moved == 1
    assert stale.shift == shifts[current_kind]
    assert done.shift is None
    assert callbacks_hand_over(office=network.ciam, at=now) == 0


def _current(network: Network, now: object) -> HotlineShift | None:
    from amparo.hotline.selectors import current_shift

    return current_shift(network.ciam, now)  # type: ignore[arg-type]


def test_the_three_default_shifts_cover_the_day(network: Network) -> None:
    shifts = shifts_ensure(network.ciam)
    assert [s.kind for s in shifts] == [ShiftKind.MORNING, ShiftKind.AFTERNOON, ShiftKind.NIGHT]
    assert shifts_ensure(network.consulate_a) == []
