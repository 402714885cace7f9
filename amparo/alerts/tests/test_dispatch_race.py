"""Dispatch jobs racing on PostgreSQL, where writers really run in parallel: the worker and
the cron's sweep holding two alerts of one registrant (or the same alert twice) open one
case and do every side effect once."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from amparo.alerts.dispatch import dispatch_once
from amparo.alerts.models import Alert, AlertEvent
from amparo.alerts.system import acting_for
from amparo.alerts.tests.conftest import Enrolled, alert_body
from amparo.cases.models import Case, CaseEvent

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs parallel writers"),
    pytest.mark.django_db(transaction=True),
]


def test_ten_jobs_for_five_alerts_of_one_person_open_one_case(enrolled: Enrolled) -> None:
    for _ in range(5):
        response = enrolled.phone.post("/api/v1/alerts/device/alerts", alert_body(),
                                       content_type="application/json")  # fmt: skip
        assert response.status_code == 201
    acting_for(enrolled.registrant.office)  # the service's user exists, as on any day but the first
    alert_ids = list(Alert.objects.values_list("pk", flat=True)) * 2  # each job twice
    start = threading.Barrier(len(alert_ids))

    def run(alert_id: int) -> bool:
        try:
            connection.ensure_connection()  # connected before the start, to start together
            start.wait(timeout=30)
            return dispatch_once(alert_id)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        done = list(pool.map(run, alert_ids))

    assert sum(done) == 5  # each alert dispatched by exactly one of its two jobs
    assert Case.objects.count() == 1
    assert set(Alert.objects.values_list("case", flat=True)) == {Case.objects.get().pk}
    assert CaseEvent.objects.filter(kind="alert", payload__step="received").count() == 5
    assert AlertEvent.objects.filter(kind="received").count() == 5
