"""scripts/serve prints the address only once the site answers (scripts/wait_for_http.py)."""

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from django.conf import settings

SCRIPT = settings.BASE_DIR / "scripts" / "wait_for_http.py"


class _NotFound(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(404)  # an error page is still an answer
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def _wait(url: str, seconds: str) -> int:
    command = [sys.executable, str(SCRIPT), url, seconds]
    return subprocess.run(command, check=False).returncode  # noqa: S603 - fixed arguments


def test_it_waits_for_an_answer_and_gives_up_on_silence() -> None:
    server = HTTPServer(("127.0.0.1", 0), _NotFound)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert _wait(f"http://127.0.0.1:{port}/cuenta/entrar/", "5") == 0
    finally:
        server.shutdown()
        server.server_close()
    assert _wait(f"http://127.0.0.1:{port}/", "0.5") == 1
