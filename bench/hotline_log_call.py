"""Logging a CIAM call: what Amparo adds over a minimal authenticated POST, in one run.

Run: .venv/bin/python bench/hotline_log_call.py [--runs 200] [--warmup 20] [--reuse] [--keep]
(set AMPARO_BENCH_DIR to keep a --reuse cluster apart from other benchmarks' data).

Three POSTs, interleaved, through Django's test Client as the demo operator `demo.ciam`
signed in with a TOTP-verified session, against a throwaway PostgreSQL 15:
  bare  POST /bench/bare/ — a view defined here, behind the same middleware (session, auth,
        OTP, actor, CSRF), that checks `request.user.is_authenticated` and INSERTs one
        plain row into hotline_call with a raw cursor, then answers 204;
  form  POST /ciam/llamadas/nueva/ — the call form: form validation, phone normalisation,
        the call_log service (encryption, blind index, full_clean, audit row), redirect;
  api   POST /api/v1/hotline/calls — the same service through django-ninja (JSON in/out).
The ratio isolates Amparo's own work per call. Target: each app median ≤ 3x the bare
median — the app does, besides the one INSERT, a second INSERT (the audit row) in the same
transaction, a Fernet encryption and an HMAC, phone parsing and validation: three times
a bare authenticated INSERT is what that work should cost, and it keeps a call well under
the few tens of milliseconds an operator could notice.
"""

import itertools
import sys
from collections.abc import Callable
from typing import Any

import _support as bench

OPERATOR = "demo.ciam"
TARGET = 3.0


def bench_urls() -> type:
    """The project's URLs plus the minimal endpoint, as a URLconf object."""
    from django.db import connection
    from django.http import HttpRequest, HttpResponse
    from django.urls import path
    from django.utils import timezone

    from amparo.network.models import Office

    ciam_id = Office.objects.get(code="CIAM").pk
    columns = (
        "office_id, operator_id, started_at, ended_at, caller_phone, caller_phone_index, "
        "caller_name, origin_country, origin_state, county, zip_code, language, topic, "
        "summary, outcome, created_at, updated_at"
    )
    sql = f"INSERT INTO hotline_call ({columns}) VALUES ({', '.join(['%s'] * 17)})"

    def bare_insert(request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return HttpResponse(status=401)
        now = timezone.now()
        post = request.POST
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [
                    *(ciam_id, request.user.pk, now, now, post.get("caller_phone", ""), ""),
                    *("", "US", "", "", "", "es", post.get("topic", "other")),
                    *(post.get("summary", ""), post.get("outcome", "information"), now, now),
                ],
            )
        return HttpResponse(status=204)

    from config.urls import urlpatterns as project_urls

    patterns = [path("bench/bare/", bare_insert), *project_urls]

    class BenchURLs:
        urlpatterns = patterns

    return BenchURLs


def main() -> int:
    options = bench.write_options(__doc__.splitlines()[0])
    with bench.cluster(options, "hotline-log-call") as (url, work):
        bench.django_setup(url, work)
        bench.load_offices_and_users()
        from django.test import override_settings
        from django.urls import reverse

        from amparo.audit.models import AccessRecord
        from amparo.hotline.models import Call

        with override_settings(ROOT_URLCONF=bench_urls()):
            client = bench.signed_in_client(OPERATOR)
            numbers = itertools.count()

            def form_data() -> dict[str, str]:
                return {
                    "caller_phone": f"(520) {2_000_000 + next(numbers) % 8_000_000}",
                    "caller_name": "María Guadalupe Hernández",
                    "origin_country": "US",
                    "origin_state": "AZ",
                    "language": "es",
                    "topic": "locate_relative",
                    "summary": "Busca a un familiar detenido; se orientó sobre el localizador.",
                    "outcome": "information",
                    "started_at": "2026-01-15T10:30",
                }

            def expect(status: int, post: Callable[[], Any]) -> Callable[[], None]:
                def run() -> None:
                    response = post()
                    assert response.status_code == status, (response.status_code, response)

                return run

            new_call = reverse("hotline:new_call")
            paths = {
                "bare": expect(204, lambda: client.post("/bench/bare/", form_data())),
                "form": expect(302, lambda: client.post(new_call, form_data())),
                "api": expect(
                    201,
                    lambda: client.post(
                        "/api/v1/hotline/calls",
                        {**form_data(), "started_at": "2026-01-15T10:30:00-07:00"},
                        content_type="application/json",
                    ),
                ),
            }
            before = (Call.objects.count(), AccessRecord.objects.count())
            timings = dict(
                zip(
                    paths,
                    bench.interleaved(
                        list(paths.values()), runs=options.runs, warmup=options.warmup
                    ),
                    strict=True,
                )
            )
            after = (Call.objects.count(), AccessRecord.objects.count())

        print(f"PostgreSQL at {url}")
        print(
            f"{after[0] - before[0]:,} calls and {after[1] - before[1]:,} audit rows written; "
            f"runs {options.runs} (+{options.warmup} warm-up) per path, interleaved"
        )
        print(f"\n{'path':<40} {'median ms':>10} {'p95 ms':>9} {'ratio':>7}")
        print("-" * 69)
        labels = {
            "bare": "minimal authenticated POST (1 INSERT)",
            "form": "call form POST /ciam/llamadas/nueva/",
            "api": "API POST /api/v1/hotline/calls",
        }
        base = timings["bare"].median
        for name, timing in timings.items():
            ratio = timing.median / base
            print(f"{labels[name]:<40} {timing.median:>10.2f} {timing.p95:>9.2f} {ratio:>7.2f}")
        passed = True
        for name in ("form", "api"):
            ratio = timings[name].median / base
            ok = ratio <= TARGET
            passed &= ok
            print(
                f"{'PASS' if ok else 'FAIL'}  log a call [{name}]: {ratio:.2f}x — target ≤ {TARGET}x"
            )
        return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
