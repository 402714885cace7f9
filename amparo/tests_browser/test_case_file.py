"""In Chromium: an officer going to a hearing prints the case file from the case page; the
PDF opens in a new tab with the case and, on every page, who printed it."""

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from pytest_django.live_server_helper import LiveServer

from amparo.accounts.models import User
from amparo.accounts.tests.factories import confirmed_totp_device
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.cases.tests.factories import open_case_as
from amparo.tests_browser.auth_steps import sign_in

pytestmark = pytest.mark.browser


def test_an_officer_prints_the_case_file(
    transactional_db: None, page: Page, live_server: LiveServer, alice: User
) -> None:
    load_case_taxonomy()  # browser tests flush the database, data-migration rows included
    case = open_case_as(alice, summary="Audiencia migratoria el lunes en Houston.")
    sign_in(page, live_server.url, alice.username, confirmed_totp_device(alice))
    page.goto(f"{live_server.url}/casos/{case.pk}/")

    link = page.locator("main").get_by_role("link", name="Imprimir expediente (PDF)")
    expect(link).to_have_attribute("target", "_blank")
    with page.context.expect_page() as opened:
        link.click()
    tab = opened.value
    assert tab.url.endswith(f"/casos/{case.pk}/expediente.pdf")

    # The viewer's pixels are not testable; the same request, with the same session, is.
    response = page.request.get(tab.url)
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert case.folio in text
    assert "Audiencia migratoria el lunes en Houston." in text
    assert f"Impreso por {alice.get_full_name()}" in text
