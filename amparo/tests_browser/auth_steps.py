"""Steps other browser tests reuse: sign in with password and TOTP like a person would."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

from amparo.accounts.tests.factories import TEST_PASSWORD

LOGIN_PATH = "/cuenta/entrar/"
SECOND_FACTOR_PATH = "/cuenta/segundo-factor/"


def current_code(device: TOTPDevice, *, drift: int = 0) -> str:
    """The six digits the person's authenticator app shows right now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return f"{code:0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """A code that the device rejects even allowing for clock drift."""
    accepted = {current_code(device, drift=drift) for drift in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222") if code not in accepted)


def submit_password(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + LOGIN_PATH)
    form = page.locator("form:has([name=username])")
    form.locator("[name=username]").fill(username)
    form.locator("[name=password]").fill(password)
    form.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_url(f"**{SECOND_FACTOR_PATH}*")


def submit_code(page: Page, code: str) -> None:
    form = page.locator("form:has([name=otp_token])")
    form.locator("[name=otp_token]").fill(code)
    form.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_load_state()


def sign_in(
    page: Page, base_url: str, username: str, device: TOTPDevice, password: str = TEST_PASSWORD
) -> None:
    """Password, then the current TOTP code; ends on whatever page the login redirects to."""
    submit_password(page, base_url, username, password)
    submit_code(page, current_code(device))
