"""Shared set-up of the database benchmarks: a throwaway PostgreSQL 15, the demo data at a
million rows, interleaved timing and the printed tables.

Every benchmark compares the application with a baseline measured in the same process,
against the same database, in the same run: machine noise lands on both sides, so the
printed ratio means something even on a busy laptop. Nothing here is a unit test.
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PEOPLE_PER_SCALE = 176_827  # amparo.demo.people.PEOPLE_PER_SCALE (scale 1.0)
REUSE_DIR = Path(os.environ.get("AMPARO_BENCH_DIR", "/tmp/amparo-bench-pg"))  # noqa: S108
PG_BIN = Path("/usr/lib/postgresql/15/bin")
TARGET_RATIO = 1.5
# Enough documents that the blind-index lookup runs against a realistic table.
DOCUMENT_EVERY = 5


@dataclass(frozen=True)
class BenchOptions:
    scale: float
    reuse: bool
    keep: bool
    runs: int
    warmup: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def people(self) -> int:
        return round(self.scale * PEOPLE_PER_SCALE)


def parse_options(
    description: str, add_arguments: Callable[[argparse.ArgumentParser], None] | None = None
) -> BenchOptions:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--people",
        type=int,
        default=1_000_000,
        help="people and cases to load (default 1,000,000)",
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=None,
        help="seed_demo scale instead of --people (1.0 = 176,827; 0.05 for a quick run)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help=f"keep the cluster and its data in {REUSE_DIR} and reuse them next time",
    )
    parser.add_argument("--keep", action="store_true", help="leave the cluster running")
    parser.add_argument("--runs", type=int, default=30, help="timed repetitions per case")
    parser.add_argument("--warmup", type=int, default=5, help="untimed repetitions first")
    if add_arguments is not None:
        add_arguments(parser)
    args = parser.parse_args()
    scale = args.scale if args.scale is not None else args.people / PEOPLE_PER_SCALE
    known = {"people", "scale", "reuse", "keep", "runs", "warmup"}
    return BenchOptions(
        scale=scale,
        reuse=args.reuse,
        keep=args.keep or args.reuse,
        runs=max(1, args.runs),
        warmup=max(0, args.warmup),
        extra={k: v for k, v in vars(args).items() if k not in known},
    )


# --- The cluster ---------------------------------------------------------------------------


def write_options(description: str, **counts: int) -> BenchOptions:
    """Options of the benches that bring their own small data (no million rows); each of
    `counts` is an extra --name option with that default, in `extra`."""
    parser = argparse.ArgumentParser(description=description)
    for name, default in counts.items():
        parser.add_argument(f"--{name}", type=int, default=default, help=f"default {default:,}")
    parser.add_argument("--runs", type=int, default=200, help="timed writes per path")
    parser.add_argument("--warmup", type=int, default=20, help="untimed writes per path first")
    parser.add_argument("--reuse", action="store_true", help="keep and reuse the cluster")
    parser.add_argument("--keep", action="store_true", help="leave the cluster running")
    args = parser.parse_args()
    return BenchOptions(
        scale=0.0,
        reuse=args.reuse,
        keep=args.keep or args.reuse,
        runs=max(1, args.runs),
        warmup=max(0, args.warmup),
        extra={name: getattr(args, name) for name in counts},
    )


def load_offices_and_users() -> None:
    """Migrate and seed only the network and the demo users."""
    import io

    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)
    only = ("--only", "network", "--only", "users")
    call_command("seed_demo", *only, "--no-progress", stdout=io.StringIO())


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _url_of(cluster: Path) -> str:
    return f"postgres://postgres@127.0.0.1:{(cluster / 'port').read_text().strip()}/amparo"


def _is_up(cluster: Path) -> bool:
    status = subprocess.run(  # noqa: S603 - fixed binary, our own data directory
        _as_owner([str(PG_BIN / "pg_ctl"), "-D", str(cluster / "data"), "status"]),
        capture_output=True,
        check=False,
    )
    return status.returncode == 0


def _restart(cluster: Path) -> None:
    """Start a kept cluster again with the options scripts/postgres gives a new one."""
    port = (cluster / "port").read_text().strip()
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={cluster} "
        f"-c hba_file={cluster}/pg_hba.conf -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_connections=100"
    )
    subprocess.run(  # noqa: S603
        _as_owner(
            [
                str(PG_BIN / "pg_ctl"),
                *("-D", str(cluster / "data"), "-l", str(cluster / "server.log")),
                *("-w", "-t", "60", "start", "-o", options),
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _postgres_script(action: str, state: Path, tmpdir: Path | None = None) -> str:
    env = {**os.environ, "AMPARO_PG_STATE": str(state)}
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    done = subprocess.run(  # noqa: S603
        ["bash", str(ROOT / "scripts" / "postgres"), action],  # noqa: S607
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return done.stdout.strip()


@contextmanager
def cluster(options: BenchOptions, name: str) -> Iterator[tuple[str, Path]]:
    """(DATABASE_URL, working folder) of a PostgreSQL 15 for this run.

    With --reuse the cluster lives in REUSE_DIR and survives the run (restarted if the
    machine stopped it); otherwise it is a fresh one, removed at the end unless --keep."""
    if options.reuse:
        REUSE_DIR.mkdir(parents=True, exist_ok=True)
        state = REUSE_DIR / "postgres.state"
        work = REUSE_DIR
        kept = Path(state.read_text().strip()) if state.exists() else None
        if kept is not None and (kept / "data").is_dir():
            if not _is_up(kept):
                _restart(kept)
            url = _url_of(kept)
        else:
            url = _postgres_script("start", state, tmpdir=REUSE_DIR).splitlines()[-1]
    else:
        work = Path(tempfile.mkdtemp(prefix=f"amparo-bench-{name}-"))
        state = work / "postgres.state"
        url = _postgres_script("start", state).splitlines()[-1]
    try:
        yield url, work
    finally:
        if not options.keep:
            _postgres_script("stop", state)
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"\ncluster kept: {url}  (state: {state})")


# --- gunicorn, as production runs it ------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_gunicorn(
    port: int, env: dict[str, str], work: Path, *, workers: int, backlog: int = 2048
) -> subprocess.Popen[bytes]:
    """gunicorn with config/gunicorn.py on 127.0.0.1:`port`, its output in `work`, once it
    accepts connections. `env` names the settings (a bench's URLs beside the project's)."""
    log = (work / "web.log").open("ab")
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [str(Path(sys.executable).with_name("gunicorn")), "-c", str(ROOT / "config" / "gunicorn.py"),
         "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--backlog", str(backlog), "--access-logfile", "/dev/null",
         "--error-logfile", str(work / "gunicorn.log")],
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


# --- Django and the data ---------------------------------------------------------------------


def django_setup(url: str, work: Path) -> None:
    """Point Django at the bench database, as production runs it (DEBUG off)."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_DEBUG"] = "0"
    # Keys of the blind indexes live with the data they indexed, so --reuse finds them.
    os.environ["AMPARO_VAR_DIR"] = str(work / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _manage(*arguments: str) -> None:
    """Run a management command; show only its summary lines (✓ …) unless it fails."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith(("✓", "→")) and "Usuarios" not in line:
            print(line)
    if done.returncode:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        raise SystemExit(f"manage.py {arguments[0]} failed ({done.returncode})")


def load_data(options: BenchOptions) -> None:
    """Migrate, seed people and cases with seed_demo (idempotent: a reused database only
    tops up), add identity documents, ANALYZE. Prints what it did and how long it took."""
    started = time.perf_counter()
    _manage("migrate", "--no-input", "-v", "0")
    _manage(
        "seed_demo",
        *("--scale", f"{options.scale:.6f}"),
        "--no-progress",
        "--batch-size",
        "20000",
        *("--only", "network", "--only", "users", "--only", "people", "--only", "cases"),
    )
    added = ensure_documents()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"data ready in {time.perf_counter() - started:.0f} s "
        f"({added:,} identity documents added); ANALYZE done"
    )


def document_number(person_id: int) -> str:
    """The passport number the bench gives every DOCUMENT_EVERY-th person."""
    return f"G{person_id * 7919 % 100_000_000:08d}"


def ensure_documents() -> int:
    """Give every DOCUMENT_EVERY-th person a passport (the demo data has none), via COPY."""
    from django.db import connection

    from amparo.core.crypto import blind_index, encrypt
    from amparo.people.models import IdentityDocument

    if IdentityDocument.objects.filter(issuer="bench").exists():
        return 0
    table = IdentityDocument._meta.db_table
    added = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM people_person WHERE id % {DOCUMENT_EVERY} = 0")
        ids = [row[0] for row in cursor.fetchall()]
        columns = "person_id, kind, number, number_index, issuer, created_at"
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for person_id in ids:
                number = document_number(person_id)
                copy.write_row(
                    (
                        person_id,
                        "passport",
                        encrypt(number),
                        blind_index(number, "alphanumeric"),
                        "bench",
                        "2025-07-01T00:00:00Z",
                    )
                )
                added += 1
    return added


def table_counts() -> dict[str, int]:
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for table in ("people_person", "cases_case", "people_identitydocument"):
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    return counts


def signed_in_client(username: str) -> Any:
    """A test Client signed in as a demo user who passed TOTP (as amparo.conftest does)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from amparo.accounts.models import User
    from amparo.accounts.sessions import mark_fresh

    user = User.objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    mark_fresh(session)  # as the sign-in request leaves it
    session.save()
    return client


def actor_for(username: str) -> Any:
    from amparo.accounts.actor import resolve_actor
    from amparo.accounts.models import User

    actor = resolve_actor(User.objects.get(username=username), None)
    assert actor is not None, f"{username} has no active membership"
    return actor


# --- Timing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    samples_ms: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def interleaved(calls: Sequence[Callable[[], object]], *, runs: int, warmup: int) -> list[Timing]:
    """Time every call `runs` times, round-robin, the order rotating each round so that
    no side always runs first (caches, CPU frequency and neighbours hit all alike)."""
    for _ in range(warmup):
        for call in calls:
            call()
    samples: list[list[float]] = [[] for _ in calls]
    for round_number in range(runs):
        shift = round_number % len(calls)
        for index in [*range(shift, len(calls)), *range(shift)]:
            started = time.perf_counter()
            calls[index]()
            samples[index].append((time.perf_counter() - started) * 1000)
    return [Timing(s) for s in samples]


@dataclass
class Row:
    """One benchmark case. `selector` is compared with the bare SQL; the HTTP paths ("view",
    "api") with the floor: the same bare SQL served by a minimal authenticated endpoint."""

    label: str
    baseline: Timing
    app: dict[str, Timing]  # "selector", "view", "api" → timing
    floor: Timing | None = None

    def reference(self, name: str) -> Timing:
        return self.floor if self.floor is not None and name in HTTP_PATHS else self.baseline

    def ratio(self, name: str) -> float:
        return self.app[name].median / self.reference(name).median

    def raw_ratio(self, name: str) -> float:
        return self.app[name].median / self.baseline.median

    def added_ms(self, name: str) -> float:
        """What the path adds over its reference, in milliseconds (median minus median)."""
        return self.app[name].median - self.reference(name).median


HTTP_PATHS = frozenset({"view", "api"})


def print_table(title: str, rows: Sequence[Row], names: Sequence[str]) -> None:
    """One line per case: bare SQL and floor median/p95, then each app path median/p95 and
    its ratio (selector ÷ bare SQL; view and API ÷ floor)."""
    with_floor = any(row.floor is not None for row in rows)
    print(f"\n{title}")
    head = f"{'case':<36} {'bare SQL ms':>15}"
    if with_floor:
        head += f" {'floor ms':>15}"
    for name in names:
        head += f" {name + ' ms':>17} {'ratio':>6} {'+ms':>6}"
    print(head)
    print("-" * len(head))
    for row in rows:
        line = f"{row.label:<36} {row.baseline.median:>7.2f} /{row.baseline.p95:>6.2f}"
        if with_floor:
            floor = row.floor or row.baseline
            line += f" {floor.median:>7.2f} /{floor.p95:>6.2f}"
        for name in names:
            timing = row.app[name]
            line += (
                f" {timing.median:>8.2f} /{timing.p95:>7.2f} {row.ratio(name):>6.2f}"
                f" {row.added_ms(name):>+6.2f}"
            )
        print(line)
    print(
        "(median / p95 per cell; ratio = selector ÷ bare SQL, view and API ÷ floor; "
        "+ms = the same difference in milliseconds)"
    )
    if with_floor:
        print(
            "floor = the bare SQL behind a minimal authenticated GET endpoint (same middleware: "
            "session, user, TOTP device, memberships), rows returned as JSON"
        )
        for name in names:
            if name in HTTP_PATHS:
                worst = max(rows, key=lambda row: row.raw_ratio(name))
                print(
                    f"for the record, {name} ÷ bare SQL (no HTTP at all): "
                    f"{min(r.raw_ratio(name) for r in rows):.2f} to {worst.raw_ratio(name):.2f}"
                )


def verdicts(target: str, rows: Sequence[Row], names: Sequence[str]) -> bool:
    """A PASS/FAIL line per app path: the worst ratio over the cases must be ≤ TARGET_RATIO."""
    passed = True
    for name in names:
        worst = max(rows, key=lambda row: row.ratio(name))
        ok = worst.ratio(name) <= TARGET_RATIO
        passed &= ok
        against = "floor" if worst.floor is not None and name in HTTP_PATHS else "bare SQL"
        print(
            f"{'PASS' if ok else 'FAIL'}  {target} [{name} ÷ {against}]: worst ratio "
            f"{worst.ratio(name):.2f} ({worst.label}) — target ≤ {TARGET_RATIO}"
        )
    return passed


# --- The HTTP floor ----------------------------------------------------------------------------

FLOOR_PATH = "/bench/floor/"
_floor_query: list[Callable[[], list[Any]]] = []


def floor_urls() -> type:
    """The project's URLs plus FLOOR_PATH: behind the same middleware as every page, it runs
    the bare SQL set with `serve_on_floor` and returns its rows as JSON. What a page costs
    beyond that is what the application adds (forms, scoping, audit, rendering)."""
    from django.core.serializers.json import DjangoJSONEncoder
    from django.http import HttpRequest, HttpResponse, JsonResponse
    from django.urls import path

    from config.urls import urlpatterns as project_urls

    def floor(request: HttpRequest) -> HttpResponse:
        if getattr(request, "actor", None) is None:
            return HttpResponse(status=401)
        rows = _floor_query[0]()
        return JsonResponse({"rows": rows}, encoder=DjangoJSONEncoder)

    class FloorURLs:
        urlpatterns = [path(FLOOR_PATH.strip("/") + "/", floor), *project_urls]

    return FloorURLs


def serve_on_floor(query: Callable[[], list[Any]]) -> None:
    _floor_query[:] = [query]


def floor_call(client: Any) -> Callable[[], object]:
    def call() -> object:
        response = client.get(FLOOR_PATH)
        assert response.status_code == 200, response.status_code
        return response

    return call


def paths_row(
    label: str,
    *,
    bare: Callable[[], list[Any]],
    selector: Callable[[], object],
    view: Callable[[], object],
    api: Callable[[], object],
    client: Any,
    options: BenchOptions,
) -> Row:
    """Time the bare SQL, the selector, the view, the API and the floor (the bare SQL
    behind the minimal signed-in endpoint), interleaved, as one row of the table."""
    serve_on_floor(bare)
    timings = interleaved(
        [bare, selector, view, api, floor_call(client)], runs=options.runs, warmup=options.warmup
    )
    return Row(
        label=label,
        baseline=timings[0],
        app={"selector": timings[1], "view": timings[2], "api": timings[3]},
        floor=timings[4],
    )


def header(options: BenchOptions, url: str, *, repeated: bool = True) -> None:
    counts = table_counts()
    print(
        f"PostgreSQL at {url}  ·  people {counts['people_person']:,}  ·  "
        f"cases {counts['cases_case']:,}  ·  documents {counts['people_identitydocument']:,}"
    )
    if repeated:
        print(f"runs {options.runs} (+{options.warmup} warm-up) per case, interleaved")
