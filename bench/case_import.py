"""CSV import of cases: the application's rate next to PostgreSQL COPY of the same file.

Run: .venv/bin/python bench/case_import.py [--rows N] [--people N | --scale S] [--reuse]

The file is amparo.cases.imports.synthetic's deterministic valid CSV (every row a case,
19 in 20 with a new person). Interleaved, `--repeats` times each, on top of the loaded data:
  COPY    psycopg's cursor.copy() of the file's bytes (CSV, header) into a staging table
          with the file's columns, all text — the floor for moving these rows in;
  import  amparo.cases.imports.services.cases_import(dry_run=False) as central
          administration — what `manage.py import_cases` and the import page run: parse,
          validate every row, match people, write people, cases, folios, timeline, audit.
Both run inside a transaction that is rolled back afterwards, so the database stays as
loaded and --reuse keeps measuring the same thing. Printed: rows/s of each and the ratio.
"""

import argparse
import io
import time
from typing import Any

import _support as bench

IMPORTER = "demo.admin"
OFFICES = ("LAX", "CHI", "HOU", "DAL", "PHX", "SNA", "SAT")
STAGING = "bench_import_staging"
ISSUE_ROWS = 176_827  # "176,827 rows must import in minutes" (issue 3)
TARGET_MINUTES = 10  # our reading of "in minutes"


class _RolledBackError(Exception):
    """Leaves the measured transaction without keeping its rows."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rows", type=int, default=ISSUE_ROWS, help="rows in the CSV file")
    parser.add_argument("--repeats", type=int, default=2, help="timed imports (and COPYs)")


def synthetic_file(rows: int) -> bytes:
    from amparo.cases.imports.synthetic import write_synthetic_csv

    text = io.StringIO(newline="")
    write_synthetic_csv(text, rows, office_codes=OFFICES)
    return text.getvalue().encode()


def copy_rows(data: bytes) -> float:
    """Seconds to COPY the file into the staging table (rolled back)."""
    from django.db import connection, transaction

    from amparo.cases.imports.columns import COLUMN_NAMES

    columns = ", ".join(f'"{name}"' for name in COLUMN_NAMES)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            started = time.perf_counter()
            sql = f"COPY {STAGING} ({columns}) FROM STDIN WITH (FORMAT csv, HEADER true)"
            with cursor.copy(sql) as copy:  # type: ignore[attr-defined]
                for start in range(0, len(data), 1 << 20):
                    copy.write(data[start : start + (1 << 20)])
            seconds = time.perf_counter() - started
            raise _RolledBackError
    except _RolledBackError:
        pass
    return seconds


def import_rows(actor: Any, data: bytes, rows: int) -> float:
    """Seconds for a real (not dry) import of the file (rolled back afterwards)."""
    from django.db import transaction

    from amparo.cases.imports.services import cases_import

    try:
        with transaction.atomic():
            started = time.perf_counter()
            report = cases_import(
                actor=actor, source=io.BytesIO(data), file_name="bench.csv", dry_run=False
            )
            seconds = time.perf_counter() - started
            if not report.written or report.cases != rows:
                errors = [f"{e.line}: {e.message}" for e in report.errors[:5]]
                raise SystemExit(f"import wrote {report.cases}/{rows} rows; first errors: {errors}")
            raise _RolledBackError
    except _RolledBackError:
        pass
    return seconds


def create_staging() -> None:
    from django.db import connection

    from amparo.cases.imports.columns import COLUMN_NAMES

    columns = ", ".join(f'"{name}" text' for name in COLUMN_NAMES)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {STAGING} ({columns})")


def main() -> None:
    options = bench.parse_options(__doc__.splitlines()[0], add_arguments)
    rows, repeats = int(options.extra["rows"]), max(1, int(options.extra["repeats"]))
    with bench.cluster(options, "case-import") as (url, work):
        bench.django_setup(url, work)
        bench.load_data(options)
        bench.header(options, url, repeated=False)
        create_staging()
        actor = bench.actor_for(IMPORTER)
        started = time.perf_counter()
        data = synthetic_file(rows)
        print(
            f"file: {rows:,} rows, {len(data) / 1e6:.1f} MB, written in "
            f"{time.perf_counter() - started:.1f} s (not timed)"
        )
        warmup = synthetic_file(min(rows, 1000))
        copy_rows(warmup)
        import_rows(actor, warmup, min(rows, 1000))
        copies, imports = [], []
        for _ in range(repeats):
            copies.append(copy_rows(data))
            imports.append(import_rows(actor, data, rows))
        copy_s, import_s = sorted(copies)[len(copies) // 2], sorted(imports)[len(imports) // 2]
        print(f"\nCSV import of {rows:,} rows (median of {repeats}; each rolled back)")
        print(f"{'':<10} {'seconds':>9} {'rows/s':>10}")
        print(f"{'COPY':<10} {copy_s:>9.2f} {rows / copy_s:>10,.0f}")
        print(f"{'import':<10} {import_s:>9.2f} {rows / import_s:>10,.0f}")
        print(f"ratio (COPY rate / import rate): {import_s / copy_s:.1f}")
        issue_minutes = ISSUE_ROWS * import_s / rows / 60
        ok = issue_minutes <= TARGET_MINUTES
        print(
            f"{'PASS' if ok else 'FAIL'}  case import: {ISSUE_ROWS:,} rows would take "
            f"{issue_minutes:.1f} min at this rate — target ≤ {TARGET_MINUTES} min"
        )
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
