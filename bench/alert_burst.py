"""A burst of alerts through gunicorn on PostgreSQL, with crashes: nothing acknowledged is
lost, every side effect happens once, the backlog drains.

Run: .venv/bin/python bench/alert_burst.py [--alerts 10000] [--seconds 60] [--phones 1000]
     [--clients 32] [--no-crashes] [--calm 300]

A fresh PostgreSQL 15 (synchronous_commit on: a stopped server keeps what it acknowledged),
the demo network and users, --phones registrants of Los Angeles (one phone and one trusted
contact each) and an officer on duty there. gunicorn (2 sync workers) and one task worker
(`db_worker`) serve it on 127.0.0.1.
  1. Calm: --calm requests each, interleaved, one at a time, before the worker starts:
     floor   POST /api/bench/alert-floor/ — the device credential and one INSERT (bench/
             _alert_floor_site.py), through the same framework, auth and limit;
     ingest  POST /api/v1/alerts/device/alerts — validation, routing, the alert and its
             dispatch job in one transaction.
     The ratio of their medians is the issue's target (≤ 1.5).
  2. Burst: --alerts alerts in --seconds from a bounded client (--clients threads, each
     sending when the schedule says), 10% of them sent a second time with the same id. A
     refused or failed request (503, a reset connection) is sent again with the same id,
     as the phone's outbox does. During the burst, unless --no-crashes: kill -9 the task
     worker three times (a new one starts at once), kill -9 one web worker (gunicorn starts
     another), and stop PostgreSQL with `pg_ctl stop -m immediate`, then start it again.
  3. Drain: the worker runs the backlog; `alerts_climb` runs every 30 s, as cron would,
     and dispatches the alerts whose job died with a killed worker.
Checks: every alert that got a 2xx is stored exactly once, with exactly one "received" case
line, one page to the officer on duty and one family link; none is left undispatched; no
2xx while the database was down. Printed: throughput, p50/p99 latency, the calm ratio, and
POST → the officer's page (median, p99).
"""

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

import _support as bench

OFFICER = "demo.consular.lax"
LOS_ANGELES = (34.10, -118.30)
WEB_WORKERS = 2
TARGET = 1.5
INGEST = "/api/v1/alerts/device/alerts"
FLOOR = "/api/bench/alert-floor/"
DRAIN_LIMIT_S = 1200
RETRY_AFTER_S = 0.5  # the bench's clients retry sooner than Retry-After says, to load it


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


# --- Processes ---------------------------------------------------------------------------------


def _environment(url: str, work: Path) -> dict[str, str]:
    return {
        **os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "0",
        "AMPARO_VAR_DIR": str(work / "var"), "DJANGO_SETTINGS_MODULE": "_alert_floor_settings",
        "PYTHONPATH": f"{bench.ROOT / 'bench'}:{bench.ROOT}", "AMPARO_LOG_LEVEL": "WARNING",
    }  # fmt: skip


def start_task_worker(env: dict[str, str], work: Path) -> subprocess.Popen[bytes]:
    log = (work / "worker.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload",
         "--interval", "0.2", "--no-startup-delay", "-v", "0"],
        cwd=bench.ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip


def web_worker_pids(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == master:
                pids.append(int(entry.name))
    return pids


def synchronous_cluster(work: Path) -> Path:
    """Restart the bench's cluster with synchronous_commit on: what the server answered
    must survive `pg_ctl stop -m immediate` (fsync stays off: the OS does not crash here)."""
    cluster = Path((work / "postgres.state").read_text().strip())
    pg_ctl(cluster, "stop", "-m", "fast")
    start_database(cluster)
    return cluster


def start_database(cluster: Path) -> None:
    pg_ctl(cluster, "start", "-o", _server_options(cluster))


def _server_options(cluster: Path) -> str:
    port = (cluster / "port").read_text().strip()
    return (f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={cluster} "
            f"-c hba_file={cluster}/pg_hba.conf -c fsync=off -c synchronous_commit=on "
            "-c max_connections=100")  # fmt: skip


def pg_ctl(cluster: Path, action: str, *options: str) -> None:
    command = [str(bench.PG_BIN / "pg_ctl"), "-D", str(cluster / "data"), "-l",
               str(cluster / "server.log"), "-w", "-t", "60", action, *options]  # fmt: skip
    subprocess.run(bench._as_owner(command), check=True, stdout=subprocess.DEVNULL)  # noqa: S603


# --- Data ----------------------------------------------------------------------------------------


def phones(count: int) -> list[str]:
    """Credentials of `count` registrants of Los Angeles with one trusted contact each,
    written directly (hashing a PIN per registrant would take minutes and is not measured)."""
    from django.utils import timezone

    from amparo.alerts import credentials
    from amparo.alerts.models import Device, Registrant, TrustedContact
    from amparo.people.models import Person

    office = bench.actor_for(OFFICER).office
    now = timezone.now()
    tokens = []
    for n in range(count):
        person = Person.objects.create(office=office, given_names=f"Ráfaga {n}",
                                       first_surname="Alerta", address_state="CA",
                                       address_county="Los Angeles County")  # fmt: skip
        registrant = Registrant.objects.create(
            person=person, office=office, phone=f"+1213555{n:04d}", home_state="CA",
            home_county="Los Angeles County", notice_version="2026-01", notice_accepted_at=now,
            pin_hash="!bench", enrolled_at=now,
        )  # fmt: skip
        TrustedContact.objects.create(registrant=registrant, name="Ana", relation="spouse",
                                      phone=f"+1213556{n:04d}", sees=["received"])  # fmt: skip
        token = credentials.new_token()
        Device.objects.create(registrant=registrant, credential_hash=credentials.digest(token),
                              provisioned_at=now)  # fmt: skip
        tokens.append(token)
    return tokens


def on_duty_with_an_hour_to_acknowledge() -> None:
    from django.utils import timezone

    from amparo.accounts.models import User
    from amparo.alerts.models import OfficePolicy
    from amparo.notifications.models import OnDutyShift

    officer = bench.actor_for(OFFICER)
    now = timezone.now()
    OnDutyShift.objects.create(office=officer.office, user=User.objects.get(username=OFFICER),
                               starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=3),
                               created_by=officer.user)  # fmt: skip
    # Nobody acknowledges during the bench: an hour keeps escalation pages out of the count.
    OfficePolicy.objects.update_or_create(office=officer.office, defaults={"ack_minutes": 60})


def alert_body(client_id: str) -> bytes:
    at = datetime.now(UTC).isoformat()
    latitude = LOS_ANGELES[0] + random.uniform(-0.2, 0.2)
    longitude = LOS_ANGELES[1] + random.uniform(-0.2, 0.2)
    return json.dumps({"client_id": client_id, "raised_at": at, "position": {
        "latitude": latitude, "longitude": longitude, "accuracy_m": 25, "fix_at": at}}).encode()  # fmt: skip


# --- The client ----------------------------------------------------------------------------------


@dataclass
class Sent:
    """One alert as its phone knows it: the same body every time it is sent."""

    token: str
    client_id: str
    body: bytes
    acknowledged_at: float | None = None  # monotonic time of the first 2xx
    statuses: list[int] = field(default_factory=list)


@dataclass
class Observed:
    latencies_ms: list[float] = field(default_factory=list)
    two_xx_while_down: int = 0
    refused_while_down: int = 0
    retry_after_seen: int = 0
    errors: dict[str, int] = field(default_factory=dict)


def post(port: int, path: str, token: str, body: bytes) -> tuple[int, dict[str, str]]:
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", path, body=body, headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {token}"})  # fmt: skip
        response = connection.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()


class DatabaseWindow:
    """When PostgreSQL was down (monotonic times), to judge the answers given meanwhile."""

    def __init__(self) -> None:
        self.down_at: float | None = None
        self.up_at: float | None = None

    def fully_down(self, started: float, ended: float) -> bool:
        return (self.down_at is not None and started > self.down_at
                and (self.up_at is None or ended < self.up_at))  # fmt: skip


def burst(port: int, alerts: list[Sent], seconds: float, clients: int,
          window: DatabaseWindow) -> tuple[Observed, float]:  # fmt: skip
    """Send every alert on schedule (and 10% twice); retry failures until each has a 2xx."""
    schedule: list[tuple[float, Sent]] = []
    step = seconds / len(alerts)
    for n, sent in enumerate(alerts):
        schedule.append((n * step, sent))
        if n % 10 == 0:  # the same alert again, a little later (the outbox, a double tap)
            schedule.append((n * step + random.uniform(0.05, 3.0), sent))
    schedule.sort(key=lambda item: item[0])
    observed = Observed()
    lock = threading.Lock()
    queue = list(reversed(schedule))
    began = time.monotonic()
    give_up = began + seconds + 600

    def send_until_stored(sent: Sent) -> None:
        while time.monotonic() < give_up:
            started = time.monotonic()
            try:
                status, headers = post(port, INGEST, sent.token, sent.body)
            except OSError as error:
                status, headers = 0, {}
                with lock:
                    observed.errors[type(error).__name__] = (
                        observed.errors.get(type(error).__name__, 0) + 1
                    )
            ended = time.monotonic()
            with lock:
                sent.statuses.append(status)
                if 200 <= status < 300:
                    observed.latencies_ms.append((ended - started) * 1000)
                    if window.fully_down(started, ended):
                        observed.two_xx_while_down += 1
                    if sent.acknowledged_at is None:
                        sent.acknowledged_at = ended
                    return
                if status == 503:
                    observed.retry_after_seen += "retry-after" in headers
                    if window.fully_down(started, ended):
                        observed.refused_while_down += 1
            if status in (401, 409, 422):
                return  # never retried: the phone drops it and offers SMS (none expected)
            time.sleep(RETRY_AFTER_S)

    def client() -> None:
        while True:
            with lock:
                if not queue:
                    return
                due, sent = queue.pop()
            wait = began + due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            send_until_stored(sent)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 700)
    return observed, time.monotonic() - began


def calm(port: int, tokens: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Interleaved single requests: the floor and the ingest, one after the other."""
    floor_ms: list[float] = []
    ingest_ms: list[float] = []
    for n in range(runs + 20):
        token = tokens[n % len(tokens)]
        for path, into in ((FLOOR, floor_ms), (INGEST, ingest_ms)):
            started = time.perf_counter()
            status, _headers = post(port, path, token, alert_body(str(uuid.uuid4())))
            assert status == 201, (path, status)
            if n >= 20:  # warm-up
                into.append((time.perf_counter() - started) * 1000)
    return floor_ms, ingest_ms


def quiet_pages(port: int, tokens: list[str], count: int) -> list[float]:
    """POST → the officer's page for single alerts with the worker idle (a normal day)."""
    from amparo.notifications.models import Notification

    delays = []
    for token in tokens[:count]:
        client_id = str(uuid.uuid4())
        started = time.monotonic()
        status, _headers = post(port, INGEST, token, alert_body(client_id))
        assert status == 201, status
        while time.monotonic() - started < 30:
            if Notification.objects.filter(kind="alert", recipient__username=OFFICER,
                                           related_id__in=_alert_ids(client_id)).exists():  # fmt: skip
                delays.append((time.monotonic() - started) * 1000)
                break
            time.sleep(0.02)
    return delays


def _alert_ids(client_id: str) -> list[str]:
    from amparo.alerts.models import Alert

    return [
        str(pk) for pk in Alert.objects.filter(client_id=client_id).values_list("pk", flat=True)
    ]


def crashes(seconds: float, actions: list[tuple[float, str, Callable[[], None]]],
            log: list[str]) -> threading.Thread:  # fmt: skip
    def run() -> None:
        began = time.monotonic()
        for at, label, action in actions:
            wait = began + at * seconds - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            log.append(f"{time.monotonic() - began:5.1f} s  {label}")
            action()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def supervise(worker: list[subprocess.Popen[bytes]], env: dict[str, str], work: Path,
              log: list[str], restarting: threading.Lock) -> threading.Event:  # fmt: skip
    """What systemd's Restart=always does for the task worker (it exits when the database
    goes away under it)."""
    stop = threading.Event()
    began = time.monotonic()

    def run() -> None:
        while not stop.wait(1):
            with restarting:
                if worker[-1].poll() is not None:
                    log.append(f"{time.monotonic() - began:5.1f} s  the task worker exited "
                               f"({worker[-1].returncode}); started again")  # fmt: skip
                    worker.append(start_task_worker(env, work))

    threading.Thread(target=run, daemon=True).start()
    return stop


# --- Checks -------------------------------------------------------------------------------------


def drain(env: dict[str, str], started: float) -> tuple[float, int]:
    """Wait until every alert is dispatched, sweeping like cron every 30 s."""
    from amparo.alerts.models import Alert

    swept = 0
    last_sweep = time.monotonic()
    while time.monotonic() - started < DRAIN_LIMIT_S:
        left = Alert.objects.exclude(close_reason="bench").filter(dispatched_at=None).count()
        if not left:
            return time.monotonic() - started, swept
        if time.monotonic() - last_sweep > 30:
            done = subprocess.run(
                [sys.executable, "manage.py", "alerts_climb"], cwd=bench.ROOT, env=env,
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            found = re.search(r"(\d+) alert\(s\) dispatched", done.stdout)
            swept += int(found.group(1)) if found else 0
            last_sweep = time.monotonic()
        time.sleep(1)
    raise SystemExit(f"the backlog did not drain in {DRAIN_LIMIT_S} s")


def side_effects(acknowledged: list[Sent]) -> dict[str, Any]:
    from django.db.models import Count

    from amparo.alerts.models import Alert, FamilyAccess
    from amparo.cases.models import CaseEvent
    from amparo.notifications.models import Notification

    ids = [uuid.UUID(sent.client_id) for sent in acknowledged]
    stored = {str(a.client_id): a for a in Alert.objects.filter(client_id__in=ids)}
    pks = [a.pk for a in stored.values()]
    received_lines = CaseEvent.objects.filter(kind="alert", payload__step="received",
                                              payload__alert__in=pks)  # fmt: skip
    lines = dict(received_lines.values_list("payload__alert").annotate(n=Count("id")))
    pages = dict(Notification.objects.filter(kind="alert", recipient__username=OFFICER,
                                             related_type="alerts.alert",
                                             related_id__in=[str(p) for p in pks])
                 .values_list("related_id").annotate(n=Count("id")))  # fmt: skip
    links = dict(FamilyAccess.objects.filter(alert_id__in=pks).values_list("alert_id")
                 .annotate(n=Count("id")))  # fmt: skip
    delays = [
        (created - alert.received_at).total_seconds() * 1000
        for alert, created in (
            (stored[k], n.created_at) for k in stored
            for n in Notification.objects.filter(kind="alert", recipient__username=OFFICER,
                                                 related_id=str(stored[k].pk))[:1]
        )
    ]  # fmt: skip
    return {
        "lost": sorted(set(map(str, ids)) - set(stored)),
        "lines_wrong": sum(1 for p in pks if lines.get(p, 0) != 1),
        "pages_wrong": sum(1 for p in pks if pages.get(str(p), 0) != 1),
        "pages_wrong_at": sorted(
            {
                (a.office.code, a.routed_by, pages.get(str(a.pk), 0))
                for a in stored.values()
                if pages.get(str(a.pk), 0) != 1
            }
        ),
        "links_wrong": sum(1 for p in pks if links.get(p, 0) != 1),
        "undispatched": Alert.objects.filter(pk__in=pks, dispatched_at=None).count(),
        # Each registrant's alerts all land on one case (the first opens it).
        "registrants_with_two_cases": Alert.objects.filter(pk__in=pks)
        .values("registrant")
        .annotate(cases=Count("case", distinct=True))
        .filter(cases__gt=1)
        .count(),
        "page_delays_ms": delays,
    }


def main() -> int:  # noqa: PLR0915 - one run, told in order
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--phones", type=int, default=1_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--calm", type=int, default=300)
    parser.add_argument("--no-crashes", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the cluster and the logs")
    args = parser.parse_args()
    options = bench.BenchOptions(scale=0, reuse=False, keep=args.keep, runs=args.calm, warmup=0)
    with bench.cluster(options, "alert-burst") as (url, work):
        bench.django_setup(url, work)
        bench.load_offices_and_users()
        from django.db import connection

        connection.close()
        cluster = synchronous_cluster(work)
        on_duty_with_an_hour_to_acknowledge()
        tokens = phones(args.phones)
        connection.close()
        env = _environment(url, work)
        port = bench.free_port()
        web = bench.start_gunicorn(port, env, work, workers=WEB_WORKERS)
        worker: list[subprocess.Popen[bytes]] = []
        try:
            floor_ms, ingest_ms = calm(port, tokens, args.calm)
            worker.append(start_task_worker(env, work))
            drain(env, time.monotonic())  # the calm phase's alerts, so the queue is empty
            quiet = quiet_pages(port, tokens[-20:], 20)
            connection.close()
            per_phone = max(1, args.alerts // len(tokens))
            alerts = [Sent(token, cid, alert_body(cid)) for token in tokens
                      for cid in (str(uuid.uuid4()) for _ in range(per_phone))][: args.alerts]  # fmt: skip
            random.shuffle(alerts)
            window = DatabaseWindow()
            log: list[str] = []
            restarting = threading.Lock()

            def kill_task_worker() -> None:
                with restarting:  # the supervisor must not start a second one meanwhile
                    worker[-1].send_signal(signal.SIGKILL)
                    worker[-1].wait()
                    worker.append(start_task_worker(env, work))

            def kill_web_worker() -> None:
                os.kill(web_worker_pids(web.pid)[0], signal.SIGKILL)

            def stop_database() -> None:
                pg_ctl(cluster, "stop", "-m", "immediate")
                window.down_at = time.monotonic()  # from here until the start, surely down
                time.sleep(3)
                window.up_at = time.monotonic()
                start_database(cluster)

            actions = [(0.15, "kill -9 the task worker", kill_task_worker),
                       (0.30, "kill -9 a web worker", kill_web_worker),
                       (0.45, "pg_ctl stop -m immediate; 3 s; start", stop_database),
                       (0.65, "kill -9 the task worker", kill_task_worker),
                       (0.80, "kill -9 the task worker", kill_task_worker)]  # fmt: skip
            chaos = None if args.no_crashes else crashes(args.seconds, actions, log)
            supervisor = supervise(worker, env, work, log, restarting)
            observed, elapsed = burst(port, alerts, args.seconds, args.clients, window)
            if chaos is not None:
                chaos.join(timeout=60)
            drain_started = time.monotonic()
            connection.close()
            drained_in, swept = drain(env, drain_started)
            supervisor.set()
            acknowledged = [sent for sent in alerts if sent.acknowledged_at is not None]
            found = side_effects(acknowledged)
        finally:
            for process in [*worker, web]:
                process.terminate()
            for process in [*worker, web]:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
    requests = sum(len(sent.statuses) for sent in alerts)
    ratio = statistics.median(ingest_ms) / statistics.median(floor_ms)
    delays = found["page_delays_ms"]
    print(
        f"PostgreSQL 15 (synchronous_commit on), gunicorn {WEB_WORKERS} sync workers, one task worker"
    )
    print(f"\ncalm, one request at a time, {args.calm} each, interleaved:")
    print(
        f"  floor  (device credential + one INSERT)  median {statistics.median(floor_ms):6.2f} ms  p99 {percentile(floor_ms, 0.99):6.2f} ms"
    )
    print(
        f"  ingest (POST {INGEST})  median {statistics.median(ingest_ms):6.2f} ms  p99 {percentile(ingest_ms, 0.99):6.2f} ms"
    )
    print(
        f"\nburst: {len(alerts):,} alerts (+{len(alerts) // 10:,} sent twice) in {args.seconds:.0f} s "
        f"from {args.clients} client threads; {requests:,} requests in {elapsed:.1f} s"
    )
    for line in log:
        print(f"  {line}")
    print(
        f"  throughput {len([s for s in alerts if s.acknowledged_at]) / elapsed:7.1f} alerts/s acknowledged, "
        f"{requests / elapsed:7.1f} requests/s"
    )
    print(
        f"  2xx latency  p50 {percentile(observed.latencies_ms, 0.5):7.1f} ms  p99 {percentile(observed.latencies_ms, 0.99):7.1f} ms"
    )
    print(
        f"  while the database was down: {observed.refused_while_down} answers 503 "
        f"({observed.retry_after_seen} 503s with Retry-After in all), {observed.two_xx_while_down} 2xx; "
        f"connection errors {observed.errors or 'none'}"
    )
    print(
        f"  backlog drained {drained_in:.0f} s after the burst; alerts_climb's sweep dispatched "
        f"{swept} (jobs lost with a killed worker, or not reached yet)"
    )
    print(
        f"\nPOST → on-duty officer's page, one alert at a time (a normal day): median "
        f"{statistics.median(quiet):.0f} ms, p99 {percentile(quiet, 0.99):.0f} ms ({len(quiet)} alerts)"
    )
    print(
        f"POST → on-duty officer's page under the burst: median {statistics.median(delays) / 1000:.1f} s, "
        f"p99 {percentile(delays, 0.99) / 1000:.1f} s ({len(delays):,} pages)"
    )
    checks = {
        "every acknowledged alert stored": not found["lost"] and len(acknowledged) == len(alerts),
        "one received line on its case each": found["lines_wrong"] == 0,
        "one page to the officer each": found["pages_wrong"] == 0,
        "one family link each": found["links_wrong"] == 0,
        "none left undispatched": found["undispatched"] == 0,
        "one case per registrant": found["registrants_with_two_cases"] == 0,
        "no 2xx while the database was down": observed.two_xx_while_down == 0,
    }
    if found["pages_wrong_at"]:
        print(f"  alerts not paged once (office, routed by, pages): {found['pages_wrong_at']}")
    print()
    for label, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    ok_ratio = ratio <= TARGET
    print(
        f"{'PASS' if ok_ratio else 'FAIL'}  alert ingest [ingest ÷ floor, calm]: {ratio:.2f}x — target ≤ {TARGET}x"
    )
    return 0 if all(checks.values()) and ok_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
