"""Pages and API paths under concurrency, served by gunicorn as in production, against the
cheapest signed-in answer (the floor) in the same run.

Run: .venv/bin/python bench/http_concurrency.py [--people N | --scale S] [--reuse]
     [--seconds T] [--clients 1,8,32]

gunicorn (2 sync workers, config/gunicorn.py) serves the project on 127.0.0.1 against the
bench's PostgreSQL. For each path and each number of clients, that many threads send
requests back to back for --seconds, signed in as a consular officer; then the next path.
Printed per path and concurrency: requests per second, p50/p95/p99 latency and the
workers' CPU per request (from /proc), and the throughput ratio to the floor at the same
concurrency. Targets: the case-list page ≥ 0.5 times the floor's throughput, API paths ≥ 0.7 times.
A second reference, the data floor, serves the case list's bare SQL (bench/case_list.py) as
JSON behind the same middleware: what any list must fetch, with no application code. Its own
ratio to the floor bounds what the case list page and API can reach; their ratio to it is
what the application adds.
Only loopback addresses are used; every loop is bounded in time.
"""

import os
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

import _support as bench

OFFICER = "demo.consular.lax"
FLOOR = "floor (signed-in JSON)"
DATA_FLOOR = "data floor (list SQL)"
WORKERS = 2
PAGE_TARGET = 0.5
API_TARGET = 0.7
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Target:
    label: str
    url: str
    target: float | None  # throughput ÷ floor's, at least; None for the references
    serves_case_list: bool = False  # compared with the data floor too


@dataclass(frozen=True)
class Result:
    path: Target
    clients: int
    requests: int
    seconds: float
    latencies_ms: list[float]
    cpu_ms_per_request: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _worker_cpu_ticks(master_pid: int) -> int:
    """User + system ticks of the master's children (the workers)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:  # ppid
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


def _serve(port: int, work: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "_floor_settings",
        "PYTHONPATH": f"{bench.ROOT / 'bench'}:{bench.ROOT}",
        "AMPARO_LOG_LEVEL": "WARNING",
    }
    return bench.start_gunicorn(port, env, work, workers=WORKERS)


def _drive(port: int, cookie: str, path: Target, clients: int, seconds: float) -> Result:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client() -> None:
        mine: list[float] = []
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            connection = HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path.url, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                errors.append(f"{path.url}: {response.status}")
                break
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)

    master = _drive.master_pid  # type: ignore[attr-defined]
    cpu_before = _worker_cpu_ticks(master)
    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    elapsed = time.perf_counter() - began
    cpu_ms = (_worker_cpu_ticks(master) - cpu_before) * 1000 / CLOCK_TICKS
    if errors:
        raise SystemExit(f"requests failed: {errors[0]}")
    return Result(
        path, clients, len(latencies), elapsed, latencies, cpu_ms / max(1, len(latencies))
    )


def main() -> None:
    def add_arguments(parser: object) -> None:
        parser.add_argument("--seconds", type=float, default=8.0)  # type: ignore[attr-defined]
        parser.add_argument("--clients", default="1,8,32")  # type: ignore[attr-defined]

    options = bench.parse_options(__doc__.splitlines()[0], add_arguments)
    seconds = float(options.extra.get("seconds", 8.0))
    concurrencies = [int(n) for n in str(options.extra.get("clients", "1,8,32")).split(",")]
    with bench.cluster(options, "http") as (url, work):
        bench.django_setup(url, work)
        bench.load_data(options)
        bench.header(options, url, repeated=False)
        from amparo.cases.models import Materia

        materia = Materia.objects.get(code="MIGRATORIO").pk
        client = bench.signed_in_client(OFFICER)
        cookie = f"sessionid={client.cookies['sessionid'].value}"
        paths = [
            Target(FLOOR, "/bench/floor/", None),
            Target(DATA_FLOOR, f"/bench/floor/rows/?status=in_progress&materia={materia}", None),
            Target(
                "case list page",
                f"/casos/?status=in_progress&materia={materia}",
                PAGE_TARGET,
                serves_case_list=True,
            ),
            Target(
                "case list API",
                f"/api/v1/cases?status=in_progress&materia_id={materia}",
                API_TARGET,
                serves_case_list=True,
            ),
            Target("people search API", "/api/v1/people/search?q=Maria+Garcia", API_TARGET),
        ]
        port = bench.free_port()
        server = _serve(port, work)
        _drive.master_pid = server.pid  # type: ignore[attr-defined]
        results: list[Result] = []
        try:
            for path in paths:  # warm every worker's caches once
                _drive(port, cookie, path, WORKERS, 1.0)
            for clients in concurrencies:
                for path in paths:
                    results.append(_drive(port, cookie, path, clients, seconds))
        finally:
            server.terminate()
            server.wait(timeout=30)
        passed = report(results, seconds)
    raise SystemExit(0 if passed else 1)


def report(results: list[Result], seconds: float) -> bool:
    print(f"\ngunicorn, {WORKERS} sync workers; {seconds:.0f} s per path and concurrency")
    head = (
        f"{'path':<26} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'CPU ms/req':>10} {'÷ floor req/s':>13} {'÷ data floor':>12}"
    )
    print(head)
    print("-" * len(head))
    floors = {r.clients: r for r in results if r.path.label == FLOOR}
    data_floors = {r.clients: r for r in results if r.path.label == DATA_FLOOR}
    passed = True
    verdicts = []
    for result in results:
        floor = floors[result.clients]
        ratio = result.per_second / floor.per_second
        data_ratio = (
            f"{result.per_second / data_floors[result.clients].per_second:>12.2f}"
            if result.path.serves_case_list
            else f"{'':>12}"
        )
        print(
            f"{result.path.label:<26} {result.clients:>7} {result.per_second:>8.1f} "
            f"{result.percentile(0.50):>8.1f} {result.percentile(0.95):>8.1f} "
            f"{result.percentile(0.99):>8.1f} {result.cpu_ms_per_request:>10.1f} {ratio:>13.2f}"
            f" {data_ratio}"
        )
        if result.path.target is not None:
            ok = ratio >= result.path.target
            passed &= ok
            verdicts.append(
                f"{'PASS' if ok else 'FAIL'}  {result.path.label} at {result.clients} clients: "
                f"{ratio:.2f} times the floor's throughput — target ≥ {result.path.target}"
            )
    print(
        "(CPU ms/req = the workers' user + system time ÷ requests served; "
        "÷ data floor = throughput ÷ that of the list's bare SQL served alone)"
    )
    print("\n".join(verdicts))
    print(
        f"median CPU ms/req of the floor: {statistics.median(f.cpu_ms_per_request for f in floors.values()):.1f}"
    )
    return passed


if __name__ == "__main__":
    main()
