"""In Chromium, the issue's journey: an officer plans a visit to a facility from the office's
overview, prints the visit sheet, logs the visit from the keyboard alone with one person
found on the day, and sees the follow-ups and the updated days since the last visit; and
records a legal advisory a PALE provider gave, keyboard only."""

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from amparo.accounts.models import User
from amparo.accounts.tests.factories import confirmed_totp_device
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.conftest import Network
from amparo.detention.facilities import facilities_import
from amparo.detention.models import Detention, Facility
from amparo.detention.tests.conftest import FACILITIES_CSV
from amparo.detention.tests.factories import detain
from amparo.legal.tests.conftest import provider_with_contract
from amparo.network.models import JurisdictionArea
from amparo.network.selectors import invalidate_jurisdiction
from amparo.tests_browser.auth_steps import sign_in
from amparo.tests_browser.conftest import LOCALE

pytestmark = pytest.mark.browser


def tab_to(page: Page, name: str, limit: int = 80) -> None:
    """Press Tab until the field named `name` has the focus, as a keyboard user would."""
    for _n in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"never reached {name} with Tab")


def test_plan_print_and_log_a_visit_from_the_keyboard(
    transactional_db: None, browser: Browser, live_server: LiveServer, network: Network,
    alice: User,
) -> None:  # fmt: skip
    facility, held = facility_holding_one(network, alice)
    today = network.consulate_a.local_today().isoformat()
    device = confirmed_totp_device(alice)

    page = browser.new_context(locale=LOCALE).new_page()
    sign_in(page, live_server.url, alice.username, device)
    page.goto(f"{live_server.url}/detencion/")
    row = page.locator(f'[data-facility="{facility.pk}"]')
    expect(row.locator("[data-days]")).to_have_text("nunca")
    row.get_by_role("link", name="Programar visita").click()
    page.locator("#id_planned_on").fill(today)
    page.get_by_role("button", name="Programar").click()
    expect(page.locator("main")).to_contain_text("Programada")
    expect(page.locator("main")).to_contain_text(held.person.first_surname)

    page.get_by_role("link", name="Imprimir la hoja de visita").click()
    expect(page.locator("h1")).to_contain_text("Hoja de visita")
    expect(page.locator("table")).to_contain_text(held.person.first_surname)
    page.go_back()

    page.get_by_role("link", name="Registrar lo que se hizo").click()
    log_from_the_keyboard(page)

    expect(page.locator("main")).to_contain_text("Realizada")
    seen = page.locator("#seen")
    expect(seen).to_contain_text("Méndez")
    expect(seen).to_contain_text("encontrada el día de la visita")
    expect(seen.locator('[data-follow-up="family_contact"]')).to_have_count(1)

    page.goto(f"{live_server.url}/detencion/")
    expect(page.locator(f'[data-facility="{facility.pk}"] [data-days]')).to_have_text("0")
    follow_ups = page.locator("#follow-ups")
    expect(follow_ups).to_contain_text("Contactar a la familia")
    expect(follow_ups).to_contain_text("Canalizar al PALE")


def facility_holding_one(network: Network, alice: User) -> tuple[Facility, Detention]:
    load_case_taxonomy()  # browser tests flush the database, data-migration rows included
    JurisdictionArea.objects.create(code="US-TX-TRAVIS", country="US", region="TX", name="Travis County",
                                    latitude=30.33, longitude=-97.78, office=network.consulate_a)  # fmt: skip
    invalidate_jurisdiction()
    facilities_import(actor=None, content=FACILITIES_CSV.encode())
    facility = Facility.objects.get(name="T DON HUTTO RESIDENTIAL CENTER")
    return facility, detain(alice, facility, detained_on=None)


def log_from_the_keyboard(page: Page) -> None:
    """The known detainee seen with a health note and a family to call; Rosa Méndez found
    on the day, who wants a PALE lawyer; a note; saved — without touching the mouse."""
    page.get_by_label("Fecha en que se realizó").focus()
    tab_to(page, "known-0-seen")
    page.keyboard.press("Space")
    tab_to(page, "known-0-health")
    page.keyboard.type("Hipertensión, sin medicamento")
    tab_to(page, "known-0-wants_family_contact")
    page.keyboard.press("Space")
    tab_to(page, "found-0-given_names")
    page.keyboard.type("Rosa")
    tab_to(page, "found-0-first_surname")
    page.keyboard.type("Méndez")
    tab_to(page, "found-0-wants_pale_referral")
    page.keyboard.press("Space")
    tab_to(page, "notes")
    page.keyboard.type("Visita sin incidentes")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Guardar la visita")).to_be_focused()
    page.keyboard.press("Enter")


def test_an_advisory_by_a_pale_provider_from_the_keyboard(
    transactional_db: None, browser: Browser, live_server: LiveServer, network: Network,
    alice: User, carla: User,
) -> None:  # fmt: skip
    """The advisory form in seconds: the cursor starts on the matter; the provider is
    chosen in the "Asesoró" select by typing its name; Enter in the next field saves, and the
    form is back for the next one."""
    load_case_taxonomy()
    travis = JurisdictionArea.objects.create(code="US-TX-TRAVIS", country="US", region="TX",
                                             name="Travis County", latitude=30.33,
                                             longitude=-97.78, office=network.consulate_a)  # fmt: skip
    today = network.consulate_a.local_today()  # the real time: the live server's
    provider = provider_with_contract(carla, "Clínica Legal UIC", {"travis": travis},
                                      period=(today - timedelta(days=30), today + timedelta(days=300)))  # fmt: skip
    device = confirmed_totp_device(alice)

    page = browser.new_context(locale=LOCALE).new_page()
    sign_in(page, live_server.url, alice.username, device)
    page.goto(f"{live_server.url}/detencion/asesorias/")
    expect(page.get_by_label("Materia")).to_be_focused()
    tab_to(page, "given_by")
    page.keyboard.type("Cl")  # type-ahead: the first option that starts so
    expect(page.get_by_label("Asesoró")).to_have_value(f"p{provider.pk}")
    page.keyboard.press("Tab")  # to the date, already today's
    page.keyboard.press("Enter")

    expect(page.locator("#todays")).to_contain_text("Clínica Legal UIC")
    expect(page.get_by_role("heading", name="1 asesoría hoy")).to_be_visible()
    expect(page.get_by_label("Materia")).to_be_focused()
    assert provider.advisories.get().adviser is None
