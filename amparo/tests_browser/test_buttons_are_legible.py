"""In Chromium: every link and button drawn as a button has text that contrasts with its
background (a plain-link colour rule once turned "Abrir caso" dark red on dark red), the
pages log no console error (an inline style once broke the Content-Security-Policy), and on
a phone no page scrolls sideways: table rows stack, each cell under its column's heading."""

import re

import pytest
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from amparo.accounts.models import User
from amparo.accounts.tests.factories import confirmed_totp_device
from amparo.conftest import Network
from amparo.outreach.kinds import load_event_kinds
from amparo.tests_browser.auth_steps import sign_in
from amparo.tests_browser.conftest import LOCALE, PHONE_VIEWPORT

pytestmark = pytest.mark.browser

PAGES = ("/", "/casos/", "/personas/", "/prevencion/", "/cuenta/usuarios/")
WCAG_AA = 4.5

COLOURS = """
() => [...document.querySelectorAll('main a.button, main button')]
  .filter((element) => element.offsetParent !== null)
  .map((element) => {
    const style = getComputedStyle(element);
    return [element.textContent.trim(), style.color, style.backgroundColor];
  })
"""


def _luminance(css_colour: str) -> float:
    red, green, blue = (int(n) / 255 for n in re.findall(r"\d+", css_colour)[:3])

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_of_the_site_colours() -> None:
    assert contrast("rgb(255, 255, 255)", "rgb(0, 0, 0)") == pytest.approx(21.0)
    assert contrast("rgb(159, 34, 65)", "rgb(159, 34, 65)") == 1.0


def test_every_button_on_the_main_pages_is_legible(
    transactional_db: None, page: Page, live_server: LiveServer, network: Network, carla: User
) -> None:
    load_event_kinds()  # browser tests flush the database, data-migration rows included
    sign_in(page, live_server.url, carla.username, confirmed_totp_device(carla))
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    seen = set()
    for path in PAGES:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        for text, colour, background in page.evaluate(COLOURS):
            if background in ("rgba(0, 0, 0, 0)", "transparent"):
                continue  # drawn on the page's own background
            seen.add(text)
            assert contrast(colour, background) >= WCAG_AA, (path, text, colour, background)
    assert {"Abrir caso", "Registrar persona", "Planear evento", "Nuevo usuario"} <= seen
    assert errors == []


PHONE_PAGES = ("/red/", "/casos/", "/personas/", "/prevencion/", "/cuenta/usuarios/")


def test_tables_stack_into_labelled_rows_on_a_phone(
    transactional_db: None,
    browser: Browser,
    live_server: LiveServer,
    network: Network,
    carla: User,
) -> None:
    load_event_kinds()
    phone = browser.new_context(
        locale=LOCALE,
        viewport={"width": PHONE_VIEWPORT["width"], "height": PHONE_VIEWPORT["height"]},
        is_mobile=True,
    ).new_page()
    sign_in(phone, live_server.url, carla.username, confirmed_totp_device(carla))
    for path in PHONE_PAGES:
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    phone.goto(live_server.url + "/red/")
    label = phone.evaluate(
        "getComputedStyle(document.querySelector('table.table tbody td'), '::before').content"
    )
    assert label == '"Clave"'
