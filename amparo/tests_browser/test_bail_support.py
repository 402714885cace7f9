"""In Chromium, the issue's journey: an officer asks, from the case page, for part of a
detained national's bond with a partner paying the rest; the head of office's committee
approves (the money is held); central administration pays; the bond is later cancelled and
comes back with interest; the fund's statement shows each step, each figure leading to its
entries. And a medical repatriation's logistics, recorded step by step, on the case's
timeline."""

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
    latest = admin.get_by_role("region", name="Últimos asientos")
    for label in ("Reembolso de fianza recibido", "Fianza cancelada", "Pago", "Compromiso"):
        expect(latest).to_contain_text(label)
    expect(admin.locator('[data-account="available"]')).to_have_text("USD 300,012.34")

    admin.get_by_role("link", name="Estado de cuenta por periodo y representación").click()
    statement = admin.locator("#statement")
    expect(statement.locator('[data-line="opening"]')).to_contain_text("USD 0.00")
    expect(statement.locator('[data-line="deposit"]')).to_contain_text("USD 300,000.00")
    expect(statement.locator('[data-line="payment"]')).to_contain_text("USD -3,842.50")
    expect(statement.locator('[data-line="bond_refunded"]')).to_contain_text("USD 3,854.84")
    expect(statement.locator('[data-line="closing"]')).to_contain_text("USD 300,012.34")
    statement.locator('[data-line="payment"]').get_by_role("link").click()
    expect(admin.locator("#entries tbody tr")).to_have_count(1)
    expect(admin.locator("#entries")).to_contain_text("Chicago Bond Fund")


def test_a_medical_repatriations_logistics_on_the_case_timeline(
    transactional_db: None, browser: Browser, live_server: LiveServer, network: Network,
    alice: User, carla: User, adan: User,
) -> None:  # fmt: skip
    load_case_taxonomy()
    fund = fund_open(
        actor=actor_for(adan), name="Fondo de repatriaciones 2025", currency="USD",
        office=network.headquarters,
    )  # fmt: skip
    deposit(actor=actor_for(adan), fund=fund, amount=100_000_00, idempotency_key="budget")
    case = open_case_as(alice)
    devices = {u.username: confirmed_totp_device(u) for u in (alice, carla)}

    officer = signed_in(browser, live_server, alice, devices["alice"])
    officer.goto(f"{live_server.url}/casos/{case.pk}/")
    officer.locator("main").get_by_role("link", name="Solicitar apoyo económico").click()
    officer.get_by_label("Fondo").select_option(label="Fondo de repatriaciones 2025")
    officer.get_by_label("Tipo de apoyo").select_option(label="Repatriación médica")
    officer.get_by_label("Importe solicitado").fill("4800")
    officer.get_by_label("A quién se paga").fill("Aeroméxico")
    officer.get_by_label("Tipo de beneficiario").select_option(label="Aerolínea")
    officer.get_by_label("Justificación").fill("Traslado en camilla a Guadalajara.")
    officer.get_by_role("button", name="Enviar al comité").click()
    request_url = officer.url

    head = signed_in(browser, live_server, carla, devices["carla"])
    head.goto(request_url)
    head.get_by_label("Aprobar").check()
    head.get_by_label("Número de acta del comité").fill("CAPC-TA-2025-031")
    head.get_by_role("button", name="Registrar decisión").click()
    expect(head.locator("main")).to_contain_text("Aprobada (importe comprometido)")

    officer.goto(request_url)
    logistics = officer.get_by_role("region", name="Logística de la repatriación")
    flight = logistics.locator('[data-step="flight"]')
    flight.get_by_text("Registrar").click()
    flight.get_by_label("Fecha").fill("2025-03-02")
    flight.get_by_label("Detalle").fill("AM 681 Chicago-Guadalajara")
    flight.get_by_role("button", name="Guardar").click()
    expect(officer.locator('[data-step="flight"]')).to_contain_text("AM 681 Chicago-Guadalajara")
    expect(officer.locator('[data-step="hospital_abroad"]')).to_contain_text("pendiente")

    officer.goto(f"{live_server.url}/casos/{case.pk}/")
    expect(officer.locator("main")).to_contain_text("logística: Vuelo")
    expect(officer.locator("main")).to_contain_text("aprobada; importe comprometido")
