"""The check-in timer: unless the person checks in within N hours, their alert is raised
by the server (once, routed by the registered county); "ya llegué" with the PIN stops it,
with the duress PIN it only looks stopped."""

import io
from datetime import timedelta

from django.core.management import call_command

from amparo.alerts import checkin
from amparo.alerts.models import Alert, Registrant
from amparo.alerts.tests.conftest import NOW, Enrolled
from amparo.cases.models import CaseEvent, EventKind

DEVICE = "/api/v1/alerts/device"


def start(enrolled: Enrolled, hours: int) -> object:
    return enrolled.phone.post(f"{DEVICE}/check-in", {"hours": hours},
                               content_type="application/json")  # fmt: skip


def test_a_timer_that_runs_out_raises_the_alert_once(enrolled: Enrolled, fixed_clock) -> None:  # type: ignore[no-untyped-def]
    answer = start(enrolled, 2)
    assert answer.status_code == 200  # type: ignore[attr-defined]
    assert answer.json()["due_at"].startswith((NOW + timedelta(hours=2)).isoformat()[:16])  # type: ignore[attr-defined]
    fixed_clock.shift(timedelta(hours=1, minutes=59))
    assert checkin.raise_overdue() == 0
    fixed_clock.shift(timedelta(minutes=2))
    out = io.StringIO()
    call_command("alerts_climb", stdout=out)
    assert "1 check-in alert(s) raised" in out.getvalue()
    alert = Alert.objects.get()
    assert alert.routed_by == "county" and alert.text == checkin.TEXT and alert.case is not None
    assert CaseEvent.objects.filter(kind=EventKind.ALERT, case=alert.case).count() == 1
    assert checkin.raise_overdue() == 0 and Alert.objects.count() == 1
    assert enrolled.phone.get(f"{DEVICE}/me").json()["checkin_due_at"] is None


def test_checking_in_stops_it_and_the_duress_pin_only_looks_as_if(
    enrolled: Enrolled,
    fixed_clock,  # type: ignore[no-untyped-def]
) -> None:
    start(enrolled, 1)
    stop = f"{DEVICE}/check-in/stop"
    wrong = enrolled.phone.post(stop, {"pin": "0000"}, content_type="application/json")
    assert wrong.status_code == 422
    forced = enrolled.phone.post(stop, {"pin": "1357"}, content_type="application/json")
    assert forced.json()["due_at"] is None
    assert enrolled.phone.get(f"{DEVICE}/me").json()["checkin_due_at"] is None
    fixed_clock.shift(timedelta(hours=1, minutes=1))
    assert checkin.raise_overdue() == 1  # it ran on

    start(enrolled, 1)
    enrolled.phone.post(stop, {"pin": "2468"}, content_type="application/json")
    fixed_clock.shift(timedelta(hours=2))
    assert checkin.raise_overdue() == 0
    assert Registrant.objects.get().checkin_due_at is None


def test_the_hours_are_bounded(enrolled: Enrolled) -> None:
    assert start(enrolled, 0).status_code == 422  # type: ignore[attr-defined]
    assert start(enrolled, 73).status_code == 422  # type: ignore[attr-defined]
    assert Registrant.objects.get().checkin_due_at is None
