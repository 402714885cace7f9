"""Two users in every test: who reads CIAM calls, what the caller history reveals, who
acknowledges an escalation."""

import pytest
from django.test import Client
from django.urls import reverse

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action
from amparo.cases.services import case_add_note
from amparo.cases.tests.factories import open_case_as, person_in, subtype
from amparo.conftest import Network
from amparo.hotline.models import Call, Escalation
from amparo.hotline.selectors import caller_history
from amparo.hotline.services import call_escalate
from amparo.hotline.tests.conftest import actor_for, log_call

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Nota reservada del consulado sobre la familia"
SECRET_SUMMARY = "Resumen reservado de los hechos"


def escalated_call(olga: User) -> tuple[Call, Escalation]:
    call = log_call(olga, origin_state="CA", county="Fresno")
    escalation = call_escalate(
        actor=actor_for(olga),
        call=call,
        subtype=subtype(),
        given_names="Rosa",
        first_surname="Quintanilla",
    )
    return call, escalation


def test_the_ciam_reads_its_calls_and_a_consulate_gets_404(
    as_user,
    olga: User,
    alice: User,  # type: ignore[no-untyped-def]
) -> None:
    call = log_call(olga)
    url = reverse("hotline:call_detail", args=[call.pk])

    assert as_user(olga).get(url).status_code == 200
    assert as_user(alice).get(url).status_code == 404
    assert AccessRecord.objects.filter(
        username="alice", target_type="hotline.call", outcome="denied"
    ).exists()


def test_a_consulate_reads_the_call_notes_only_through_its_case_timeline(
    as_user,
    olga: User,
    alice: User,
    bob: User,
    areas: dict,  # type: ignore[no-untyped-def]
) -> None:
    call, escalation = escalated_call(olga)
    case_url = reverse("cases:detail", args=[escalation.case.pk])

    bob_page = as_user(bob).get(case_url)
    assert bob_page.status_code == 200
    assert "detenido ayer en Fresno" in bob_page.content.decode()
    assert as_user(bob).get(reverse("hotline:call_detail", args=[call.pk])).status_code == 404
    assert as_user(alice).get(case_url).status_code == 404


def test_the_operator_sees_that_a_case_exists_but_not_its_notes(
    olga: User, bob: User, alice: User, network: Network
) -> None:
    person = person_in(network.consulate_b, given_names="Rosa", first_surname="Quintanilla")
    case = open_case_as(bob, person=person, summary=SECRET_SUMMARY)
    case_add_note(case=case, text=SECRET_NOTE, actor=actor_for(bob))

    history = caller_history(actor_for(olga), name="Rosa Quintanilla")

    [match] = history.people
    assert match.office_name == network.consulate_b.name
    [existence] = match.cases
    assert (existence.folio, existence.status) == (case.folio, "open")
    shown = repr(history)
    assert SECRET_NOTE not in shown and SECRET_SUMMARY not in shown
    # A consular officer of another consulate gets nothing from the hotline's view.
    assert caller_history(actor_for(alice), name="Rosa Quintanilla").people == []


def test_the_history_page_shows_existence_but_the_case_itself_stays_hidden(
    as_user,
    olga: User,
    bob: User,
    network: Network,  # type: ignore[no-untyped-def]
) -> None:
    person = person_in(network.consulate_b, given_names="Rosa", first_surname="Quintanilla")
    case = open_case_as(bob, person=person, summary=SECRET_SUMMARY)
    client: Client = as_user(olga)

    partial = client.get(reverse("hotline:history"), {"caller_name": "Rosa Quintanilla"})

    text = partial.content.decode()
    assert case.folio in text and network.consulate_b.name in text
    assert SECRET_SUMMARY not in text
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert AccessRecord.objects.filter(
        username="olga", action=Action.LIST, target_type="hotline.callerhistory"
    ).exists()


def test_a_single_word_does_not_search_people_nationwide(
    olga: User, bob: User, network: Network
) -> None:
    person = person_in(network.consulate_b, given_names="Rosa", first_surname="Quintanilla")
    open_case_as(bob, person=person)

    assert caller_history(actor_for(olga), name="Quintanilla").people == []


def test_earlier_calls_from_the_same_number_are_found_by_its_blind_index(
    olga: User, alice: User
) -> None:
    earlier = log_call(olga, caller_phone="+1 520 555 0142")

    history = caller_history(actor_for(olga), phone="+15205550142")
    assert [c.id for c in history.calls] == [earlier.pk]
    assert caller_history(actor_for(alice), phone="+15205550142").calls == []


def test_the_people_found_by_phone_come_with_their_cases(
    olga: User, bob: User, network: Network
) -> None:
    person = person_in(
        network.consulate_b, given_names="Ana", first_surname="Ruiz", phone="+15205550199"
    )
    case = open_case_as(bob, person=person)

    history = caller_history(actor_for(olga), phone="+15205550199")

    assert [c.folio for m in history.people for c in m.cases] == [case.folio]


def test_only_the_receiving_office_acknowledges(
    as_user,
    olga: User,
    alice: User,
    bob: User,
    areas: dict,  # type: ignore[no-untyped-def]
) -> None:
    _, escalation = escalated_call(olga)
    url = reverse("hotline:acknowledge", args=[escalation.pk])

    assert as_user(alice).post(url).status_code == 404
    assert as_user(olga).post(url).status_code == 404
    escalation.refresh_from_db()
    assert escalation.acknowledged_at is None

    assert as_user(bob).post(url).status_code == 302
    escalation.refresh_from_db()
    assert escalation.acknowledged_by == bob


def test_the_receiving_office_lists_its_escalations_and_another_does_not(
    as_user,
    olga: User,
    alice: User,
    bob: User,
    areas: dict,  # type: ignore[no-untyped-def]
) -> None:
    _, escalation = escalated_call(olga)
    page = reverse("hotline:escalations")

    assert escalation.case.folio in as_user(bob).get(page).content.decode()
    assert escalation.case.folio not in as_user(alice).get(page).content.decode()
    assert escalation.case.folio in as_user(olga).get(page).content.decode()


def test_consulates_cannot_open_the_call_form_and_operators_can(
    as_user,
    olga: User,
    alice: User,  # type: ignore[no-untyped-def]
) -> None:
    url = reverse("hotline:new_call")
    assert as_user(alice).get(url).status_code == 403
    assert as_user(olga).get(url).status_code == 200


def test_supervision_is_for_the_ciam_head_and_central_roles_not_operators(
    as_user,
    olga: User,
    ana: User,
    network: Network,  # type: ignore[no-untyped-def]
) -> None:
    from amparo.accounts.models import Role
    from amparo.conftest import _member

    head = _member("hugo", network.ciam, Role.HEAD_OF_OFFICE)
    url = reverse("hotline:supervision")
    assert as_user(olga).get(url).status_code == 403
    assert as_user(head).get(url).status_code == 200
    assert as_user(ana).get(url).status_code == 200
