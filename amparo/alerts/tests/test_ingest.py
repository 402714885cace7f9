"""A phone raises an alert: stored once whatever the retries, routed to the consulate where
it was raised, a case opened, the on-duty officer paged and the family told without a
surname or a position; bad input refused with nothing written."""

from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks

from amparo.accounts.models import User
from amparo.alerts.dispatch import dispatch_alert
from amparo.alerts.models import Alert, AlertEvent, AlertPosition, FamilyAccess
from amparo.alerts.tests.conftest import (
    AUSTIN,
    FRESNO,
    NOW,
    Enrolled,
    alert_body,
    raise_alert,
    sent,
    worker_runs,
)
from amparo.cases.models import CaseEvent, EventKind, IntakeChannel, Priority
from amparo.cases.timeline import describe_event
from amparo.conftest import Network
from amparo.hotline.tests.conftest import on_duty
from amparo.network.models import OfficeKind
from amparo.network.tests.factories import OfficeFactory
from amparo.notifications.models import Notification


def test_an_alert_opens_an_urgent_case_pages_the_officer_and_tells_the_family(
    enrolled: Enrolled, alice: User, network: Network
) -> None:
    on_duty(alice, network.consulate_a)
    answer = raise_alert(enrolled.phone)
    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == "received"
    alert = Alert.objects.get()
    assert (alert.office, alert.routed_by) == (network.consulate_a, "point")
    case = alert.case
    assert case is not None and case.priority == Priority.URGENT
    assert case.channel == IntakeChannel.ALERT_BUTTON and case.office == network.consulate_a
    line = CaseEvent.objects.get(case=case, kind=EventKind.ALERT)
    assert "dirigida a Consulado A" in describe_event(line) and "35 m" in describe_event(line)
    paged = Notification.objects.get(recipient=alice, kind="alert")
    assert paged.requires_ack and str(alert.pk) in paged.subject
    assert "María" not in paged.subject and "Pérez" not in paged.subject
    family = Notification.objects.filter(kind="alert_family")
    assert {n.phone_e164 or n.email for n in family} == {"+15125550111", "ana@example.com"}
    for message in family:
        assert message.subject.startswith("María activó") and "Pérez" not in message.subject
        assert str(AUSTIN[0]) not in message.subject and "/boton/estado/" in message.subject


def test_the_same_alert_sent_again_is_stored_once_and_another_body_is_refused(
    enrolled: Enrolled,
) -> None:
    body = alert_body()
    first = enrolled.phone.post(
        "/api/v1/alerts/device/alerts", body, content_type="application/json"
    )
    again = enrolled.phone.post(
        "/api/v1/alerts/device/alerts", body, content_type="application/json"
    )
    assert (first.status_code, again.status_code) == (201, 200)
    jobs = DBTaskResult.objects.filter(task_path="amparo.alerts.dispatch.dispatch_alert")
    assert jobs.count() == 1  # the replay queued nothing
    assert worker_runs() == 1 and worker_runs() == 0
    assert dispatch_alert.call(Alert.objects.get().pk) is False  # a job run twice adds nothing
    assert Alert.objects.count() == 1 and AlertEvent.objects.count() == 1
    assert CaseEvent.objects.filter(kind=EventKind.ALERT).count() == 1
    assert FamilyAccess.objects.count() == 2
    changed = enrolled.phone.post("/api/v1/alerts/device/alerts", {**body, "text": "otra"},
                                  content_type="application/json")  # fmt: skip
    assert changed.status_code == 409 and Alert.objects.count() == 1


def test_routing_by_point_then_registered_county_then_the_ciam(
    enrolled: Enrolled, network: Network
) -> None:
    fresno = {"latitude": FRESNO[0], "longitude": FRESNO[1], "accuracy_m": 20,
              "fix_at": NOW.isoformat()}  # fmt: skip
    assert raise_alert(enrolled.phone, position=fresno).status_code == 201
    assert raise_alert(enrolled.phone, position=None).status_code == 201
    mexico = {**fresno, "latitude": 19.43, "longitude": -99.13}
    assert raise_alert(enrolled.phone, position=mexico).status_code == 201
    routes = [(a.office.code, a.routed_by) for a in Alert.objects.order_by("pk")]
    # Mexico City is outside the US and Canada, where no consulate of the network acts.
    assert routes == [("TB", "point"), ("TA", "county"), (network.ciam.code, "ciam")]
    registrant = enrolled.registrant
    registrant.home_state = registrant.home_county = ""
    registrant.save()
    assert raise_alert(enrolled.phone, position=None).status_code == 201
    to_ciam = Alert.objects.order_by("pk").last()
    assert to_ciam is not None and (to_ciam.office, to_ciam.routed_by) == (network.ciam, "ciam")
    # The CIAM holds no cases: the registrant's consulate does.
    assert to_ciam.case is not None and to_ciam.case.office == network.consulate_a


def test_outside_the_us_and_canada_the_nearest_office_abroad_acts_else_the_ciam(
    enrolled: Enrolled, network: Network
) -> None:
    guatemala = OfficeFactory.create(code="GT", kind=OfficeKind.EMBASSY, country="GT",
                                     latitude=14.60, longitude=-90.51)  # fmt: skip
    OfficeFactory.create(code="GTX", kind=OfficeKind.EMBASSY, country="GT", latitude=14.6,
                         longitude=-90.5, active_until=NOW.date() - timedelta(days=1))  # fmt: skip
    fix = {"accuracy_m": 30, "fix_at": NOW.isoformat()}
    quetzaltenango = {**fix, "latitude": 14.84, "longitude": -91.52}
    assert raise_alert(enrolled.phone, position=quetzaltenango).status_code == 201
    madrid = {**fix, "latitude": 40.42, "longitude": -3.70}
    assert raise_alert(enrolled.phone, position=madrid).status_code == 201
    first, second = Alert.objects.order_by("pk")
    assert (first.office, first.routed_by) == (guatemala, "abroad")
    assert first.case is not None and first.case.office == guatemala
    assert (second.office, second.routed_by) == (network.ciam, "ciam")


def test_an_alert_raised_elsewhere_opens_the_case_where_the_person_is(
    enrolled: Enrolled, network: Network
) -> None:
    fresno = {"latitude": FRESNO[0], "longitude": FRESNO[1], "accuracy_m": 20,
              "fix_at": NOW.isoformat()}  # fmt: skip
    raise_alert(enrolled.phone, position=fresno)
    alert = Alert.objects.get()
    assert alert.case is not None and alert.case.office == network.consulate_b
    assert alert.case.beneficiary.office == network.consulate_b
    assert alert.case.beneficiary.given_names == "María José"


def test_a_second_alert_attaches_to_the_open_case(enrolled: Enrolled) -> None:
    raise_alert(enrolled.phone)
    raise_alert(enrolled.phone)
    first, second = Alert.objects.order_by("pk")
    assert first.case_id == second.case_id
    assert CaseEvent.objects.filter(kind=EventKind.ALERT).count() == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"raised_at": (NOW + timedelta(hours=1)).isoformat()}, "futuro"),
        ({"raised_at": (NOW - timedelta(days=30)).isoformat()}, "antigua"),
        ({"raised_at": "2026-03-10T20:00:00"}, "zona horaria"),
        (
            {
                "position": {
                    "latitude": 123,
                    "longitude": 0,
                    "accuracy_m": 5,
                    "fix_at": NOW.isoformat(),
                }
            },
            "imposible",
        ),
        (
            {
                "position": {
                    "latitude": 30,
                    "longitude": -97,
                    "accuracy_m": 0,
                    "fix_at": NOW.isoformat(),
                }
            },
            "Precisión",
        ),
        ({"text": "x" * 281}, ""),
        ({"client_id": "no-es-un-uuid"}, ""),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    enrolled: Enrolled, change: dict[str, object], message: str
) -> None:
    answer = raise_alert(enrolled.phone, **change)
    assert answer.status_code == 422
    assert message in answer.json()["detail"]
    assert (
        not Alert.objects.exists() and not CaseEvent.objects.filter(kind=EventKind.ALERT).exists()
    )


def test_only_a_valid_credential_raises_an_alert(enrolled: Enrolled, client) -> None:  # type: ignore[no-untyped-def]
    from amparo.alerts.tests.conftest import phone_client

    assert raise_alert(phone_client("wrong")).status_code == 401
    assert client.post("/api/v1/alerts/device/alerts", alert_body(),
                       content_type="application/json").status_code == 401  # fmt: skip
    assert enrolled.phone.post("/api/v1/alerts/device/revocation", {"pin": "2468"},
                               content_type="application/json").status_code == 204  # fmt: skip
    assert raise_alert(enrolled.phone).status_code == 401
    assert not Alert.objects.exists()


def test_positions_attach_for_two_minutes(enrolled: Enrolled, fixed_clock) -> None:  # type: ignore[no-untyped-def]
    body = alert_body()
    raise_alert(enrolled.phone, client_id=body["client_id"])
    url = f"/api/v1/alerts/device/alerts/{body['client_id']}/positions"
    fix = {"latitude": AUSTIN[0] + 0.01, "longitude": AUSTIN[1], "accuracy_m": 12,
           "fix_at": NOW.isoformat()}  # fmt: skip
    assert enrolled.phone.post(url, fix, content_type="application/json").status_code == 201
    fixed_clock.shift(timedelta(minutes=3))
    late = enrolled.phone.post(url, fix, content_type="application/json")
    assert late.status_code == 422 and "ya no recibe posiciones" in late.json()["detail"]
    assert AlertPosition.objects.count() == 1


def test_safe_ends_the_alert_and_the_duress_pin_only_looks_as_if(enrolled: Enrolled) -> None:
    calm, forced = alert_body(), alert_body()
    raise_alert(enrolled.phone, client_id=calm["client_id"])
    raise_alert(enrolled.phone, client_id=forced["client_id"])
    base = "/api/v1/alerts/device/alerts"
    wrong = enrolled.phone.post(f"{base}/{calm['client_id']}/safe", {"pin": "0000"},
                                content_type="application/json")  # fmt: skip
    assert wrong.status_code == 422
    safe = enrolled.phone.post(f"{base}/{calm['client_id']}/safe", {"pin": "2468"},
                               content_type="application/json")  # fmt: skip
    duress = enrolled.phone.post(f"{base}/{forced['client_id']}/safe", {"pin": "1357"},
                                 content_type="application/json")  # fmt: skip
    assert safe.json()["status"] == duress.json()["status"] == "closed"
    seen = enrolled.phone.get(f"{base}/{forced['client_id']}").json()
    assert seen["status"] == "closed"  # the phone never learns otherwise
    calm_alert = Alert.objects.get(client_id=calm["client_id"])
    forced_alert = Alert.objects.get(client_id=forced["client_id"])
    assert calm_alert.status == "closed"
    assert forced_alert.status == "received" and forced_alert.duress
    safe_messages = sent("alert_family", containing="a salvo")
    assert len(safe_messages) == 2  # both contacts may see "safe", for the calm one only


def test_a_self_test_comes_back_to_the_phone_and_wakes_nobody(
    enrolled: Enrolled, alice: User, network: Network,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:  # fmt: skip
    on_duty(alice, network.consulate_a)
    with django_capture_on_commit_callbacks(execute=True):
        assert raise_alert(enrolled.phone, test=True).status_code == 201
    alert = Alert.objects.get()
    assert alert.is_test and not alert.is_active and alert.dispatched_at is not None
    assert alert.case is None and alert.office == network.consulate_a  # routed like any other
    assert not Notification.objects.exists()  # no page, no family message
    assert not FamilyAccess.objects.exists()
    assert list(alert.events.values_list("kind", flat=True)) == ["received", "closed"]
    state = enrolled.phone.get(f"/api/v1/alerts/device/alerts/{alert.client_id}").json()
    assert state["test"] is True and state["status"] == "closed"
    pushes = DBTaskResult.objects.filter(task_path="amparo.alerts.push.push_alert_news")
    assert [job.args_kwargs["args"] for job in pushes] == [[alert.pk]]  # the phone hears back
