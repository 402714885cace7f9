"""In Chromium, the issue's journey: an officer asks, from the case page, for part of a
detained national's bond with a partner paying the rest; the head of office's committee
approves (the money is held); central administration pays; the bond is later cancelled and
comes back with interest; the fund's statement shows each step."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from amparo.accounts.models import User
from amparo.accounts.tests.factories import confirmed_totp_device
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.cases.tests.factories import actor_for, open_case_as
from amparo.conftest import Network
from amparo.support.services import deposit, fund_open
from amparo.tests_browser.auth_steps import sign_in
from amparo.tests_browser.conftest import LOCALE

pytestmark = pytest.mark.browser


def signed_in(browser: Browser, live_server: LiveServer, user: User, device: object) -> Page:
    page = browser.new_context(locale=LOCALE).new_page()
    sign_in(page, live_server.url, user.username, device)  # type: ignore[arg-type]
    return page


def test_a_bail_bond_from_request_to_refund(
    transactional_db: None, browser: Browser, live_server: LiveServer, network: Network,
    alice: User, carla: User, adan: User,
) -> None:  # fmt: skip
    load_case_taxonomy()  # browser tests flush the database, data-migration rows included
    fund = fund_open(
        actor=actor_for(adan), name="Fondo de fianzas 2025 - Medio Oeste", currency="USD",
        office=network.headquarters,
    )  # fmt: skip
    deposit(actor=actor_for(adan), fund=fund, amount=300_000_00, idempotency_key="budget")
    case = open_case_as(alice, flags={"is_detained": True})
    devices = {u.username: confirmed_totp_device(u) for u in (alice, carla, adan)}

    officer = signed_in(browser, live_server, alice, devices["alice"])
    officer.goto(f"{live_server.url}/casos/{case.pk}/")
    officer.locator("main").get_by_role("link", name="Solicitar apoyo económico").click()
    officer.get_by_label("Fondo").select_option(label="Fondo de fianzas 2025 - Medio Oeste")
    officer.get_by_label("Tipo de apoyo").select_option(label="Fianza migratoria")
    officer.get_by_label("Importe solicitado").fill("3842.50")
    officer.get_by_label("A quién se paga").fill("Chicago Bond Fund")
    officer.get_by_label("Justificación").fill(
        "Fianza de USD 7,500; la organización pone el resto."
    )
    officer.get_by_label("Cofinanciador (opcional)").fill("Chicago Bond Fund")
    officer.get_by_label("Importe del cofinanciador").fill("3657.50")
    officer.get_by_role("button", name="Enviar al comité").click()
    expect(officer.locator("main")).to_contain_text("En comité")
    expect(officer.locator("main")).to_contain_text("USD 3,842.50")
    request_url = officer.url

    head = signed_in(browser, live_server, carla, devices["carla"])
    head.goto(request_url)
    head.get_by_label("Aprobar").check()
    head.get_by_label("Número de acta del comité").fill("CAPC-TA-2025-014")
    head.get_by_role("button", name="Registrar decisión").click()
    expect(head.locator("main")).to_contain_text("Aprobada (importe comprometido)")

    admin = signed_in(browser, live_server, adan, devices["adan"])
    admin.goto(request_url)
    admin.get_by_role("button", name="Registrar el pago").click()
    expect(admin.locator("main")).to_contain_text("Pagada")
    admin.get_by_label("Intereses del reembolso").fill("12.34")
    admin.get_by_role("button", name=re.compile("Fianza cancelada")).click()
    expect(admin.locator("main")).to_contain_text("reembolso por recibir")
    admin.get_by_role("button", name="Reembolso recibido").click()
    expect(admin.locator("main")).to_contain_text("Fianza reembolsada")

    admin.get_by_role("link", name="Ver el estado de cuenta del fondo").click()
    statement = admin.get_by_role("region", name="Estado de cuenta")
    for kind in ("bond_refunded", "bond_cancelled", "payment", "hold", "deposit"):
        expect(statement).to_contain_text(kind)
    expect(admin.locator('[data-account="available"]')).to_have_text("USD 300,012.34")
