"""In Chromium: from any page, the header's box takes an officer straight to a case by its
folio, and a name to the people who bear it."""

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from amparo.accounts.models import User
from amparo.accounts.tests.factories import confirmed_totp_device
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.cases.tests.factories import open_case_as, person_in
from amparo.conftest import Network
from amparo.tests_browser.auth_steps import sign_in

pytestmark = pytest.mark.browser


def test_the_header_search_opens_a_case_by_folio_and_finds_a_person_by_name(
    transactional_db: None, page: Page, live_server: LiveServer, network: Network, alice: User
) -> None:
    load_case_taxonomy()  # browser tests flush the database, data-migration rows included
    person = person_in(network.consulate_a, given_names="Xóchitl", first_surname="Huerta")
    case = open_case_as(alice, person=person)
    sign_in(page, live_server.url, alice.username, confirmed_totp_device(alice))
    box = page.get_by_role("search").get_by_label("Buscar folio, persona o llamada")
    box.fill(case.folio.lower())
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.folio)
    box = page.get_by_role("search").get_by_label("Buscar folio, persona o llamada")
    box.fill("xochitl huerta")
    box.press("Enter")
    expect(page.get_by_role("link", name=re.compile(r"^Huerta .*, Xóchitl$"))).to_be_visible()
