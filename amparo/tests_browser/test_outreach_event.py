"""In Chromium: a head of office approves a workshop an officer planned; it appears on the
consulate's public page and in its calendar feed; someone checks in from the QR link on a
phone-sized screen; the officer records the headcount and finds it in the year's report,
with its county map."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from amparo.accounts.actor import Actor
from amparo.accounts.models import User
from amparo.accounts.tests.factories import confirmed_totp_device
from amparo.conftest import Network
from amparo.outreach.kinds import load_event_kinds
from amparo.outreach.models import Event, EventKind, EventReport, EventStatus, Registration
from amparo.outreach.services import EventDetails, event_plan
from amparo.tests_browser.auth_steps import sign_in
from amparo.tests_browser.conftest import LOCALE, PHONE_VIEWPORT

pytestmark = pytest.mark.browser

TITLE = "Taller: conoce tus derechos en el trabajo"


def _planned_workshop(network: Network, alice: User) -> Event:
    """Under way right now (it started an hour ago), so check-in and headcount are open."""
    load_event_kinds()  # browser tests flush the database, data-migration rows included
    now = timezone.now()
    return event_plan(
        actor=Actor(user=alice, membership=alice.memberships.get()),
        office=network.consulate_a,
        details=EventDetails(
            kind=EventKind.objects.get(code="workshop_labour"),
            title=TITLE,
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(hours=1),
            modality="in_person",
            venue="Biblioteca central",
            address="710 W Cesar Chavez St, Austin, TX",
        ),
    )


def test_an_approved_workshop_is_published_checked_into_and_counted(
    transactional_db: None,
    page: Page,
    browser: Browser,
    live_server: LiveServer,
    network: Network,
    alice: User,
    carla: User,
) -> None:
    event = _planned_workshop(network, alice)

    sign_in(page, live_server.url, carla.username, confirmed_totp_device(carla))
    page.goto(f"{live_server.url}/prevencion/{event.pk}/")
    page.get_by_role("button", name="Aprobar y publicar").click()
    expect(page.locator("main")).to_contain_text("Evento aprobado y publicado.")
    expect(page.locator("main")).to_contain_text("Publicado")

    visitor = browser.new_context(
        locale=LOCALE,
        viewport={"width": PHONE_VIEWPORT["width"], "height": PHONE_VIEWPORT["height"]},
        is_mobile=True,
    )
    phone = visitor.new_page()
    phone.goto(f"{live_server.url}/eventos/{network.consulate_a.slug}/")
    expect(phone.locator("main")).to_contain_text(TITLE)
    feed = phone.request.get(f"{live_server.url}/eventos/{network.consulate_a.slug}/calendario.ics")
    assert "BEGIN:VTIMEZONE" in feed.text() and TITLE[:20] in feed.text()

    phone.get_by_role("link", name=TITLE).click()
    qr_link = phone.locator(".event-qr svg title").text_content()
    assert qr_link is not None and qr_link.endswith(f"/eventos/e/{event.public_code}/")
    phone.goto(qr_link)  # what the phone's camera opens
    phone.get_by_label("Registro de asistencia").check()
    phone.get_by_label("Nombre (opcional)").fill("Rosa Hernández")
    phone.get_by_label("Acepto que el consulado guarde").check()
    phone.get_by_role("button", name="Enviar").click()
    expect(phone.locator("body")).to_contain_text("¡Gracias! Quedó registrado.")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    visitor.close()
    assert Registration.objects.get(event=event).name == "Rosa Hernández"

    officer = browser.new_context(locale=LOCALE).new_page()
    sign_in(officer, live_server.url, alice.username, confirmed_totp_device(alice))
    officer.goto(f"{live_server.url}/prevencion/{event.pk}/")
    officer.get_by_role("link", name="Registrar asistencia").click()
    officer.get_by_label("Mujeres, 30 a 59").fill("14")
    officer.get_by_label("Hombres, 18 a 29").fill("9")
    officer.get_by_label("Asesorías dadas en el evento").fill("3")
    officer.get_by_role("button", name="Guardar asistencia").click()
    expect(officer.locator("main")).to_contain_text("Asistencia y alcance guardados.")
    report = EventReport.objects.get(event=event)
    assert (report.in_person, report.advisories_given) == (23, 3)
    assert Event.objects.get(pk=event.pk).status == EventStatus.PUBLISHED

    # The year's report shows the event in its month, and its county map (a separate SVG
    # image under the site's Content-Security-Policy) loads.
    year = Event.objects.get(pk=event.pk).starts_on.year
    officer.goto(f"{live_server.url}/prevencion/informe/?year={year}")
    reach_grid = officer.get_by_role("table").filter(has_text="Personas alcanzadas (presencial")
    expect(reach_grid.locator("tfoot")).to_contain_text("23")
    county_map = officer.locator("img.county-map")
    expect(county_map).to_be_visible()
    officer.wait_for_function("document.querySelector('img.county-map').complete")
    assert officer.evaluate("document.querySelector('img.county-map').naturalWidth") == 960
