"""In Chromium, the walk-in promise of issue 3: an officer of consulate A searches for a
person who is not registered, registers her, opens a case, logs a gestión and closes the
case with a reason, in well under a minute and a handful of page loads. The same flow runs
on a 375-pixel phone screen, where no page may scroll sideways."""

import re
import time
from collections.abc import Iterator
from datetime import date

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from amparo.accounts.models import User
from amparo.accounts.tests.factories import confirmed_totp_device
from amparo.cases.models import Case, CaseStatus, ClosureReason, IntakeChannel
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.cases.tests.factories import open_case_as
from amparo.conftest import Network
from amparo.network.models import JurisdictionArea
from amparo.network.selectors import invalidate_jurisdiction
from amparo.network.tests.factories import JurisdictionAreaFactory
from amparo.people.models import Person, Sex
from amparo.people.tests.factories import PersonFactory
from amparo.tests_browser.auth_steps import sign_in
from amparo.tests_browser.conftest import LOCALE, PHONE_VIEWPORT

pytestmark = pytest.mark.browser

# An interaction budget for a person at the counter, not a benchmark: the scripted flow
# must leave most of the minute to the officer's typing and the conversation.
WALK_IN_BUDGET_SECONDS = 60
SCRIPTED_FLOW_MAX_SECONDS = WALK_IN_BUDGET_SECONDS / 2
# search, registration form, person saved, case form, case opened, status form, case
# closed = 7; one more if a duplicate warning shows, and a little headroom.
MAX_PAGE_LOADS = 10

# The detour to the start page (there and back) to see the new case in the queue.
START_PAGE_LOADS = 2

SEARCH_LABEL = "Buscar por nombre, fecha de nacimiento o número de documento"
SUBTYPE = "Laboral · Salarios no pagados"
GESTION_SUMMARY = "Llamada al empleador para pedir el pago de tres semanas de salario."


@pytest.fixture(autouse=True)
def fresh_jurisdiction_cache() -> Iterator[None]:
    # The jurisdiction map is cached per process, and the live server shares the process.
    invalidate_jurisdiction()
    yield
    invalidate_jurisdiction()


@pytest.fixture
def travis_county(transactional_db: None, network: Network) -> JurisdictionArea:
    area: JurisdictionArea = JurisdictionAreaFactory.create(
        code="US-TX-TRAVIS", region="TX", name="Travis County", office=network.consulate_a
    )
    invalidate_jurisdiction()
    return area


# The innermost elements that stick out past the right edge (for the failure message).
WIDEST_ELEMENTS = """(limit) => {
  const out = [...document.querySelectorAll("body *")].filter(
    (element) => element.getBoundingClientRect().right > limit
  );
  return out
    .filter((element) => !out.some((other) => other !== element && element.contains(other)))
    .map((element) => element.tagName.toLowerCase() + (element.id ? "#" + element.id : ""));
}"""


class Flow:
    """The tab, the page loads since the first search, and pages too wide for a phone."""

    def __init__(self, page: Page, *, phone: bool) -> None:
        self.page = page
        self.phone = phone
        self.loads = 0
        self.too_wide: list[str] = []
        page.on("load", lambda _page: self._count_load())

    def _count_load(self) -> None:
        self.loads += 1

    def main(self) -> Locator:
        return self.page.locator("main")

    def heading(self, name: str | re.Pattern[str]) -> Locator:
        return self.page.get_by_role("heading", name=name, level=1)

    def messages(self) -> Locator:
        return self.page.locator(".messages")

    def check_width(self, step: str) -> None:
        if not self.phone:
            return
        width = self.page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_VIEWPORT["width"]:
            culprits = self.page.evaluate(WIDEST_ELEMENTS, PHONE_VIEWPORT["width"])
            self.too_wide.append(f"{step}: {width}px ({', '.join(culprits)})")


def go_to_people(flow: Flow) -> None:
    page = flow.page
    if flow.phone:  # the main navigation folds behind a menu button on narrow screens
        page.get_by_role("button", name="Menú").click()
    nav = page.get_by_role("navigation", name="Navegación principal")
    nav.get_by_role("link", name="Personas", exact=True).click()
    expect(flow.heading("Personas")).to_be_visible()
    flow.check_width("Personas")


def search_and_find_nobody(flow: Flow) -> None:
    page = flow.page
    expect(page.get_by_label(SEARCH_LABEL)).to_be_focused()  # no Tab needed to start typing
    page.get_by_label(SEARCH_LABEL).fill("María García")
    page.locator("main").get_by_role("button", name="Buscar").click()
    expect(page.get_by_label(SEARCH_LABEL)).to_have_value("María García")
    no_match = page.get_by_role("row").filter(has_text="No hay personas que coincidan.")
    expect(no_match).to_be_visible()
    flow.check_width("búsqueda sin resultados")
    # "Not found → create": the empty result itself offers to register the person.
    no_match.get_by_role("link", name="Registrar a María García").click()
    expect(flow.heading("Registrar persona")).to_be_visible()
    # The name searched is written in, and the cursor waits in the first field.
    expect(page.get_by_label("Primer apellido")).to_have_value("García")
    expect(page.locator("form [autofocus]").first).to_be_focused()
    flow.check_width("registro de persona")


def register_maria(flow: Flow) -> int:
    page = flow.page
    page.get_by_label("Nombre(s)").fill("María Guadalupe")
    page.get_by_label("Primer apellido").fill("García")
    page.get_by_label("Segundo apellido").fill("Hernández")
    labelled(page, "Fecha de nacimiento").fill("1987-03-14")
    page.get_by_label("Sexo").select_option(label="Mujer")
    page.get_by_label("Teléfono").fill("512 555 0148")
    page.get_by_label("Domicilio").fill("4821 E Riverside Dr Apt 12")
    page.get_by_label("Ciudad").fill("Austin")
    page.get_by_label("Estado o provincia").fill("TX")
    page.get_by_label("Condado").fill("Travis")
    page.get_by_label("Código postal").fill("78741")
    page.get_by_label("Código postal").blur()
    suggestion = page.locator("#office-suggestion")
    expect(suggestion).to_contain_text("Por circunscripción corresponde a: Consulado A.")
    page.get_by_role("button", name="Registrar", exact=True).click()

    duplicates = page.get_by_role("heading", name="Posibles duplicados")
    expect(duplicates.or_(flow.heading("María Guadalupe García Hernández"))).to_be_visible()
    if duplicates.is_visible():  # confirm only when the page actually warns
        page.get_by_label(re.compile("es otra persona, registrar de todos modos")).check()
        page.get_by_role("button", name="Registrar", exact=True).click()

    expect(flow.heading("María Guadalupe García Hernández")).to_be_visible()
    expect(flow.main()).to_contain_text("1987-03-14")
    expect(flow.main()).to_contain_text("Consulado A")
    flow.check_width("ficha de la persona")
    match = re.search(r"/personas/(\d+)/$", page.url)
    assert match, page.url
    return int(match.group(1))


def open_walk_in_case(flow: Flow) -> None:
    page = flow.page
    page.locator("main").get_by_role("link", name="Abrir caso").click()
    expect(flow.heading("Abrir caso")).to_be_visible()
    expect(flow.main()).to_contain_text("Persona beneficiaria: María Guadalupe García Hernández")
    expect(flow.main()).to_contain_text(
        "Representación que corresponde por el domicilio de la persona: Consulado A."
    )
    flow.check_width("abrir caso")
    page.get_by_label("Materia y subtipo").select_option(label=SUBTYPE)
    page.get_by_label("Canal de ingreso").select_option(label="Atención presencial")
    page.get_by_label("Resumen de los hechos").fill(
        "Acude al consulado: su empleador en Austin le adeuda tres semanas de salario."
    )
    page.get_by_role("button", name="Abrir caso").click()

    expect(flow.messages()).to_contain_text(re.compile(r"Caso TA-\S+ abierto\."))
    expect(flow.heading(re.compile(r"^Caso TA-"))).to_be_visible()
    expect(status_badge(page)).to_have_text("Abierto")
    flow.check_width("caso abierto")


def add_call(flow: Flow, today: date) -> None:
    page = flow.page
    form = gestion_form(page)
    labelled(form, "Tipo de gestión").select_option(label="Llamada")
    labelled(form, "Fecha").fill(today.isoformat())
    labelled(form, "Resumen").fill(GESTION_SUMMARY)
    form.get_by_role("button", name="Guardar gestión").click()
    expect(timeline(page)).to_contain_text("Gestión: Llamada")
    expect(timeline(page)).to_contain_text(GESTION_SUMMARY)
    # Announced to screen readers, and the cursor is back in the gestión form.
    expect(page.locator("#timeline-status")).to_have_text("Gestión registrada.")
    expect(gestion_form(page).get_by_label("Tipo de gestión")).to_be_focused()
    flow.check_width("gestión registrada")


def close_favorably(flow: Flow) -> None:
    page = flow.page
    page.get_by_role("link", name="Cambiar estatus").click()
    expect(flow.heading("Cambiar estatus")).to_be_visible()
    flow.check_width("cambiar estatus")
    page.get_by_label("Nuevo estatus").select_option(label="Concluido")
    page.get_by_label("Motivo de cierre (al concluir)").select_option(label="Favorable")
    page.get_by_role("button", name="Guardar").click()
    expect(flow.messages()).to_contain_text("Estatus actualizado.")
    expect(status_badge(page)).to_have_text("Concluido")


def labelled(scope: Page | Locator, text: str) -> Locator:
    """The field whose label is exactly `text` (Django adds a colon to most labels)."""
    return scope.get_by_label(re.compile(rf"^{re.escape(text)}:?$"))


def timeline(page: Page) -> Locator:
    return page.get_by_role("region", name="Historial del caso")


def gestion_form(page: Page) -> Locator:
    return (
        timeline(page)
        .locator("form")
        .filter(has=page.get_by_role("heading", name="Registrar gestión"))
    )


def duplicate_ids(page: Page) -> list[str]:
    ids: list[str] = page.evaluate(
        "[...document.querySelectorAll('[id]')].map((element) => element.id)"
    )
    return sorted({name for name in ids if ids.count(name) > 1})


def status_badge(page: Page) -> Locator:
    return page.locator(".page-header .badge").first


@pytest.mark.parametrize("screen", ["escritorio", "teléfono"])
def test_an_officer_opens_and_closes_a_walk_in_case_in_under_a_minute(
    transactional_db: None,
    request: pytest.FixtureRequest,
    live_server: LiveServer,
    network: Network,
    alice: User,
    bob: User,
    travis_county: JurisdictionArea,
    screen: str,
) -> None:
    load_case_taxonomy()
    # Written before the browser starts: the live server shares the test's SQLite connection.
    bob_device = confirmed_totp_device(bob)
    phone = screen == "teléfono"
    page: Page = request.getfixturevalue("phone_page" if phone else "page")
    sign_in(page, live_server.url, alice.username, confirmed_totp_device(alice))
    expect(page.get_by_role("heading", name="Tablero", level=1)).to_be_visible()
    flow = Flow(page, phone=phone)
    go_to_people(flow)
    flow.loads = 0

    started = time.monotonic()
    search_and_find_nobody(flow)
    person_id = register_maria(flow)
    open_walk_in_case(flow)
    add_call(flow, network.consulate_a.local_today())  # the office's day, not UTC's
    case_url = page.url
    folio = the_case_is_in_my_queue(flow, live_server)
    page.goto(case_url)
    close_favorably(flow)
    elapsed = time.monotonic() - started
    another_office_does_not_see_it(page, live_server, bob, bob_device, folio)

    history = timeline(page)
    expect(history).to_contain_text("Caso abierto; canal: Atención presencial.")
    expect(history).to_contain_text("Gestión: Llamada")
    expect(history).to_contain_text(
        "Estatus: de «Abierto» a «Concluido». Motivo de cierre: Favorable."
    )
    expect(page.get_by_role("region", name="Datos del caso")).to_contain_text("Favorable")
    flow.check_width("caso concluido")

    assert elapsed < SCRIPTED_FLOW_MAX_SECONDS, f"the flow took {elapsed:.1f} s"
    assert flow.loads <= MAX_PAGE_LOADS + START_PAGE_LOADS, f"{flow.loads} page loads"
    assert not flow.too_wide, f"pages wider than the phone: {flow.too_wide}"

    person = Person.objects.get(pk=person_id)
    assert (person.given_names, person.first_surname, person.second_surname) == (
        "María Guadalupe",
        "García",
        "Hernández",
    )
    assert person.date_of_birth == date(1987, 3, 14)
    assert person.sex == Sex.FEMALE
    assert person.phone == "+15125550148"
    assert person.office == network.consulate_a
    case = Case.objects.get(beneficiary=person)
    assert case.office == network.consulate_a
    assert case.channel == IntakeChannel.WALK_IN
    assert case.status == CaseStatus.CONCLUDED
    assert case.closure_reason == ClosureReason.FAVORABLE
    assert case.subtype.label == "Salarios no pagados"


def the_case_is_in_my_queue(flow: Flow, live_server: LiveServer) -> str:
    """The new case is first thing on its officer's start page; returns its folio."""
    page = flow.page
    folio = flow.heading(re.compile(r"^Caso TA-")).inner_text().removeprefix("Caso ").strip()
    page.goto(live_server.url + "/")
    mine = page.get_by_role("region", name=re.compile("Mis casos abiertos"))
    expect(mine).to_contain_text(folio)
    expect(mine).to_contain_text("María Guadalupe García Hernández")
    flow.check_width("tablero")
    return folio


def another_office_does_not_see_it(
    page: Page, live_server: LiveServer, officer: User, device: TOTPDevice, folio: str
) -> None:
    other = page.context.browser.new_context(locale=LOCALE)  # type: ignore[union-attr]
    other_page = other.new_page()
    sign_in(other_page, live_server.url, officer.username, device)
    expect(other_page.get_by_role("region", name=re.compile("Mis casos abiertos"))).to_be_visible()
    expect(other_page.locator("main")).not_to_contain_text(folio)
    other.close()


def test_the_person_page_offers_to_open_a_case(
    transactional_db: None,
    page: Page,
    live_server: LiveServer,
    network: Network,
    alice: User,
) -> None:
    person = PersonFactory.create(office=network.consulate_a)
    sign_in(page, live_server.url, alice.username, confirmed_totp_device(alice))

    page.goto(f"{live_server.url}/personas/{person.pk}/")

    link = page.locator("main").get_by_role("link", name="Abrir caso")
    expect(link).to_have_attribute(
        "href", re.compile(rf"/casos/nuevo/\?(.*&)?person={person.pk}(&|$)")
    )


def test_the_gestion_type_label_names_its_own_field(
    transactional_db: None,
    page: Page,
    live_server: LiveServer,
    network: Network,
    alice: User,
) -> None:
    load_case_taxonomy()
    case = open_case_as(alice, person=PersonFactory.create(office=network.consulate_a))
    sign_in(page, live_server.url, alice.username, confirmed_totp_device(alice))

    page.goto(f"{live_server.url}/casos/{case.pk}/")

    expect(gestion_form(page)).to_be_visible()
    assert duplicate_ids(page) == []
    expect(gestion_form(page).get_by_label("Tipo de gestión")).to_have_count(1, timeout=1_000)


def test_the_case_page_fits_a_phone_screen(
    transactional_db: None,
    phone_page: Page,
    live_server: LiveServer,
    network: Network,
    alice: User,
) -> None:
    load_case_taxonomy()
    case = open_case_as(alice, person=PersonFactory.create(office=network.consulate_a))
    sign_in(phone_page, live_server.url, alice.username, confirmed_totp_device(alice))

    phone_page.goto(f"{live_server.url}/casos/{case.pk}/")

    expect(phone_page.get_by_role("heading", name=f"Caso {case.folio}")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_VIEWPORT["width"], phone_page.evaluate(
        WIDEST_ELEMENTS, PHONE_VIEWPORT["width"]
    )


def test_the_requester_is_found_by_name_and_picked_without_leaving_the_form(
    transactional_db: None,
    page: Page,
    live_server: LiveServer,
    network: Network,
    alice: User,
) -> None:
    load_case_taxonomy()
    beneficiary = PersonFactory.create(office=network.consulate_a, given_names="Tomás")
    mother = PersonFactory.create(
        office=network.consulate_a, given_names="Herminia", first_surname="Saldívar"
    )
    sign_in(page, live_server.url, alice.username, confirmed_totp_device(alice))
    page.goto(f"{live_server.url}/casos/nuevo/?person={beneficiary.pk}")

    page.get_by_label("Materia y subtipo").select_option(label=SUBTYPE)
    page.get_by_label("Canal de ingreso").select_option(label="Teléfono")
    page.get_by_label("Buscar a la persona solicitante").fill("Herminia Saldivar")
    choice = page.get_by_role("radio", name=re.compile("Saldívar"))
    expect(choice).to_be_visible()  # arrived through htmx, no page load
    choice.check()
    page.get_by_role("button", name="Abrir caso").click()

    expect(page.get_by_role("heading", name=re.compile(r"^Caso TA-"))).to_be_visible()
    assert Case.objects.get(beneficiary=beneficiary).requester == mother
