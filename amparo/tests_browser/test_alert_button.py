"""In Chromium, the alert button's journey of the issue: an officer enrols a national and
shows the QR code; the phone activates, goes offline, raises the alert (hold, countdown),
comes back online, and exactly one alert arrives. The trusted contact's status page asks
for a one-time code and says "received"; the on-duty officer of the routed consulate sees
the alert and acknowledges it (the phone and the family page say "seen"); an officer of
another consulate gets 404; an alert nobody acknowledges climbs to the head of office."""

from datetime import timedelta
from typing import Any
from urllib.parse import unquote

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Browser, Geolocation, Page, expect
from pytest_django.live_server_helper import LiveServer

from amparo.accounts.models import User
from amparo.accounts.tests.factories import confirmed_totp_device
from amparo.alerts import escalation, sms_code
from amparo.alerts.dispatch import dispatch_pending
from amparo.alerts.models import Alert, Device, Level, Registrant
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.cases.tests.factories import person_in
from amparo.conftest import Network
from amparo.hotline.tests.conftest import on_duty
from amparo.network.models import JurisdictionArea
from amparo.network.selectors import invalidate_jurisdiction
from amparo.notifications.models import Notification
from amparo.tests_browser.auth_steps import sign_in
from amparo.tests_browser.conftest import LOCALE, PHONE_VIEWPORT

pytestmark = pytest.mark.browser
AUSTIN: Geolocation = {"latitude": 30.27, "longitude": -97.74, "accuracy": 30}


def signed_in(browser: Browser, live_server: LiveServer, user: User) -> Page:
    page = browser.new_context(locale=LOCALE).new_page()
    sign_in(page, live_server.url, user.username, confirmed_totp_device(user))
    return page


def hold_and_wait_out_the_countdown(phone: Page) -> None:
    """Press and hold 3 s, then let the 10 s countdown run out (the page's clock is
    Playwright's: the seconds pass at once)."""
    phone.locator("#alert-button").hover()
    phone.mouse.down()
    phone.clock.run_for(3300)
    phone.mouse.up()
    expect(phone.locator("#alert-countdown")).to_be_visible()
    phone.clock.run_for(10_500)
    expect(phone.locator("#alert-countdown")).to_be_hidden()


def enrol_with_a_contact(officer: Page, live_server: LiveServer, person_id: int) -> str:
    """The officer's part at the counter; returns the activation address the QR holds."""
    officer.goto(f"{live_server.url}/personas/{person_id}/")
    officer.locator("main").get_by_role("link", name="Botón de alerta").click()
    officer.get_by_label("Teléfono celular").fill("(512) 555-0100")
    officer.get_by_label("PIN (4 a 8 dígitos)").fill("2468")
    officer.get_by_label("La persona leyó y aceptó").check()
    officer.get_by_role("button", name="Inscribir").click()
    expect(officer.locator("main")).to_contain_text("Persona inscrita")
    contacts = officer.locator(
        "section", has=officer.get_by_role("heading", name="Contactos de confianza")
    )
    contacts.get_by_label("Nombre").fill("Juan")
    contacts.get_by_label("Relación").select_option("spouse")
    contacts.get_by_label("Teléfono").fill("(512) 555-0111")
    contacts.get_by_role("button", name="Agregar contacto").click()
    expect(officer.locator("main")).to_contain_text("Contacto de confianza agregado")
    officer.get_by_role("button", name="Mostrar el código QR de activación").click()
    expect(officer.locator("#activation-qr svg")).to_be_visible()
    return officer.locator("#activation-url").inner_text()


def activated_phone(browser: Browser, activation_url: str) -> Page:
    """A phone in Austin opens the QR's address, then the app, under its service worker."""
    phone = browser.new_context(
        locale=LOCALE, viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True,
        geolocation=AUSTIN, permissions=["geolocation"],
    ).new_page()  # fmt: skip
    phone.goto(activation_url)
    expect(phone.locator("#activation-status")).to_contain_text("Listo")
    phone.clock.install()
    phone.get_by_role("link", name="Abrir el botón de alerta").click()
    phone.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    phone.reload()  # now under the service worker
    expect(phone.locator("#alert-button")).to_be_visible()
    return phone


def settled(live_server: LiveServer) -> None:
    """Wait until the live server serves nothing (the page polls, the worker syncs): on
    SQLite it shares the test's connection, which the test is about to use."""
    live_server.thread.httpd.wait_until_idle()  # type: ignore[attr-defined]


def assert_the_sms_fallback_carries(phone: Page, live_server: LiveServer, alert: Alert) -> None:
    """The SMS fallback the page prepared carries the same alert, signed as the server
    checks it (JavaScript and Python agree on sms_code's layout)."""
    href = phone.locator("#alert-sms").get_attribute("href") or ""
    code = sms_code.code_in(unquote(href.partition("body=")[2]))
    settled(live_server)
    sent = sms_code.decode(code, Device.objects.get().credential_hash)
    assert sent.client_id == alert.client_id and round(sent.latitude or 0, 2) == 30.27


def family_page_after_the_code(browser: Browser, live_server: LiveServer) -> Page:
    """The trusted contact opens the SMS's link and types the code sent to their phone."""
    settled(live_server)
    family_link = Notification.objects.get(kind="alert_family").subject.split("Estado: ")[1]
    family = browser.new_context(locale=LOCALE).new_page()
    family.goto(family_link)
    family.get_by_role("button", name="Enviarme un código").click()
    expect(family.locator("main")).to_contain_text("Le enviamos un código")
    settled(live_server)
    [code] = [
        n.subject for n in Notification.objects.filter(kind="alert_family") if "código" in n.subject
    ]
    family.get_by_label("Código que recibió").fill(code.split("es ")[1][:6])
    family.get_by_role("button", name="Ver el estado").click()
    return family


def raised_offline_arrives_once(phone: Page, live_server: LiveServer) -> Alert:
    """Offline, the alert waits in the outbox; back online, exactly one arrives."""
    phone.context.set_offline(True)
    hold_and_wait_out_the_countdown(phone)
    expect(phone.locator("#alert-waiting")).to_be_visible()
    settled(live_server)
    assert Alert.objects.count() == 0
    phone.context.set_offline(False)
    expect(phone.locator("#alert-status")).to_contain_text("Alerta recibida", timeout=15_000)
    settled(live_server)
    assert dispatch_pending() == 1  # the task worker's turn: case, pages, family
    return Alert.objects.get()  # exactly one, whoever sent it (the page or the worker)


def an_unacknowledged_alert_climbs(phone: Page, live_server: LiveServer, first: Alert) -> Alert:
    """A second alert nobody acknowledges is the head of office's five minutes later."""
    hold_and_wait_out_the_countdown(phone)
    expect(phone.locator("#alert-status")).to_contain_text("Alerta recibida")
    settled(live_server)
    assert dispatch_pending() == 1
    second = Alert.objects.exclude(pk=first.pk).get()
    with time_machine.travel(timezone.now() + timedelta(minutes=5, seconds=5), tick=True):
        assert escalation.climb_overdue() == 1  # what the timer task (or the cron) runs
    second.refresh_from_db()
    assert second.level == Level.HEAD
    return second


def test_enrol_raise_offline_acknowledge_and_climb(
    transactional_db: None, browser: Browser, live_server: LiveServer, network: Network,
    alice: User, bob: User, carla: User, settings: Any,
) -> None:  # fmt: skip
    load_case_taxonomy()  # browser tests flush the database, data-migration rows included
    settings.PUBLIC_URL = live_server.url  # the links sent to families
    JurisdictionArea.objects.create(code="US-TX-TRAVIS", country="US", region="TX",
                                    name="Travis County", latitude=30.33, longitude=-97.78,
                                    office=network.consulate_a)  # fmt: skip
    invalidate_jurisdiction()
    on_duty(alice, network.consulate_a)
    person = person_in(network.consulate_a, given_names="María", first_surname="Pérez",
                       address_state="TX", address_county="Travis County")  # fmt: skip
    officer = signed_in(browser, live_server, alice)
    activation_url = enrol_with_a_contact(officer, live_server, person.pk)

    phone = activated_phone(browser, activation_url)

    alert = raised_offline_arrives_once(phone, live_server)
    assert (alert.office, alert.routed_by) == (network.consulate_a, "point")
    assert_the_sms_fallback_carries(phone, live_server, alert)

    family = family_page_after_the_code(browser, live_server)
    expect(family.locator("#family-status")).to_have_text("María: Alerta recibida")

    officer.goto(f"{live_server.url}/alertas/")
    row = officer.locator(f'tr[data-alert="{alert.pk}"]')
    expect(row).to_contain_text("±30 m")
    expect(officer.locator(f'[data-alert-dot="{alert.pk}"] circle')).to_be_visible()
    row.get_by_role("link").click()
    officer.get_by_role("button", name="Acusar recibo").click()
    expect(officer.locator("main")).to_contain_text("Alerta vista")
    phone.reload()
    expect(phone.locator("#alert-status")).to_contain_text("Su consulado vio su alerta")
    family.reload()
    expect(family.locator("#family-status")).to_have_text("María: Vista por el consulado")

    other = signed_in(browser, live_server, bob)
    refused = other.goto(f"{live_server.url}/alertas/{alert.pk}/")
    assert refused is not None and refused.status == 404

    phone.get_by_role("button", name="Iniciar o renovar").click()  # the check-in timer
    expect(phone.locator("#checkin-due")).to_contain_text("Registre su llegada antes de")
    settled(live_server)
    assert Registrant.objects.get().checkin_due_at is not None

    second = an_unacknowledged_alert_climbs(phone, live_server, alert)
    head = signed_in(browser, live_server, carla)
    head.goto(f"{live_server.url}/alertas/")
    expect(head.locator(f'tr[data-alert="{second.pk}"]')).to_contain_text(
        "Titular de la representación"
    )
    phone.context.close()


def phone_at(browser: Browser) -> Page:
    return browser.new_context(
        locale=LOCALE, viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True,
        geolocation=AUSTIN, permissions=["geolocation"],
    ).new_page()  # fmt: skip


def sms_code_sent(live_server: LiveServer) -> str:
    settled(live_server)
    sms = Notification.objects.filter(kind="alert_enrolment_code").latest("pk")
    return sms.subject.split("es ")[1][:6]


def enrols_herself(browser: Browser, live_server: LiveServer) -> Page:
    """The phone's own enrolment: the SMS code, the profile, a PIN refused then accepted."""
    phone = phone_at(browser)
    phone.goto(f"{live_server.url}/boton/")
    phone.get_by_role("link", name="Inscribirme o reactivar este teléfono").click()
    phone.get_by_label("Su número de celular").fill("(512) 555-0177")
    phone.get_by_role("button", name="Enviarme el código").click()
    expect(phone.locator("#enrol-status")).to_contain_text("Le enviamos un código")
    phone.get_by_label("Código del SMS").fill(sms_code_sent(live_server))
    phone.get_by_label("Nombre(s)").fill("Rosa Elena")
    phone.get_by_label("Primer apellido").fill("Quintanilla")
    phone.get_by_label("Código postal de su domicilio").fill("78701")
    phone.get_by_label("Contacto 1: nombre").fill("Pedro")
    phone.locator("#contact-phone-1").fill("(512) 555-0142")
    phone.get_by_label("PIN (4 a 8 dígitos)").fill("12")
    phone.get_by_label("Leí y acepto el").check()
    phone.get_by_role("button", name="Inscribirme").click()
    expect(phone.locator("#enrol-status")).to_contain_text("de 4 a 8 dígitos")  # said plainly
    phone.get_by_label("PIN (4 a 8 dígitos)").fill("4826")
    phone.get_by_role("button", name="Inscribirme").click()
    expect(phone.locator("#enrol-status")).to_contain_text("Listo")
    return phone


def edits_her_contacts(phone: Page, live_server: LiveServer) -> None:
    phone.goto(f"{live_server.url}/boton/")
    phone.get_by_role("link", name="Mis contactos de confianza").click()
    phone.get_by_label("PIN").fill("4826")
    phone.get_by_role("button", name="Ver mis contactos").click()
    expect(phone.locator("#contacts-list")).to_contain_text("Pedro")
    phone.get_by_label("Nombre", exact=True).fill("Lic. Ortega")
    phone.get_by_label("Relación").select_option("other")
    phone.get_by_label("Correo electrónico (opcional)").fill("ortega@example.com")
    phone.get_by_role("button", name="Agregar contacto").click()
    expect(phone.locator("#contacts-list")).to_contain_text("Lic. Ortega")
    phone.get_by_role("button", name="Eliminar Pedro").click()
    expect(phone.locator("#contacts-status")).to_contain_text("Contacto eliminado")
    expect(phone.locator("#contacts-list")).not_to_contain_text("Pedro")


def reactivates_a_wiped_phone(browser: Browser, live_server: LiveServer) -> None:
    """Safari wiped the app's storage: the same number and the PIN bring the phone back."""
    wiped = phone_at(browser)
    wiped.goto(f"{live_server.url}/boton/inscribirme/")
    wiped.get_by_label("Su número de celular").fill("512-555-0177")
    wiped.get_by_role("button", name="Enviarme el código").click()
    expect(wiped.locator("#enrol-status")).to_contain_text("Le enviamos un código")
    wiped.get_by_label("Código del SMS").fill(sms_code_sent(live_server))
    wiped.get_by_label("Ya estoy inscrita o inscrito").check()
    expect(wiped.get_by_label("Nombre(s)")).to_be_hidden()
    wiped.get_by_label("PIN (4 a 8 dígitos)").fill("4826")
    wiped.get_by_role("button", name="Inscribirme").click()
    expect(wiped.locator("#enrol-status")).to_contain_text("Listo")


def test_a_national_enrols_herself_by_sms_and_reactivates_a_wiped_phone(
    transactional_db: None, browser: Browser, live_server: LiveServer, network: Network,
    alice: User,
) -> None:  # fmt: skip
    load_case_taxonomy()
    JurisdictionArea.objects.create(code="US-TX-TRAVIS", country="US", region="TX",
                                    name="Travis County", latitude=30.33, longitude=-97.78,
                                    office=network.consulate_a)  # fmt: skip
    invalidate_jurisdiction()
    on_duty(alice, network.consulate_a)
    phone = enrols_herself(browser, live_server)
    settled(live_server)
    registrant = Registrant.objects.get()
    assert registrant.self_enrolled and registrant.office == network.consulate_a
    assert [contact.name for contact in registrant.contacts.all()] == ["Pedro"]

    phone.clock.install()
    phone.get_by_role("link", name="Abrir el botón de alerta").click()
    expect(phone.locator("#alert-test-due")).to_be_visible()  # never tested yet
    phone.get_by_role("button", name="Probar el botón").click()
    expect(phone.locator("#alert-status")).to_contain_text("Prueba recibida")
    expect(phone.locator("#alert-test-due")).to_be_hidden()
    hold_and_wait_out_the_countdown(phone)
    expect(phone.locator("#alert-status")).to_contain_text("Alerta recibida")
    settled(live_server)
    assert dispatch_pending() == 2
    test, real = Alert.objects.order_by("pk")
    assert test.is_test and test.case is None and not test.is_active
    assert real.registrant == registrant and real.case is not None

    edits_her_contacts(phone, live_server)
    settled(live_server)
    assert [contact.name for contact in registrant.contacts.all()] == ["Lic. Ortega"]
    phone.context.close()

    reactivates_a_wiped_phone(browser, live_server)
    settled(live_server)
    assert registrant.devices.count() == 2 and Registrant.objects.count() == 1
