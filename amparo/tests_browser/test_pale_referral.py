"""In Chromium, the PALE journey of the issue: an officer refers a case from its page with
the national's consent and only the name and the matter; the provider's lawyer signs in,
sees only those fields, accepts, records a hearing, bills the month and concludes; the
officer approves the invoice line; the lawyer of a second provider sees nothing of it."""

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from amparo.accounts.models import Role, User
from amparo.accounts.tests.factories import confirmed_totp_device
from amparo.cases.models import Materia
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.cases.tests.factories import actor_for, open_case_as, person_in
from amparo.conftest import Network, _member
from amparo.legal.invoices import fee_set
from amparo.legal.models import Provider
from amparo.legal.services import (
    contract_create,
    contract_set_status,
    lawyer_attach,
    provider_create,
)
from amparo.tests_browser.auth_steps import sign_in
from amparo.tests_browser.conftest import LOCALE

pytestmark = pytest.mark.browser


def under_contract(head: User, name: str, lawyer: User) -> Provider:
    actor = actor_for(head)
    migratorio = Materia.objects.get(code="MIGRATORIO")
    provider = provider_create(actor=actor, office=actor.office, name=name, kind="law_firm",
                               materias=[migratorio], counties=[])  # fmt: skip
    today = actor.office.local_today()
    contract = contract_create(actor=actor, provider=provider, office=actor.office,
                               starts_on=today - timedelta(days=30), ends_on=today + timedelta(days=300),
                               ceiling=20_000_00, capacity=5)  # fmt: skip
    contract_set_status(actor=actor, contract=contract, status="in_force")
    fee_set(actor=actor, contract=contract, level="advice", materia=migratorio, hourly=150_00)
    lawyer_attach(actor=actor, provider=provider, user=lawyer)
    return provider


def signed_in(browser: Browser, live_server: LiveServer, user: User) -> Page:
    page = browser.new_context(locale=LOCALE).new_page()
    sign_in(page, live_server.url, user.username, confirmed_totp_device(user))
    return page


def test_refer_answer_report_bill_and_approve(
    transactional_db: None, browser: Browser, live_server: LiveServer, network: Network,
    alice: User, carla: User, luis: User,
) -> None:  # fmt: skip
    load_case_taxonomy()  # browser tests flush the database, data-migration rows included
    under_contract(carla, "Despacho Ruiz & Asociados", luis)
    rita = _member("rita", network.consulate_a, Role.EXTERNAL_LAWYER)
    under_contract(carla, "Clínica Jurídica del Valle", rita)
    person = person_in(network.consulate_a, given_names="María", first_surname="Pérez",
                       a_number="201555123")  # fmt: skip
    case = open_case_as(alice, person=person, summary="Detenida; audiencia pendiente.")
    month = network.consulate_a.local_today().strftime("%Y-%m")

    officer = signed_in(browser, live_server, alice)
    officer.goto(f"{live_server.url}/casos/{case.pk}/")
    officer.locator("main").get_by_role("link", name="Canalizar al PALE").click()
    expect(officer.locator("#candidates")).to_contain_text("atiende la materia")
    officer.get_by_label("Despacho Ruiz & Asociados").check()
    expect(officer.get_by_label("Nombre", exact=True)).to_be_checked()  # the minimum, by default
    expect(officer.get_by_label("Número A")).not_to_be_checked()
    officer.get_by_label("Consentimiento").select_option(label="Verbal, con testigo")
    officer.get_by_label("Referencia del formato, testigo o motivo").fill(
        "Testigo: cónsul adscrito"
    )
    officer.get_by_role("button", name="Canalizar").click()
    expect(officer.locator("main")).to_contain_text("Caso canalizado al PALE")
    expect(officer.locator("#answer-due")).to_contain_text("Debe responder a más tardar")
    referral_url = officer.url

    lawyer = signed_in(browser, live_server, luis)
    lawyer.goto(f"{live_server.url}/pale/")
    row = lawyer.locator("#portal tr", has_text="María Pérez")
    expect(row).to_contain_text("Enviada")
    row.get_by_role("link").click()
    shared = lawyer.locator("#shared")
    expect(shared).to_contain_text("María Pérez")
    expect(lawyer.locator("main")).not_to_contain_text("201555123")
    expect(lawyer.locator("main")).not_to_contain_text(case.folio)
    work_the_referral(lawyer, month)

    officer.goto(referral_url)
    expect(officer.locator("main")).to_contain_text("Liberación bajo fianza")
    officer.locator("#invoice-lines").get_by_role("button", name="Aprobar").click()
    expect(officer.locator("#invoice-lines")).to_contain_text("Aprobada")
    officer.goto(f"{live_server.url}/casos/{case.pk}/")
    expect(officer.locator("main")).to_contain_text("informa una audiencia el 2 de abril de 2031")

    rival = signed_in(browser, live_server, rita)
    rival.goto(f"{live_server.url}/pale/portal/")
    expect(rival.locator("main")).not_to_contain_text("María")
    response = rival.goto(referral_url.replace("/canalizaciones/", "/portal/"))
    assert response is not None and response.status == 404


def work_the_referral(lawyer: Page, month: str) -> None:
    """The provider's lawyer accepts, reports a hearing, bills the month and concludes."""
    lawyer.get_by_label("Aceptar").check()
    lawyer.get_by_role("button", name="Enviar respuesta").click()
    expect(lawyer.locator("main")).to_contain_text("Aceptada")
    lawyer.get_by_label("Audiencia (fecha y hora)").fill("2031-04-02T09:00")
    lawyer.get_by_role("button", name="Registrar", exact=True).click()
    expect(lawyer.locator("main")).to_contain_text("En curso")
    lawyer.get_by_label("Mes:", exact=True).fill(month)
    lawyer.get_by_label("Nivel de servicio").select_option(label="Asesoría")
    lawyer.get_by_label("Horas").fill("2.5")
    lawyer.get_by_label("Descripción del trabajo").fill("Preparación de la audiencia de fianza")
    lawyer.get_by_role("button", name="Presentar la línea").click()
    expect(lawyer.locator("#invoice-lines")).to_contain_text("USD 375.00")
    lawyer.get_by_label("Resultado:", exact=True).select_option(label="Liberación bajo fianza")
    lawyer.get_by_role("button", name="Concluir").click()
    expect(lawyer.locator("main")).to_contain_text("Concluida")


def test_the_head_records_a_bar_admission_and_renews_the_contract(
    transactional_db: None, browser: Browser, live_server: LiveServer, carla: User, luis: User
) -> None:
    load_case_taxonomy()
    provider = under_contract(carla, "Despacho Ruiz & Asociados", luis)
    head = signed_in(browser, live_server, carla)
    head.goto(f"{live_server.url}/pale/proveedores/{provider.pk}/")

    admissions = head.locator("section", has=head.get_by_role("heading", name="Colegiaciones"))
    admissions.get_by_label("Abogado(a)").fill("Ana Ruiz")
    admissions.get_by_label("Estado o provincia").select_option("TX")
    admissions.get_by_label("Número de colegiación").fill("24012345")
    admissions.get_by_role("button", name="Agregar colegiación").click()
    expect(head.locator("main")).to_contain_text("Colegiación registrada")
    expect(admissions).to_contain_text("Ana Ruiz · TX 24012345 · sin verificar")

    head.get_by_text("Renovar este contrato").click()
    head.get_by_role("button", name="Registrar la renovación").click()  # the next period, filled
    expect(head.locator("main")).to_contain_text("Renovación registrada como borrador")
    head.get_by_role("button", name="Poner en vigor").click()
    expect(head.locator("main")).to_contain_text("Estatus del contrato actualizado")
    contracts = head.locator("article.contract")
    expect(contracts).to_have_count(2)
    renewal, renewed = contracts.nth(0), contracts.nth(1)  # newest first
    expect(renewal.get_by_role("heading")).to_contain_text("Vigente")
    expect(renewal).to_contain_text("Renovación de un contrato anterior")
    expect(renewed.get_by_role("heading")).to_contain_text("Vencido")
    expect(renewed).to_contain_text("Renovado desde el")
