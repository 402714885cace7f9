"""Raising an alert from a phone: what the alert button's ingest costs over a minimal
device-authenticated INSERT, in one run, and what the task worker then spends on each alert.

Run: .venv/bin/python bench/alert_ingest.py [--runs 100] [--warmup 10] [--reuse] [--keep]
(set AMPARO_BENCH_DIR to keep a --reuse cluster apart from other benchmarks' data).
bench/alert_burst.py measures the same through gunicorn, under a burst and crashes.

The demo network and users on a throwaway PostgreSQL 15; runs + warm-up registrants of Los
Angeles, each with a phone and two trusted contacts, and an officer on duty there. Each
registrant raises one alert (so every alert opens its case), in Los Angeles.
Interleaved:
  floor     POST /api/bench/alert-floor/ (bench/_alert_floor_site.py) — the same framework,
            device credential and per-device limit as the phone's API, the same body
            parsed, then one INSERT of the alert's row on a raw cursor;
  ingest    POST /api/v1/alerts/device/alerts — the phone's 201: validation, routing by the
            point, the alert and its dispatch job, in one transaction;
  replay    the same alert sent again (the phone's outbox retrying): answered from the row;
  dispatch  the task worker's job for the alert just raised (dispatch.dispatch_once): its
            urgent case and timeline line, the on-duty page (in-app, e-mail, SMS), the
            family's links and messages, the first escalation timer.
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
AHEAD = 3  # alerts raised before the timing, so the worker's job always has one waiting


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
        phones = enrolled_phones(options.runs + options.warmup + AHEAD)
        floor_phones = itertools.cycle(phones)  # each phone is limited to 30 requests a minute
        fresh = itertools.cycle(phones)
        sent: list[tuple[str, dict[str, Any]]] = []
        from amparo.alerts.dispatch import dispatch_once

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

        def dispatch() -> None:
            """The oldest alert not yet dispatched (the rotation may run this first)."""
            waiting = Alert.objects.filter(dispatched_at=None).exclude(close_reason="bench")
            assert dispatch_once(waiting.order_by("pk").values_list("pk", flat=True)[0])

        paths: dict[str, Callable[[], object]] = {
            "floor": lambda: post(next(floor_phones), body(), 201, "/api/bench/alert-floor/"),
            "ingest": ingest,
            "replay": replay,
            "dispatch": dispatch,
        }
        with override_settings(ROOT_URLCONF="_alert_floor_site"):
            for _ in range(AHEAD):  # the rotation runs the worker's job before an ingest at times
                ingest()
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
            "dispatch": "dispatch: the worker's job (case, pages, family, timer)",
        }
        for name, timing in timings.items():
            ratio = timing.median / timings["floor"].median
            print(f"{labels[name]:<58} {timing.median:>10.2f} {timing.p95:>9.2f} {ratio:>7.2f}")
        print(f"the worker's job is {timings['dispatch'].median:.1f} ms an alert: one worker "
              f"pages about {1000 / timings['dispatch'].median:.0f} alerts a second")  # fmt: skip
        ratio = timings["ingest"].median / timings["floor"].median
        ok = ratio <= TARGET
        print(f"{'PASS' if ok else 'FAIL'}  alert ingest [ingest ÷ floor]: {ratio:.2f}x — "
              f"target ≤ {TARGET}x")  # fmt: skip
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
