"""In Chromium, with the keyboard only: an operator logs a call, escalates it, and the case
appears for the officer of the routed consulate and not for another consulate."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from amparo.accounts.models import User
from amparo.accounts.tests.factories import confirmed_totp_device
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.conftest import Network
from amparo.hotline.models import Escalation
from amparo.hotline.tests.conftest import (  # noqa: F401 - the hotline suite's fixtures
    areas,
    fresh_jurisdiction_cache,
    immediate_tasks,
)
from amparo.tests_browser.auth_steps import sign_in
from amparo.tests_browser.conftest import LOCALE

pytestmark = pytest.mark.browser


def signed_in_page(browser: Browser, live_server: LiveServer, user: User) -> Page:
    context = browser.new_context(locale=LOCALE)
    context.set_default_timeout(10_000)
    other = context.new_page()
    sign_in(other, live_server.url, user.username, confirmed_totp_device(user))
    return other


def test_an_operator_logs_and_escalates_a_call_with_the_keyboard_only(
    transactional_db: None,
    page: Page,
    browser: Browser,
    live_server: LiveServer,
    network: Network,
    olga: User,
    alice: User,
    bob: User,
    areas: dict,  # noqa: F811
) -> None:
    load_case_taxonomy()
    # Written before the browser starts: the live server shares the test's SQLite connection.
    for user in (alice, bob):
        confirmed_totp_device(user)
    sign_in(page, live_server.url, olga.username, confirmed_totp_device(olga))
    page.goto(live_server.url + "/ciam/llamadas/nueva/")
    expect(page.locator("#id_caller_phone")).to_be_focused()

    keyboard = page.keyboard
    keyboard.type("520 555 0142")
    keyboard.press("Tab")
    keyboard.type("María López")
    keyboard.press("Tab")  # origin country: United States by default
    keyboard.press("Tab")
    keyboard.type("CA")
    keyboard.press("Tab")
    keyboard.type("Fresno")
    keyboard.press("Tab")  # ZIP code: not known
    keyboard.press("Tab")  # language: Spanish by default
    keyboard.press("Tab")
    expect(page.locator("#id_topic")).to_be_focused()
    keyboard.type("Detenc")
    keyboard.press("Tab")
    keyboard.type("Su esposo fue detenido en Fresno esta mañana.")
    expect(page.locator("#caller-history")).to_contain_text("Sin llamadas anteriores")
    keyboard.press("Alt+k")  # save and escalate

    page.wait_for_url(re.compile(r"/ciam/llamadas/\d+/escalar/"))
    escalate_for_her_husband(page)

    page.wait_for_url(re.compile(r"/ciam/llamadas/\d+/$"))
    escalation = Escalation.objects.select_related("case__beneficiary", "office").get()
    assert escalation.office == network.consulate_b
    assert (escalation.caller_is_affected, escalation.caller_relation) == (False, "esposa")
    assert escalation.case.beneficiary.full_name == "Pedro Ramírez"
    expect(page.locator("main")).to_contain_text(escalation.case.folio)

    # The start page puts it before the receiving office's officer, and only there.
    officer_b = signed_in_page(browser, live_server, bob)
    waiting = officer_b.get_by_role("region", name=re.compile("Escalamientos sin acuse"))
    expect(waiting).to_contain_text(escalation.case.folio)
    page.goto(live_server.url + "/")
    sent = page.get_by_role("region", name=re.compile("Escalamientos enviados sin acuse"))
    expect(sent).to_contain_text(escalation.case.folio)
    officer_b.goto(live_server.url + "/casos/")
    expect(officer_b.locator("main")).to_contain_text(escalation.case.folio)
    officer_b.goto(live_server.url + f"/casos/{escalation.case.pk}/")
    expect(officer_b.locator("main")).to_contain_text("Su esposo fue detenido en Fresno")

    officer_a = signed_in_page(browser, live_server, alice)
    expect(
        officer_a.get_by_role("region", name=re.compile("Escalamientos sin acuse"))
    ).to_contain_text("Ningún escalamiento espera acuse.")
    expect(officer_a.locator("main")).not_to_contain_text(escalation.case.folio)
    officer_a.goto(live_server.url + "/casos/")
    expect(officer_a.locator("main")).not_to_contain_text(escalation.case.folio)
    response = officer_a.goto(live_server.url + f"/casos/{escalation.case.pk}/")
    assert response is not None and response.status == 404


def escalate_for_her_husband(page: Page) -> None:
    """The form offers the caller's name; her husband is the one detained: say so, and
    her name makes way for his."""
    keyboard = page.keyboard
    expect(page.locator("#id_given_names")).to_be_focused()
    expect(page.locator("#id_given_names")).to_have_value("María")
    expect(page.locator("#id_first_surname")).to_have_value("López")
    keyboard.press("Shift+Tab")  # relation to the caller
    keyboard.press("Shift+Tab")  # who needs protection: the caller, checked
    keyboard.press("ArrowDown")  # someone else
    expect(page.locator("#id_given_names")).to_be_focused()
    expect(page.locator("#id_given_names")).to_have_value("")
    keyboard.press("Shift+Tab")
    keyboard.type("esposa")
    keyboard.press("Tab")
    keyboard.type("Pedro")
    keyboard.press("Tab")
    keyboard.type("Ramírez")
    keyboard.press("Alt+g")  # open the case
