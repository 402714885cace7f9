from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from amparo.accounts.models import Role, User
from amparo.audit.models import AccessRecord, Action
from amparo.cases.tests.factories import subtype
from amparo.conftest import Network, _member
from amparo.hotline.models import Call, Callback, Escalation, Outcome, TelephonyEvent
from amparo.hotline.tests.conftest import log_call, on_duty

pytestmark = pytest.mark.django_db


def call_form(**overrides: str) -> dict[str, str]:
    data = {
        "caller_phone": "520-555-0142",
        "caller_name": "María López",
        "origin_country": "US",
        "origin_state": "CA",
        "county": "Fresno",
        "zip_code": "",
        "language": "es",
        "topic": "detention_deportation",
        "summary": "Su esposo fue detenido.",
        "outcome": "information",
        "callback_due_at": "",
        # The CIAM's pages read times in its own zone (Tucson in the test network).
        "started_at": timezone.localtime(timezone=ZoneInfo("America/Phoenix")).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "telephony_call_id": "",
    }
    data.update(overrides)
    return data


def test_the_call_form_starts_on_the_phone_with_documented_shortcuts(
    as_user,
    olga: User,  # type: ignore[no-untyped-def]
) -> None:
    page = as_user(olga).get(reverse("hotline:new_call")).content.decode()

    phone_input = next(tag for tag in page.split("<input") if 'name="caller_phone"' in tag)
    assert "autofocus" in phone_input
    assert 'accesskey="g"' in page and "Alt+G" in page
    assert 'accesskey="t"' in page and "Alt+T" in page
    assert 'hx-get="/ciam/llamadas/historial/"' in page


def test_save_and_new_logs_the_call_and_returns_to_an_empty_form(
    as_user,
    olga: User,  # type: ignore[no-untyped-def]
) -> None:
    client: Client = as_user(olga)

    response = client.post(reverse("hotline:new_call"), call_form(), follow=True)

    call = Call.objects.get()
    assert call.caller_phone == "+15205550142"
    assert response.redirect_chain[-1][0] == reverse("hotline:new_call")
    assert "registrada" in response.content.decode()


def test_save_and_escalate_goes_to_the_escalation_form_with_suggestions(
    as_user,
    olga: User,  # type: ignore[no-untyped-def]
) -> None:
    client: Client = as_user(olga)

    response = client.post(reverse("hotline:new_call"), call_form(then="escalate"))

    call = Call.objects.get()
    assert response["Location"] == reverse("hotline:escalate", args=[call.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'value="María"' in page and 'value="López"' in page
    assert f'value="{subtype().pk}" selected' in page


def test_a_bad_call_form_shows_errors_and_writes_nothing(
    as_user,
    olga: User,  # type: ignore[no-untyped-def]
) -> None:
    response = as_user(olga).post(
        reverse("hotline:new_call"), call_form(caller_phone="12", topic="")
    )

    assert response.status_code == 422
    assert "id_topic_error" in response.content.decode()
    assert Call.objects.count() == 0


def test_escalating_from_the_page_opens_the_case_in_the_routed_consulate(
    as_user,
    olga: User,
    network: Network,
    areas: dict,  # type: ignore[no-untyped-def]
) -> None:
    call = log_call(olga, origin_state="CA", county="Fresno")
    client: Client = as_user(olga)

    response = client.post(
        reverse("hotline:escalate", args=[call.pk]),
        {
            "affected": "caller",
            "given_names": "José",
            "first_surname": "Ramírez",
            "subtype": subtype().pk,
            "urgency": "none",
        },
    )

    assert response.status_code == 302
    escalation = Escalation.objects.get()
    assert escalation.case.office == network.consulate_b
    detail = client.get(reverse("hotline:call_detail", args=[call.pk])).content.decode()
    assert escalation.case.folio in detail
    assert f"<h1>Llamada n.º {call.pk}</h1>" in detail  # a number, not a year


def test_a_wife_calling_about_her_detained_husband_escalates_his_case(
    as_user,
    olga: User,
    bob: User,
    network: Network,
    areas: dict,  # type: ignore[no-untyped-def]
) -> None:
    on_duty(bob, network.consulate_b)  # "already detained" is urgent: the guard is paged
    call = log_call(
        olga, origin_state="CA", county="Fresno", caller_name="Rosa Elena Martínez Ruiz"
    )
    client: Client = as_user(olga)
    url = reverse("hotline:escalate", args=[call.pk])
    form = client.get(url).context["form"]
    # The caller's name is offered split as Mexican names are, in case she is the one affected.
    assert (form["given_names"].value(), form["first_surname"].value()) == (
        "Rosa Elena",
        "Martínez",
    )
    assert form["second_surname"].value() == "Ruiz"
    data = {
        "affected": "other",
        "caller_relation": "esposa",
        "given_names": "Rosa Elena",
        "first_surname": "Martínez",
        "second_surname": "Ruiz",
        "subtype": subtype().pk,
        "urgency": "already_detained",
    }
    refused = client.post(url, data)
    assert refused.status_code == 422 and "escriba el de la persona afectada" in refused.text
    assert not Escalation.objects.exists()

    data.update(given_names="Juan Carlos", first_surname="Pérez", second_surname="Soto")
    accepted = client.post(url, data)
    assert accepted.status_code == 302, accepted.context["form"].errors
    escalation = Escalation.objects.select_related("case__beneficiary").get()
    husband = escalation.case.beneficiary
    assert (husband.given_names, husband.first_surname, husband.phone) == (
        "Juan Carlos",
        "Pérez",
        "",
    )
    assert (escalation.urgent, escalation.caller_is_affected, escalation.caller_relation) == (
        True,
        False,
        "esposa",
    )
    timeline = " ".join(str(e.payload) + e.text for e in escalation.case.events.all())
    assert "Llamó Rosa Elena Martínez Ruiz (esposa), no la persona afectada." in timeline


def test_the_history_partial_lists_earlier_calls_from_the_number(
    as_user,
    olga: User,  # type: ignore[no-untyped-def]
) -> None:
    log_call(olga, caller_phone="5205550142", summary="Llamó por su pasaporte")

    partial = as_user(olga).get(
        reverse("hotline:history"), {"caller_phone": "(520) 555-0142"}, HTTP_HX_REQUEST="true"
    )

    assert "Llamó por su pasaporte" in partial.content.decode()
    assert "<html" not in partial.content.decode()


def test_the_new_call_page_picks_up_the_operators_unclaimed_telephony_call(
    as_user,
    olga: User,  # type: ignore[no-untyped-def]
) -> None:
    TelephonyEvent.objects.create(
        kind="call.started",
        call_id="prov-123",
        caller_phone="+15205550177",
        occurred_at=timezone.now() - timedelta(minutes=1),
        operator=olga,
        body_sha256="x",
    )
    client: Client = as_user(olga)

    page = client.get(reverse("hotline:new_call")).content.decode()

    assert 'value="prov-123"' in page and 'value="+15205550177"' in page
    client.post(
        reverse("hotline:new_call"),
        call_form(caller_phone="+15205550177", telephony_call_id="prov-123"),
    )
    assert Call.objects.get().telephony_call_id == "prov-123"
    assert TelephonyEvent.objects.get().claimed_by_call is not None
    assert 'value="prov-123"' not in client.get(reverse("hotline:new_call")).content.decode()


def test_callbacks_are_listed_by_due_time_and_an_attempt_is_logged(
    as_user,
    olga: User,  # type: ignore[no-untyped-def]
) -> None:
    call = log_call(olga)
    later = Callback.objects.create(
        call=call, due_at=timezone.now() + timedelta(hours=3), created_by=olga
    )
    sooner = Callback.objects.create(
        call=call, due_at=timezone.now() + timedelta(hours=1), created_by=olga
    )
    client: Client = as_user(olga)

    page = client.get(reverse("hotline:callbacks")).content.decode()
    assert page.index(f"/devoluciones/{sooner.pk}/") < page.index(f"/devoluciones/{later.pk}/")

    response = client.post(
        reverse("hotline:callback_attempt", args=[sooner.pk]), {"outcome": "no_answer"}
    )
    assert response.status_code == 302
    sooner.refresh_from_db()
    assert sooner.attempts == 1


@pytest.mark.usefixtures("midday_at_the_ciam")
def test_the_supervision_page_polls_its_figures(
    as_user,
    olga: User,
    network: Network,  # type: ignore[no-untyped-def]
) -> None:
    head = _member("hugo", network.ciam, Role.HEAD_OF_OFFICE)
    log_call(olga)
    client: Client = as_user(head)

    page = client.get(reverse("hotline:supervision")).content.decode()
    assert 'hx-trigger="every 10s"' in page
    live = client.get(reverse("hotline:live")).content.decode()
    assert 'data-figure="calls_today">1<' in live
    assert "<html" not in live
    # Calls per hour: a chart, and its table for screen readers (noon in Tucson: 13 hours).
    assert 'class="chart__svg"' in live
    assert live.count("<title>") == 1  # one bar: the hour of the call
    assert live.count('<th scope="row">') == 13


def test_the_report_counts_by_topic_and_the_csv_export_is_audited(
    as_user,
    olga: User,
    network: Network,  # type: ignore[no-untyped-def]
) -> None:
    head = _member("hugo", network.ciam, Role.HEAD_OF_OFFICE)
    log_call(olga, topic="fraud", origin_state="TX")
    log_call(olga, topic="fraud", origin_state="CA", outcome=Outcome.DROPPED)
    client: Client = as_user(head)

    page = client.get(reverse("hotline:reports")).content.decode()
    assert "Fraude" in page
    export = client.get(reverse("hotline:report_csv"))
    body = export.content.decode()
    assert export["Content-Type"].startswith("text/csv")
    assert "fraud,Fraude,2" in body
    assert "CA" in body and "dropped" in body
    assert AccessRecord.objects.filter(
        username="hugo", action=Action.EXPORT, target_type="hotline.report"
    ).exists()


def test_shifts_are_configured_by_the_ciam_head_and_not_by_operators(
    as_user,
    olga: User,
    network: Network,  # type: ignore[no-untyped-def]
) -> None:
    head = _member("hugo", network.ciam, Role.HEAD_OF_OFFICE)
    data = {
        "kind": "morning",
        "morning-starts_at": "06:00",
        "morning-ends_at": "14:00",
        "morning-operators": [olga.pk],
    }
    assert as_user(olga).post(reverse("hotline:shifts"), data).status_code == 403

    response = as_user(head).post(reverse("hotline:shifts"), data)

    assert response.status_code == 302
    from amparo.hotline.models import HotlineShift

    assert list(HotlineShift.objects.get(kind="morning").operators.all()) == [olga]
    bad = dict(data, **{"morning-ends_at": "13:00"})
    assert as_user(head).post(reverse("hotline:shifts"), bad).status_code == 422


def test_the_ciam_menu_offers_each_role_only_what_it_may_open(  # type: ignore[no-untyped-def]
    as_user, olga: User, ana: User, network: Network
) -> None:
    head = _member("hugo", network.ciam, Role.HEAD_OF_OFFICE)
    supervision, reports, new_call = (
        reverse("hotline:supervision"),
        reverse("hotline:reports"),
        reverse("hotline:new_call"),
    )
    for user, offered in (
        (olga, {new_call}),  # operator
        (head, {new_call, supervision, reports}),
        (ana, {supervision, reports}),  # central analyst: reads, logs no calls
    ):
        client = as_user(user)
        menu = client.get(reverse("hotline:calls")).content.decode()
        menu = menu[menu.index('class="hotline-subnav"') :].split("</nav>")[0]
        shown = {url for url in (new_call, supervision, reports) if f'href="{url}"' in menu}
        assert shown == offered, user.username
        for url in shown:
            assert client.get(url).status_code == 200, (user.username, url)


def test_the_person_page_lists_the_calls_about_them_for_hotline_staff(  # type: ignore[no-untyped-def]
    as_user, olga: User, alice: User, network: Network
) -> None:
    from amparo.people.models import Person

    # The CIAM's own record of a caller (a consulate's people are not the CIAM's to read).
    person = Person.objects.create(office=network.ciam, given_names="Ana", first_surname="Ruiz")
    call = log_call(olga)
    Call.objects.filter(pk=call.pk).update(person=person)
    url = reverse("hotline:person_calls", args=[person.pk])
    listed = as_user(olga).get(url, HTTP_HX_REQUEST="true").content.decode()
    assert f"Llamada n.º {call.pk}" in listed and "<html" not in listed
    assert f'hx-get="{url}"' in as_user(olga).get(reverse("people:detail", args=[person.pk])).text
    assert as_user(alice).get(url).status_code == 404  # another office's person, and no calls
