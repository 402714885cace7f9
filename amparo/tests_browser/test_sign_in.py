import re

import pytest
from playwright.sync_api import Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from amparo.accounts.models import Role, User
from amparo.accounts.tests.factories import (
    TEST_PASSWORD,
    MembershipFactory,
    UserFactory,
    confirmed_totp_device,
)
from amparo.network.tests.factories import OfficeFactory
from amparo.tests_browser.auth_steps import (
    SECOND_FACTOR_PATH,
    sign_in,
    submit_code,
    submit_password,
    wrong_code,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def officer(transactional_db: None) -> User:
    office = OfficeFactory(name="Consulado de prueba en Austin")
    user: User = UserFactory.create(username="oficial.austin")
    MembershipFactory(user=user, office=office, role=Role.CONSULAR_OFFICER)
    return user


def dashboard_heading(page: Page) -> Locator:
    return page.get_by_role("heading", name="Tablero", level=1)


def test_an_officer_signs_in_with_password_and_totp_and_sees_the_spanish_dashboard(
    page: Page, live_server: LiveServer, officer: User
) -> None:
    sign_in(page, live_server.url, officer.username, confirmed_totp_device(officer))

    expect(dashboard_heading(page)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^es", re.IGNORECASE))


def test_a_wrong_totp_code_is_refused_in_spanish(
    page: Page, live_server: LiveServer, officer: User
) -> None:
    device = confirmed_totp_device(officer)
    submit_password(page, live_server.url, officer.username, TEST_PASSWORD)

    submit_code(page, wrong_code(device))

    expect(page).to_have_url(re.compile(re.escape(SECOND_FACTOR_PATH)))
    error = page.locator("[role=alert], .field-errors, .errorlist").first
    expect(error).to_be_visible()
    expect(error).to_contain_text(re.compile(r"código|incorrecto", re.IGNORECASE))
    expect(dashboard_heading(page)).to_have_count(0)
    page.goto(live_server.url + "/")
    expect(dashboard_heading(page)).to_have_count(0)


def test_the_dashboard_fits_a_phone_screen_without_horizontal_scroll(
    phone_page: Page, live_server: LiveServer, officer: User
) -> None:
    page = phone_page
    page.goto(live_server.url + "/cuenta/entrar/")
    assert _fits_viewport_width(page)

    sign_in(page, live_server.url, officer.username, confirmed_totp_device(officer))

    expect(dashboard_heading(page)).to_be_visible()
    assert _fits_viewport_width(page)


def _fits_viewport_width(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
