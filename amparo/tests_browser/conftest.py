"""Browser tests: Playwright for Python drives Debian's Chromium (/usr/bin/chromium)
against pytest-django's live server. Run them with `pytest -m browser`; the plain
suites exclude them with `-m "not browser"`."""

import os
import re
import threading
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from tempfile import gettempdir
from typing import Any

import pytest
from django.core.servers.basehttp import WSGIServer
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    ViewportSize,
    sync_playwright,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCALE = "es-MX"
PHONE_VIEWPORT: ViewportSize = {"width": 375, "height": 740}
FAILURE_SCREENSHOTS = Path(gettempdir()) / "amparo-browser-failures"
BROWSER_TESTS = Path(__file__).parent


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> Generator[None, None, None]:
    """Everything in this folder is a browser test, even if a module forgets the mark.

    Browser tests then go after all others (once pytest-django has ordered them), so that
    DJANGO_ALLOW_ASYNC_UNSAFE, set while the browser runs, reaches no other test in a run
    without `-m`."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
    yield
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """On SQLite, the browser tests' database is a file, not memory. In memory, the live
    server's thread shares the test's own connection, so a request that reaches it while the
    test is writing its data (a poll the previous test's tab sent as it closed) ran on that
    connection too: a failed commit there rolled back the test's rows, and the next row took
    the lost one's id (a CI run opened a case for the wrong person). With a file each thread
    has its own connection, and SQLite's locking keeps them apart."""
    from django.conf import settings

    for database in settings.DATABASES.values():
        if database["ENGINE"].endswith("sqlite3"):
            database.setdefault("TEST", {})["NAME"] = str(
                Path(gettempdir()) / f"amparo-browser-tests-{os.getpid()}.sqlite3"
            )


@pytest.fixture(scope="session", autouse=True)
def one_request_at_a_time() -> Iterator[None]:
    """Serve one request at a time, as Django's single-threaded server does (it closes each
    connection, so the browser never waits on an idle keep-alive). With an in-memory SQLite
    database (a run outside this folder's settings), the live server shares the test's
    connection among its request threads, and two requests at once (a page and the notices
    badge) broke it ("bad parameter or other API misuse", a 500 page)."""
    from django.test.testcases import LiveServerThread

    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = OneAtATimeServer  # type: ignore[assignment]
    yield
    LiveServerThread.server_class = threaded


class OneAtATimeServer(WSGIServer):
    """Django's WSGIServer, taking (and ignoring) the live server's connections_override:
    LiveServerThread.run has already installed them in its one thread (only an in-memory
    SQLite database has any). It counts the request it is serving, so a test can wait for
    it to finish (`server_settles`)."""

    def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.busy = threading.Event()
        self.last_served = time.monotonic()

    def process_request(self, request: Any, client_address: Any) -> None:
        self.busy.set()
        try:
            super().process_request(request, client_address)
        finally:
            self.last_served = time.monotonic()
            self.busy.clear()

    def wait_until_idle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Until no request is being served and none was for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.busy.is_set() and time.monotonic() - self.last_served >= quiet:
                return
            time.sleep(0.05)


@pytest.fixture(autouse=True)
def server_settles(request: pytest.FixtureRequest) -> Iterator[None]:
    """A request the browser sent just before its tab closed (a badge, a poll) may still
    be running on the live server when the test ends. Wait for it before the database is
    flushed: on SQLite in memory it shares the test's connection, and a flush under it broke
    the next test ("You can't execute queries until the end of the 'atomic' block"); in a
    file, the flush would wait on its lock."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")  # torn down after this fixture
    live_server = request.getfixturevalue("live_server")
    yield
    server = live_server.thread.httpd
    if isinstance(server, OneAtATimeServer):
        server.wait_until_idle()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    # Playwright's sync API runs an event loop in the test thread, where Django's ORM would
    # refuse to run (SynchronousOnlyOperation) when a test sets up data. Only for as long as
    # the browser runs: subprocesses of other tests (check --deploy) must not inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Without it, going offline does not reach a service worker's requests (the alert
    # button's), so a test of its offline outbox would pass while proving nothing.
    os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = "1"
    try:
        with sync_playwright() as running:
            yield running
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()


def _open_page(
    browser: Browser, request: pytest.FixtureRequest, **options: object
) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(locale=LOCALE, **options)  # type: ignore[arg-type]
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    if request.node.stash.get(_CALL_FAILED, False):
        FAILURE_SCREENSHOTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=FAILURE_SCREENSHOTS / f"{name}.png", full_page=True)
    context.close()


@pytest.fixture
def page(browser: Browser, live_server: object, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh desktop-sized tab (Spanish, Mexico) with its own cookies; go to
    `live_server.url + path`. A failing test leaves a screenshot in FAILURE_SCREENSHOTS."""
    yield from _open_page(browser, request)


@pytest.fixture
def phone_page(
    browser: Browser, live_server: object, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """Like `page`, on a 375-pixel-wide touch screen."""
    yield from _open_page(browser, request, viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True)
