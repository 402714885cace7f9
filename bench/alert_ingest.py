"""Raising an alert from a phone: what the alert button's ingest costs over a minimal
device-authenticated INSERT, in one run, and how soon the on-duty officer has the page.

Run: .venv/bin/python bench/alert_ingest.py [--runs 100] [--warmup 10] [--reuse] [--keep]
(set AMPARO_BENCH_DIR to keep a --reuse cluster apart from other benchmarks' data).

The demo network and users on a throwaway PostgreSQL 15; runs + warm-up registrants of Los
Angeles, each with a phone and two trusted contacts, and an officer on duty there. Each
registrant raises one alert (so every alert opens its case), in Los Angeles.
Interleaved:
  floor   POST /bench/bare/ — the device credential looked up as the API does, and one
          INSERT of the alert's row on a raw cursor (no case, no pages, no timer);
  ingest  POST /api/v1/alerts/device/alerts — the whole ingest: validation, routing by the
          point, the alert, its urgent case and timeline line, the on-duty page (in-app,
          e-mail, SMS), the family's links and messages, the first escalation timer, in one
          transaction;
  replay  the same alert sent again (the phone's outbox retrying): answered from the row.
The on-duty officer's notification is written in the ingest's own transaction: it exists
the moment the phone gets its 201, so POST → page is the ingest's latency.
Target (the issue's): ingest at most 1.5 times the floor.
"""

import itertools
import sys
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import _support as bench

OFFICER = "demo.consular.lax"
LOS_ANGELES = {"latitude": 34.05, "longitude": -118.25, "accuracy_m": 20}
TARGET = 1.5


def enrolled_phones(count: int) -> list[str]:
    """Credentials of `count` fresh registrants of Los Angeles (two contacts each)."""
    from amparo.alerts.enrolment import (
        ContactIn,
        device_provision,
        provisioning_code_issue,
        registrant_enrol,
    )
    from amparo.people.models import Person

    actor = bench.actor_for(OFFICER)
    credentials = []
    for n in range(count):
        person = Person.objects.create(
            office=actor.office, given_names=f"Bench {n}", first_surname="Alerta",
            address_state="CA", address_county="Los Angeles County",
        )  # fmt: skip
        registrant = registrant_enrol(
            actor=actor, person=person, phone=f"+1213555{n:04d}", pin="2468",
            notice_accepted=True, contacts=[
                ContactIn(name="Ana", relation="spouse", phone=f"+1213556{n:04d}"),
                ContactIn(name="Luis", relation="sibling", email=f"luis{n}@example.com"),
            ],
        )  # fmt: skip
        _device, credential = device_provision(
            code=provisioning_code_issue(actor=actor, registrant=registrant)
        )
        credentials.append(credential)
    return credentials


def bare_insert(token: str) -> None:
    """What the floor does: the credential's device, and one row."""
    from django.db import connection, transaction
    from django.utils import timezone

    from amparo.alerts.enrolment import device_for_credential

    device = device_for_credential(token)
    assert device is not None
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO alerts_alert (registrant_id, device_id, client_id, body_hash,"
            " home_office_id, office_id, routed_by, raised_at, received_at, position, text,"
            " duress, is_test, status, level, level_at, close_reason, shown_closed)"
            " VALUES (%s, %s, %s, '', %s, %s, 'point', %s, %s, '', '', false, false,"
            " 'closed', 0, %s, 'bench', false)",
            [device.registrant_id, device.pk, uuid.uuid4(), device.registrant.office_id,
             device.registrant.office_id, now, now, now],
        )  # fmt: skip


def bench_urls() -> type:
    from django.contrib.auth.decorators import login_not_required
    from django.http import HttpRequest, HttpResponse
    from django.urls import path

    from config.urls import urlpatterns as project_urls

    @login_not_required  # like the phone's API: no staff session
    def floor(request: HttpRequest) -> HttpResponse:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        bare_insert(token)
        return HttpResponse(status=201)

    class BenchURLs:
        urlpatterns = [path("bench/bare/", floor), *project_urls]

    return BenchURLs


def main() -> int:
    options = bench.write_options(__doc__.splitlines()[0])
    with bench.cluster(options, "alert-ingest") as (url, work):
        bench.django_setup(url, work)
        bench.load_offices_and_users()
        from django.test import Client, override_settings
        from django.utils import timezone

        from amparo.accounts.models import User
        from amparo.alerts.models import Alert
        from amparo.notifications.models import Notification, OnDutyShift

        officer = bench.actor_for(OFFICER)
        now = timezone.now()
        OnDutyShift.objects.create(
            office=officer.office, user=User.objects.get(username=OFFICER),
            starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=6),
            created_by=officer.user,
        )  # fmt: skip
        phones = enrolled_phones(options.runs + options.warmup)
        floor_phone = phones[0]
        fresh = itertools.cycle(phones)
        sent: list[tuple[str, dict[str, Any]]] = []

        def body() -> dict[str, Any]:
            at = timezone.now()
            return {"client_id": str(uuid.uuid4()), "raised_at": at.isoformat(),
                    "position": {**LOS_ANGELES, "fix_at": at.isoformat()}}  # fmt: skip

        def post(token: str, payload: dict[str, Any], status: int, path: str) -> None:
            response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").post(
                path, payload, content_type="application/json"
            )
            assert response.status_code == status, (response.status_code, response.content)

        def ingest() -> None:
            token, payload = next(fresh), body()
            post(token, payload, 201, "/api/v1/alerts/device/alerts")
            sent.append((token, payload))

        def replay() -> None:
            token, payload = sent[-1]
            post(token, payload, 200, "/api/v1/alerts/device/alerts")

        paths: dict[str, Callable[[], object]] = {
            "floor": lambda: post(floor_phone, body(), 201, "/bench/bare/"),
            "ingest": ingest,
            "replay": replay,
        }
        with override_settings(ROOT_URLCONF=bench_urls()):
            timings = dict(zip(paths, bench.interleaved(
                list(paths.values()), runs=options.runs, warmup=options.warmup), strict=True))  # fmt: skip
        stored = Alert.objects.exclude(close_reason="bench").count()
        paged = Notification.objects.filter(kind="alert", recipient__username=OFFICER).count()
        print(f"PostgreSQL at {url}")
        print(f"runs {options.runs} (+{options.warmup} warm-up) per path, interleaved; "
              f"{stored} alerts stored, {paged} pages to the officer on duty")  # fmt: skip
        print(f"\n{'path':<58} {'median ms':>10} {'p95 ms':>9} {'ratio':>7}")
        print("-" * 87)
        labels = {
            "floor": "floor: device credential + one INSERT",
            "ingest": "ingest: POST /api/v1/alerts/device/alerts (new alert)",
            "replay": "replay: the same alert again (answered from the row)",
        }
        for name, timing in timings.items():
            ratio = timing.median / timings["floor"].median
            print(f"{labels[name]:<58} {timing.median:>10.2f} {timing.p95:>9.2f} {ratio:>7.2f}")
        print(f"POST → on-duty officer's page: {timings['ingest'].median:.1f} ms median, "
              f"{timings['ingest'].p95:.1f} ms p95 (written in the ingest's transaction)")  # fmt: skip
        ratio = timings["ingest"].median / timings["floor"].median
        ok = ratio <= TARGET
        print(f"{'PASS' if ok else 'FAIL'}  alert ingest [ingest ÷ floor]: {ratio:.2f}x — "
              f"target ≤ {TARGET}x")  # fmt: skip
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
