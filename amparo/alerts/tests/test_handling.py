"""Staff and an alert: the routed consulate sees and acknowledges it, another consulate
does not see it, the CIAM's board follows it while active; unacknowledged, it climbs every
five minutes (head, CIAM, headquarters); outcomes reach the family; CAP 1.2 validates."""

from datetime import timedelta

import pytest
import time_machine
import xmlschema
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from amparo.accounts.models import Role, User
from amparo.alerts import cap, dispatch, escalation
from amparo.alerts.models import Alert, AlertStatus, Level
from amparo.alerts.tests.conftest import Enrolled, alert_body, raise_alert, sent
from amparo.audit.models import AccessRecord
from amparo.cases.models import CaseEvent, EventKind
from amparo.cases.tests.factories import actor_for
from amparo.conftest import Network, _member
from amparo.hotline.tests.conftest import on_duty
from amparo.network import atlas
from amparo.notifications.models import Notification
from amparo.notifications.services import notification_acknowledge

API = "/api/v1/alerts"


@pytest.fixture
def alert(enrolled: Enrolled, alice: User, network: Network) -> Alert:
    on_duty(alice, network.consulate_a)
    raise_alert(enrolled.phone)
    return Alert.objects.get()


def test_the_routed_consulate_acknowledges_and_the_phone_and_family_hear_it(
    as_user, enrolled: Enrolled, alert: Alert, alice: User
) -> None:
    officer = as_user(alice)
    board = officer.get(reverse("alerts:board")).content.decode()
    assert f'data-alert="{alert.pk}"' in board and "±35 m" in board
    austin = atlas.project(30.27, -97.74)
    assert austin is not None  # the dot on the map, where Austin is drawn
    assert f'cx="{austin[0]:.1f}" cy="{austin[1]:.1f}"' in board
    assert (
        f'data-alert-dot="{alert.pk}"' in officer.get(reverse("alerts:board_rows")).content.decode()
    )
    assert "María" not in board  # the board names nobody
    page = officer.get(reverse("alerts:detail", args=[alert.pk])).content.decode()
    assert "María José Pérez" in page and "30.27000" in page
    assert officer.post(reverse("alerts:acknowledge", args=[alert.pk])).status_code == 302
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED and alert.acknowledged_by == alice
    assert not Notification.objects.filter(kind="alert", acknowledged_at=None).exists()
    state = enrolled.phone.get(f"{API}/device/alerts/{alert.client_id}").json()
    assert state["status"] == "acknowledged"
    seen = sent("alert_family", containing="atiende")
    assert len(seen) == 1  # the sibling chose to hear only "received" and "safe"


def test_an_open_board_is_in_the_trail_when_it_opens_changes_and_every_ten_minutes(
    as_user, alert: Alert, alice: User
) -> None:
    officer = as_user(alice)

    def board_records() -> int:
        return AccessRecord.objects.filter(user=alice, target_type="alerts.alert",
                                           reason="board").count()  # fmt: skip

    officer.get(reverse("alerts:board"))
    assert board_records() == 1
    for _ in range(3):  # htmx polls every 5 s: the same alerts, the same state
        assert officer.get(reverse("alerts:board_rows")).status_code == 200
    assert board_records() == 1
    officer.post(reverse("alerts:acknowledge", args=[alert.pk]))
    officer.get(reverse("alerts:board_rows"))  # the alert now shows as acknowledged
    assert board_records() == 2
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        officer.get(reverse("alerts:board_rows"))  # still open, ten minutes on
        assert board_records() == 3
        officer.get(reverse("alerts:board"))  # opened again
        assert board_records() == 4


def test_another_consulate_cannot_see_it_and_the_ciam_follows_it_while_active(
    as_user, alert: Alert, bob: User, olga: User, alice: User
) -> None:
    assert as_user(bob).get(reverse("alerts:detail", args=[alert.pk])).status_code == 404
    assert as_user(bob).get(f"{API}/alerts").json() == []
    assert as_user(bob).post(f"{API}/alerts/{alert.pk}/acknowledgement").status_code == 404
    ciam = as_user(olga)
    assert [row["id"] for row in ciam.get(f"{API}/alerts").json()] == [alert.pk]
    assert ciam.get(f"{API}/alerts/{alert.pk}").status_code == 200
    as_user(alice).post(f"{API}/alerts/{alert.pk}/closure", {"reason": "Localizada en casa"},
                        content_type="application/json")  # fmt: skip
    assert ciam.get(f"{API}/alerts/{alert.pk}").status_code == 404  # closed: off the board


def test_an_unacknowledged_alert_climbs_to_the_head_the_ciam_and_headquarters(
    alert: Alert,
    fixed_clock,
    network: Network,
    carla: User,
    adan: User,  # type: ignore[no-untyped-def]
) -> None:
    supervisor = _member("sofia", network.ciam, Role.HEAD_OF_OFFICE)
    assert not escalation.climb(alert.pk, Level.HEAD)  # five minutes have not passed
    fixed_clock.shift(timedelta(minutes=5, seconds=1))
    assert escalation.climb_overdue() == 1
    alert.refresh_from_db()
    assert alert.level == Level.HEAD
    assert Notification.objects.filter(recipient=carla, kind="alert", requires_ack=True).exists()
    fixed_clock.shift(timedelta(minutes=5, seconds=1))
    assert escalation.climb(alert.pk, Level.CIAM)
    assert Notification.objects.filter(recipient=supervisor, kind="alert").exists()
    fixed_clock.shift(timedelta(minutes=5, seconds=1))
    assert escalation.climb(alert.pk, Level.HEADQUARTERS)
    assert Notification.objects.filter(recipient=adan, kind="alert").exists()
    fixed_clock.shift(timedelta(minutes=30))
    assert escalation.climb_overdue() == 0  # headquarters keeps it
    steps = CaseEvent.objects.filter(kind=EventKind.ALERT, payload__step="escalated").count()
    assert steps == 3


def test_the_timer_is_queued_and_acknowledging_stops_the_climb(
    enrolled: Enrolled,
    alice: User,
    network: Network,
    fixed_clock,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,
) -> None:
    on_duty(alice, network.consulate_a)
    with django_capture_on_commit_callbacks(execute=True):
        raise_alert(enrolled.phone)
    alert = Alert.objects.get()
    queued = DBTaskResult.objects.get(task_path="amparo.alerts.escalation.climb_alert")
    assert queued.run_after == alert.level_at + timedelta(minutes=5)
    assert queued.args_kwargs["args"] == [alert.pk, Level.HEAD]
    notification = Notification.objects.get(recipient=alice, kind="alert")
    notification_acknowledge(notification=notification, actor=actor_for(alice))  # from the inbox
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED
    fixed_clock.shift(timedelta(minutes=6))
    assert not escalation.climb(alert.pk, Level.HEAD)


def test_outcomes_reach_the_family_and_a_false_alarm_closes(
    as_user, alert: Alert, alice: User
) -> None:
    officer = as_user(alice)
    officer.post(reverse("alerts:outcome", args=[alert.pk]), {"outcome": "detained",
                 "detail": "Centro de detención de Pearsall"})  # fmt: skip
    alert.refresh_from_db()
    assert alert.status == AlertStatus.HELP
    page = officer.get(reverse("alerts:detail", args=[alert.pk])).content.decode()
    assert f"{reverse('detention:detention_create')}?case={alert.case_id}" in page
    told = sent("alert_family", containing="detenida")
    assert len(told) == 1  # the sibling may not see "detained"
    refused = officer.post(f"{API}/alerts/{alert.pk}/outcomes", {"outcome": "nope"},
                           content_type="application/json")  # fmt: skip
    assert refused.status_code == 422
    officer.post(f"{API}/alerts/{alert.pk}/outcomes", {"outcome": "false_alarm"},
                 content_type="application/json")  # fmt: skip
    alert.refresh_from_db()
    assert alert.status == AlertStatus.CLOSED and alert.close_reason == "Falsa alarma"


def test_cap_messages_validate_against_the_official_schema(
    as_user, alert: Alert, alice: User
) -> None:
    schema = xmlschema.XMLSchema(str(cap.SCHEMA))
    message = cap.cap_message(alert)
    schema.validate(message)
    assert b"<scope>Restricted</scope>" in message and b"+00:00</sent>" in message
    assert (
        b"Mar\xc3\xada" not in message and b"<circle>30.270000,-97.740000 0.035</circle>" in message
    )
    download = as_user(alice).get(reverse("alerts:cap", args=[alert.pk]))
    schema.validate(download.content)
    Alert.objects.filter(pk=alert.pk).update(position="", status="closed")
    alert.refresh_from_db()
    schema.validate(cap.cap_message(alert))


def test_an_alert_whose_dispatch_fails_is_kept_and_dispatched_later(
    enrolled: Enrolled, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(alert: Alert) -> None:
        raise RuntimeError("the notifications table is locked")

    monkeypatch.setattr("amparo.alerts.dispatch.dispatch", broken)
    response = enrolled.phone.post("/api/v1/alerts/device/alerts", alert_body(),
                                   content_type="application/json")  # fmt: skip
    assert response.status_code == 201  # the phone's alert is safe before any side effect
    kept = Alert.objects.get()
    [job] = DBTaskResult.objects.filter(task_path="amparo.alerts.dispatch.dispatch_alert")
    assert job.args_kwargs["args"] == [kept.pk]
    with pytest.raises(RuntimeError):  # the worker records the job as failed
        dispatch.dispatch_alert.call(kept.pk)
    kept.refresh_from_db()
    assert kept.dispatched_at is None and kept.case is None
    monkeypatch.undo()
    assert dispatch.dispatch_pending() == 1
    kept.refresh_from_db()
    assert kept.dispatched_at is not None and kept.case is not None
    assert dispatch.dispatch_pending() == 0


def test_the_cron_command_climbs_what_is_overdue(alert: Alert, fixed_clock) -> None:  # type: ignore[no-untyped-def]
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("alerts_climb", stdout=out)
    assert "0 alert(s) dispatched, 0 alert(s) climbed" in out.getvalue()
    fixed_clock.shift(timedelta(minutes=6))
    call_command("alerts_climb", stdout=out)
    assert "1 alert(s) climbed" in out.getvalue()
    alert.refresh_from_db()
    assert alert.level == Level.HEAD


def test_the_head_sets_the_minutes_and_the_alert_climbs_after_them(
    as_user,
    enrolled: Enrolled,
    carla: User,
    alice: User,
    fixed_clock,  # type: ignore[no-untyped-def]
) -> None:
    head = as_user(carla)
    assert as_user(alice).post(reverse("alerts:ack_minutes"), {"minutes": 2}).status_code == 403
    assert escalation.ack_minutes(carla.memberships.get().office) == 5  # officers may not
    head.post(reverse("alerts:ack_minutes"), {"minutes": 2})
    assert (
        "tiene 2 minutos para acusar recibo" in head.get(reverse("alerts:board")).content.decode()
    )
    refused = head.put("/api/v1/alerts/policy", {"minutes": 90}, content_type="application/json")
    assert refused.status_code == 422
    assert head.get("/api/v1/alerts/policy").json()["minutes"] == 2
    raise_alert(enrolled.phone)
    alert = Alert.objects.get()
    fixed_clock.shift(timedelta(minutes=2, seconds=1))
    assert escalation.climb(alert.pk, Level.HEAD)


def test_the_phone_hears_by_sms_too_unless_it_used_the_duress_pin(
    as_user, enrolled: Enrolled, alice: User, network: Network
) -> None:
    on_duty(alice, network.consulate_a)
    calm, forced = raise_alert(enrolled.phone).json(), raise_alert(enrolled.phone).json()
    to_phone = sent("alert_registrant", to="+15125550100")
    assert [n.subject for n in to_phone] == ["Amparo: recibimos su alerta."] * 2
    enrolled.phone.post(f"{API}/device/alerts/{forced['client_id']}/safe", {"pin": "1357"},
                        content_type="application/json")  # fmt: skip
    officer = as_user(alice)
    for answer in (calm, forced):
        alert = Alert.objects.get(client_id=answer["client_id"])
        officer.post(f"{API}/alerts/{alert.pk}/outcomes", {"outcome": "help"},
                     content_type="application/json")  # fmt: skip
    to_phone = sent("alert_registrant", to="+15125550100")
    later = [n.subject for n in to_phone if n.subject != "Amparo: recibimos su alerta."]
    assert later == ["Amparo: hay ayuda en camino."]  # the calm one only
    assert not any("María" in n.subject or "Pérez" in n.subject for n in to_phone)
