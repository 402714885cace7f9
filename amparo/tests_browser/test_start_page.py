"""In Chromium, on a phone and in English: the start page shows an officer their work and
central analysis its charts, each chart with the table of its figures."""

import re

import pytest
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from amparo.accounts.models import User
from amparo.accounts.tests.factories import confirmed_totp_device
from amparo.cases.models import Priority
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.cases.tests.factories import open_case_as
from amparo.tests_browser.auth_steps import sign_in
from amparo.tests_browser.conftest import LOCALE, PHONE_VIEWPORT

pytestmark = pytest.mark.browser


def test_the_start_page_in_english_on_a_phone(
    transactional_db: None, browser: Browser, live_server: LiveServer, alice: User, ana: User
) -> None:
    load_case_taxonomy()  # browser tests flush the database, data-migration rows included
    case = open_case_as(alice, assigned_to=alice, priority=Priority.URGENT)
    devices = {user.username: confirmed_totp_device(user) for user in (alice, ana)}

    for user in (alice, ana):
        context = browser.new_context(locale=LOCALE, viewport=PHONE_VIEWPORT, is_mobile=True)
        page = context.new_page()
        sign_in(page, live_server.url, user.username, devices[user.username])
        page.get_by_role("button", name="Menú").click()  # the header folds on a phone
        page.get_by_role("button", name="English").click()
        if user == alice:
            mine = page.get_by_role("region", name=re.compile("My open cases"))
            expect(mine).to_contain_text(case.folio)
            expect(mine).to_contain_text("Urgent")
            expect(
                page.get_by_role("region", name=re.compile("Consular notification"))
            ).to_be_visible()
        else:
            chart = page.get_by_role("figure", name=re.compile("Cases opened by matter and month"))
            expect(chart.locator("svg rect")).to_have_count(1)
            chart.get_by_text("Show the data").click()
            expect(chart.get_by_role("table")).to_contain_text("Migratorio")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        context.close()
