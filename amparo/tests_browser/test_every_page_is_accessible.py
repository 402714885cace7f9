"""In Chromium, axe-core (vendored, tests only) checks every page each role reaches, on a
desktop (1366 by 768) and on a phone (375 px): no serious or critical violation of WCAG 2.1 A/AA.
Each role signs in once per width; the pages are the ones its menu and records lead to."""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, ViewportSize
from pytest_django.live_server_helper import LiveServer

from amparo.accounts.models import User
from amparo.accounts.tests.factories import confirmed_totp_device
from amparo.alerts.dispatch import dispatch_pending
from amparo.alerts.enrolment import (
    ContactIn,
    device_provision,
    provisioning_code_issue,
    registrant_enrol,
)
from amparo.alerts.ingest import alert_raise
from amparo.alerts.models import Alert, FamilyAccess, Registrant
from amparo.cases.models import Case, Priority
from amparo.cases.services.cases import case_add_note, case_record_notification
from amparo.cases.taxonomy import load_case_taxonomy
from amparo.cases.tests.factories import actor_for, open_case_as, subtype
from amparo.conftest import Network
from amparo.detention.models import Detention, Facility, Visit
from amparo.detention.services import detention_record
from amparo.detention.visits import visit_plan
from amparo.hotline.models import Call
from amparo.hotline.services.calls import call_log
from amparo.hotline.services.escalations import call_escalate
from amparo.legal.models import Referral
from amparo.legal.services import Consent, referral_send
from amparo.outreach.kinds import load_event_kinds
from amparo.outreach.models import Event, EventKind
from amparo.outreach.services import EventDetails, event_plan
from amparo.support.committee import request_submit
from amparo.support.models import Fund, SupportRequest
from amparo.support.services import deposit, fund_open
from amparo.tests_browser.auth_steps import sign_in
from amparo.tests_browser.conftest import LOCALE, PHONE_VIEWPORT
from amparo.tests_browser.test_pale_referral import under_contract

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}
DESKTOP: ViewportSize = {"width": 1366, "height": 768}


@dataclass
class World:
    case: Case
    call: Call
    event: Event
    fund: Fund
    support_request: SupportRequest
    repatriation: SupportRequest
    facility: Facility
    detention: Detention
    visit: Visit
    referral: Referral
    alert: Alert
    registrant: Registrant
    family_token: str


Paths = Callable[[World], list[str]]

PAGES: dict[str, Paths] = {
    "alice": lambda w: [
        "/",
        "/casos/",
        f"/casos/{w.case.pk}/",
        f"/casos/nuevo/?person={w.case.beneficiary_id}",
        f"/casos/{w.case.pk}/estatus/",
        f"/casos/{w.case.pk}/asignar/",
        f"/casos/{w.case.pk}/notificacion/",
        f"/casos/{w.case.pk}/traslado/",
        "/personas/",
        "/personas/?q=garcia",
        f"/personas/{w.case.beneficiary_id}/",
        f"/personas/{w.case.beneficiary_id}/editar/",
        "/personas/nueva/",
        f"/buscar/?q={w.case.beneficiary.first_surname}",
        "/avisos/",
        "/avisos/mi-celular/",
        "/prevencion/",
        f"/prevencion/{w.event.pk}/",
        "/prevencion/nuevo/",
        "/alertas/",
        f"/alertas/{w.alert.pk}/",
        f"/alertas/inscripciones/{w.registrant.pk}/",
        "/cuenta/contrasena/",
        "/no-existe/",
    ],
    "carla": lambda w: [
        "/",
        "/avisos/guardias/",
        "/casos/traslados/",
        "/red/",
        f"/apoyos/solicitudes/{w.support_request.pk}/",
        f"/pale/proveedores/{w.referral.provider_id}/",  # the head's forms: renewal, bar, contacts
    ],
    "olga": lambda w: [
        "/",
        "/ciam/",
        "/ciam/llamadas/",
        "/ciam/llamadas/nueva/",
        f"/ciam/llamadas/{w.call.pk}/",
        "/ciam/escalamientos/",
        "/ciam/devoluciones/",
        "/guias/",
        f"/apoyos/solicitudes/nueva/?case={w.case.pk}",
        f"/apoyos/solicitudes/{w.repatriation.pk}/",
        "/detencion/",
        "/detencion/sin-visita/",
        "/detencion/centros/",
        f"/detencion/centros/{w.facility.pk}/",
        f"/detencion/detenciones/nueva/?case={w.case.pk}",
        f"/detencion/detenciones/{w.detention.pk}/",
        "/detencion/detenciones/importar/",
        "/detencion/visitas/",
        f"/detencion/visitas/{w.visit.pk}/",
        f"/detencion/visitas/{w.visit.pk}/hoja/",
        f"/detencion/visitas/{w.visit.pk}/bitacora/",
        "/detencion/asesorias/",
        "/detencion/informe/",
        "/pale/",
        "/pale/proveedores/",
        f"/pale/canalizar/?case={w.case.pk}",
        f"/pale/canalizaciones/{w.referral.pk}/",
        "/pale/pena-capital/",
        "/pale/informe/",
    ],
    "luis": lambda w: ["/pale/portal/", f"/pale/portal/{w.referral.pk}/"],
    "ana": lambda w: ["/", "/prevencion/informe/"],
    "adan": lambda w: [
        "/cuenta/usuarios/",
        "/cuenta/usuarios/nuevo/",
        "/red/circunscripcion/",
        "/casos/catalogo/",
        "/casos/importar/",
        "/personas/fusiones/",
        "/ciam/supervision/",
        "/ciam/reportes/",
        "/ciam/turnos/",
        "/prevencion/tipos/",
        "/apoyos/fondos/",
        f"/apoyos/fondos/{w.fund.pk}/",
        f"/apoyos/fondos/{w.fund.pk}/estado/",
        f"/apoyos/fondos/{w.fund.pk}/asientos/",
        "/apoyos/solicitudes/",
        "/detencion/centros/importar/",
    ],
    "aurora": lambda w: ["/", "/auditoria/", f"/auditoria/buscar/?q={w.case.folio}"],
}


def anonymous_pages(w: World) -> list[str]:
    return [
        "/cuenta/entrar/",
        "/asesoria-legal/",
        "/boton/",
        f"/boton/estado/{w.family_token}/",
        "/boton/inscribirme/",
        "/boton/aviso-de-privacidad/",
    ]


def world(network: Network, alice: User, olga: User, adan: User, pale: tuple[User, User]) -> World:
    load_case_taxonomy()  # browser tests flush the database, data-migration rows included
    load_event_kinds()
    case = open_case_as(
        alice, assigned_to=alice, priority=Priority.URGENT, flags={"is_detained": True},
        summary="Detenida en un operativo.",
    )  # fmt: skip
    now = timezone.now()
    case_record_notification(
        case=case, agency="ICE", arrested_at=now - timedelta(days=4),
        learned_at=now - timedelta(days=1), channel="phone", actor=actor_for(alice),
    )  # fmt: skip
    case_add_note(case=case, text="Se habló con la familia.", actor=actor_for(alice))
    call = call_log(
        actor=actor_for(olga), topic="detention_deportation", outcome="callback",
        caller_phone="(520) 555-0142", summary="Busca a su hermano.",
        started_at=now - timedelta(minutes=5), callback_due_at=now + timedelta(hours=1),
    )  # fmt: skip
    escalated = call_log(
        actor=actor_for(olga), topic="detention_deportation", outcome="information",
        caller_phone="(520) 555-0199", summary="Su esposo fue detenido.",
        started_at=now - timedelta(minutes=9),
    )  # fmt: skip
    call_escalate(
        actor=actor_for(olga), call=escalated, subtype=subtype(), given_names="Pedro",
        first_surname="Ramírez", chosen_office=network.consulate_a,
    )  # fmt: skip
    starts = now + timedelta(days=10)
    event = event_plan(
        actor=actor_for(alice),
        office=network.consulate_a,
        details=EventDetails(
            kind=EventKind.objects.get(code="workshop_daca"), title="Taller de derechos",
            starts_at=starts, ends_at=starts + timedelta(hours=2), modality="online",
            online_url="https://example.org/taller",
        ),
    )  # fmt: skip
    fund = fund_open(
        actor=actor_for(adan), name="Fondo de fianzas", currency="USD", office=network.headquarters
    )
    deposit(actor=actor_for(adan), fund=fund, amount=300_000_00, idempotency_key="budget")
    support_request = request_submit(
        actor=actor_for(alice), case=case, fund=fund, kind="bail_bond", amount=3_000_00,
        payee_name="Chicago Bond Fund", payee_kind="partner", justification="Fianza.",
    )  # fmt: skip
    repatriation = request_submit(
        actor=actor_for(alice), case=case, fund=fund, kind="remains_repatriation",
        amount=3_500_00, payee_name="Funeraria del Valle", payee_kind="funeral_home",
        justification="Traslado a Zacatecas.",
    )  # fmt: skip
    facility = Facility.objects.create(
        name="T DON HUTTO RESIDENTIAL CENTER", kind="ice_center", address="1001 WELCH ST",
        city="TAYLOR", state="TX", zip_code="78701", office=network.consulate_a,
    )  # fmt: skip
    detention = detention_record(
        actor=actor_for(alice), case=case, facility=facility, authority="ice", charges="Ninguno"
    )
    visit = visit_plan(
        actor=actor_for(alice), office=network.consulate_a, facility=facility,
        planned_on=network.consulate_a.local_today(), officers=[alice],
    )  # fmt: skip
    head, lawyer = pale
    provider = under_contract(head, "Despacho Ruiz & Asociados", lawyer)
    referral = referral_send(actor=actor_for(alice), case=case, provider=provider,
                             consent=Consent("verbal", "Testigo"), share=["name", "materia"])  # fmt: skip
    registrant = registrant_enrol(
        actor=actor_for(alice), person=case.beneficiary, phone="5125550100", pin="2468",
        notice_accepted=True, contacts=[ContactIn(name="Juan", relation="spouse",
                                                  phone="5125550111")],
    )  # fmt: skip
    device, _credential = device_provision(
        code=provisioning_code_issue(actor=actor_for(alice), registrant=registrant)
    )
    alert, _created = alert_raise(device=device, client_id=uuid.uuid4(), raised_at=now,
                                  text="Hay agentes afuera")  # fmt: skip
    dispatch_pending()  # the worker's turn
    return World(
        case=case, call=call, event=event, fund=fund, support_request=support_request,
        repatriation=repatriation, facility=facility, detention=detention, visit=visit,
        referral=referral, alert=alert, registrant=registrant,
        family_token=FamilyAccess.objects.get(alert=alert).token,
    )  # fmt: skip


def violations(page: Page) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate(f"axe.run(document, {json.dumps(OPTIONS)})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("screen", ["escritorio", "teléfono"])
def test_no_page_has_a_serious_accessibility_violation(
    transactional_db: None,
    browser: Browser,
    live_server: LiveServer,
    network: Network,
    alice: User,
    carla: User,
    olga: User,
    ana: User,
    adan: User,
    aurora: User,
    luis: User,
    screen: str,
) -> None:
    users = {"alice": alice, "carla": carla, "olga": olga, "ana": ana, "adan": adan}
    users |= {"aurora": aurora, "luis": luis}
    devices = {name: confirmed_totp_device(user) for name, user in users.items()}
    w = world(network, alice, olga, adan, (carla, luis))
    phone = screen == "teléfono"
    problems: list[str] = []
    for name in [None, *PAGES]:
        # axe is injected by the test, not served: the context may bypass the CSP.
        context = browser.new_context(
            locale=LOCALE,
            viewport=PHONE_VIEWPORT if phone else DESKTOP,
            is_mobile=phone,
            bypass_csp=True,
        )
        page = context.new_page()
        if name is None:
            paths = anonymous_pages(w)
        else:
            sign_in(page, live_server.url, users[name].username, devices[name])
            paths = PAGES[name](w)
        for path in paths:
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            problems += [f"{name or 'anónimo'} {path}: {v}" for v in violations(page)]
        context.close()
    assert not problems, "\n".join(problems)
