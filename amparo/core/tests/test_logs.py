"""Logs carry paths, ids and outcomes, never what people searched for: searches by name,
A-number and phone travel in query strings, so canary values planted there must appear in
no log, neither the web server's access log nor the application's own."""

import contextlib
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from amparo.accounts.models import User
from amparo.accounts.tests.codes import AsUser

CANARY_NAME = "Zyxwvuquinonez"
CANARY_A_NUMBER = "A987654321"
CANARY_PHONE = "5205550199"
CANARIES = (CANARY_NAME, CANARY_A_NUMBER, CANARY_PHONE)
SEARCHES = (
    f"/personas/?q={CANARY_NAME}",
    f"/personas/?q={CANARY_A_NUMBER}",
    f"/api/v1/people/search?q={CANARY_NAME}",
    f"/api/v1/people/search?q={CANARY_A_NUMBER}",
    f"/ciam/llamadas/historial/?caller_phone={CANARY_PHONE}",
    f"/api/v1/hotline/history?caller_phone={CANARY_PHONE}",
    f"/casos/?q={CANARY_NAME}&opened_to=9999-99-99",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_listening(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited early"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not start")


def test_the_access_log_of_the_production_server_config_holds_no_query_string(
    tmp_path: Path,
) -> None:
    port = _free_port()
    access_log = tmp_path / "access.log"
    error_log = tmp_path / "error.log"
    env = {**os.environ, "AMPARO_VAR_DIR": str(tmp_path / "var"), "DJANGO_DEBUG": "false"}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "config/gunicorn.py",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            str(access_log),
            "--error-logfile",
            str(error_log),
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    try:
        _wait_until_listening(port, server)
        for path in SEARCHES:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}",
                headers={"Referer": f"http://127.0.0.1:{port}/personas/?q={CANARY_NAME}"},
            )
            # 401s and redirects are expected: only the log line matters
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(request, timeout=10)  # noqa: S310 - loopback only
    finally:
        server.terminate()
        server.wait(timeout=10)

    logged = access_log.read_text() + error_log.read_text()
    assert "/personas/" in logged and "/api/v1/people/search" in logged
    for canary in CANARIES:
        assert canary not in logged


@pytest.mark.django_db
def test_the_application_logs_no_searched_value(
    as_user: AsUser, alice: User, ana: User, olga: User, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for user in (alice, ana, olga):
        client = as_user(user)
        for path in SEARCHES:
            client.get(path)
    assert "Forbidden (Permission denied): /ciam/llamadas/historial/" in caplog.text
    for canary in CANARIES:
        assert canary not in caplog.text
