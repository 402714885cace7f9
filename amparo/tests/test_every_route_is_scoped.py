"""Walks every URL pattern and every API operation and proves two things:

1. anonymous visitors reach nothing private (HTML redirects to sign-in, API answers 401);
2. staff outside consulate B (alice, an officer of consulate A; carla, its head; olga, a
   CIAM operator; luis, a lawyer of another PALE provider; an auditor of A) can neither
   read nor change anything B owns: B's records answer 404, lists never show B's data, and
   after every GET and POST (or PUT/PATCH/DELETE) they send, B's data is exactly as
   before. No request may 500.

A route that is not listed in HTML_ROUTES or API_OPERATIONS makes the test fail: adding a
page or endpoint means saying here how it is scoped.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from amparo.accounts.actor import Actor
from amparo.accounts.models import Membership, Role, User
from amparo.accounts.tests.factories import MembershipFactory, UserFactory
from amparo.alerts.dispatch import dispatch_pending
from amparo.alerts.enrolment import (
    ContactIn,
    device_provision,
    provisioning_code_issue,
    registrant_enrol,
)
from amparo.alerts.handling import alert_close
from amparo.alerts.ingest import alert_raise
from amparo.alerts.models import (
    Alert,
    Device,
    OfficePolicy,
    ProvisioningCode,
    Registrant,
    TrustedContact,
)
from amparo.audit.models import AccessRecord
from amparo.cases.models import Case, CaseAttachment, CaseEvent, CaseTransfer, Subtype
from amparo.cases.services.attachments import case_add_attachment
from amparo.cases.services.cases import case_open
from amparo.cases.services.transfers import case_transfer_request
from amparo.conftest import Network, _member
from amparo.detention.advisories import advisory_record
from amparo.detention.models import Advisory, Detention, Facility, FollowUp, Seen, Visit
from amparo.detention.services import detention_record
from amparo.detention.visits import SeenEntry, visit_log, visit_plan
from amparo.guidance.models import GuidanceScript, GuidanceScriptVersion
from amparo.guidance.seed import load_guidance_seed
from amparo.hotline.models import Call, Callback, Escalation
from amparo.hotline.services.calls import call_log
from amparo.hotline.services.escalations import call_escalate
from amparo.legal.capital import deadline_add
from amparo.legal.contract_documents import contract_add_document
from amparo.legal.documents import document_share
from amparo.legal.invoices import fee_set, invoice_submit
from amparo.legal.models import (
    BarAdmission,
    CapitalDeadline,
    Contract,
    ContractDocument,
    InvoiceLine,
    Provider,
    ProviderContact,
    Referral,
    ReferralDocument,
    ReferralUpdate,
)
from amparo.legal.provider_records import bar_admission_add, contact_add
from amparo.legal.services import (
    Consent,
    contract_create,
    contract_set_status,
    lawyer_attach,
    provider_create,
    referral_answer,
    referral_send,
)
from amparo.network.models import JurisdictionArea, OfficeKind
from amparo.network.selectors import invalidate_jurisdiction
from amparo.network.tests.factories import OfficeFactory
from amparo.notifications.models import Notification, OnDutyShift
from amparo.notifications.services.notify import notify
from amparo.outreach.models import Event, EventKind, EventReport
from amparo.outreach.services import (
    EventDetails,
    Reach,
    event_approve,
    event_plan,
    event_record_reach,
)
from amparo.people.merges import person_merge
from amparo.people.models import Contact, IdentityDocument, Person, PersonMerge
from amparo.support.committee import request_submit
from amparo.support.models import (
    Account,
    Approval,
    Fund,
    LogisticsItem,
    Posting,
    SupportRequest,
)
from amparo.support.services import deposit, fund_open
from config.api import api

SECRET_SURNAME = "Bexleyquiñones"
SCRIPT = "derechos-al-ser-detenido"  # a seeded guidance script


@dataclass
class World:
    network: Network
    alice: User
    bob: User
    person_b: Person
    case_b: Case
    transfer_b: CaseTransfer
    area_b: JurisdictionArea
    bob_membership: Membership
    audit_b: AccessRecord
    notification_b: Notification
    attachment_b: CaseAttachment
    call_b: Call
    callback_b: Callback
    escalation_b: Escalation
    document_b: IdentityDocument
    contact_b: Contact
    merge_b: PersonMerge
    shift_b: OnDutyShift
    event_b: Event
    fund_b: Fund
    request_b: SupportRequest
    facility_b: Facility
    detention_b: Detention
    visit_b: Visit
    follow_up_b: FollowUp
    advisory_b: Advisory
    provider_b: Provider
    contract_b: Contract
    referral_b: Referral
    invoice_line_b: InvoiceLine
    pale_document_b: ReferralDocument
    capital_deadline_b: CapitalDeadline
    contract_document_b: ContractDocument
    bar_admission_b: BarAdmission
    provider_contact_b: ProviderContact
    registrant_b: Registrant
    alert_b: Alert
    markers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Route:
    """How a route is scoped. kind: 'public' (anyone), 'collection' (no id in the URL:
    alice may load it but must never see B's data), 'other' (the URL names B's record:
    alice gets 404), 'trail' (the access trail of a record named in the URL: 404 for
    whoever does not read the trail; an auditor of A gets the list of A's own accesses to
    it, the same for an id that exists or not, and never B's data)."""

    kind: str
    url: Callable[[World], str] = lambda w: ""


def public(path: str) -> Route:
    return Route("public", lambda w: path)


def collection(builder: Callable[[World], str]) -> Route:
    return Route("collection", builder)


def other(builder: Callable[[World], str]) -> Route:
    return Route("other", builder)


def url(name: str, *args: Any) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args])


def case_b(w: World) -> int:
    return w.case_b.pk


def person_b(w: World) -> int:
    return w.person_b.pk


def transfer_b(w: World) -> int:
    return w.transfer_b.pk


def event_b(w: World) -> int:
    return w.event_b.pk


HTML_ROUTES: dict[str, Route] = {
    "set_language": public("/i18n/setlang/"),
    "dashboard:home": collection(url("dashboard:home")),
    # B's folio, typed in lower case (the search finds it so; the page echoes what was typed,
    # which is not a marker): nothing of B's may come back to anyone outside B.
    "dashboard:search": collection(
        lambda w: reverse("dashboard:search") + f"?q={w.case_b.folio.lower()}"
    ),
    "accounts:login": public("/cuenta/entrar/"),
    "accounts:second_factor": public("/cuenta/segundo-factor/"),
    "accounts:enroll": public("/cuenta/alta-segundo-factor/"),
    "accounts:logout": public("/cuenta/salir/"),
    "accounts:switch_membership": collection(url("accounts:switch_membership")),
    "accounts:password_change": collection(url("accounts:password_change")),
    "accounts:user_list": collection(url("accounts:user_list")),
    "accounts:user_create": collection(url("accounts:user_create")),
    "accounts:user_detail": other(url("accounts:user_detail", lambda w: w.bob.pk)),
    "accounts:membership_add": other(url("accounts:membership_add", lambda w: w.bob.pk)),
    "accounts:second_factor_reset": other(url("accounts:second_factor_reset", lambda w: w.bob.pk)),
    "accounts:password_reset": other(url("accounts:password_reset", lambda w: w.bob.pk)),
    "accounts:membership_deactivate": other(
        url("accounts:membership_deactivate", lambda w: w.bob_membership.pk)
    ),
    "network:offices": collection(url("network:offices")),
    "network:office_detail": collection(url("network:office_detail", "TB")),
    "network:jurisdiction": collection(url("network:jurisdiction")),
    "network:jurisdiction_import": collection(url("network:jurisdiction_import")),
    "network:area_detail": collection(url("network:area_detail", lambda w: w.area_b.code)),
    "network:jurisdiction_region": collection(url("network:jurisdiction_region", "US", "CA")),
    "people:list": collection(url("people:list")),
    "cases:person_cases": other(url("cases:person_cases", person_b)),
    "hotline:person_calls": other(url("hotline:person_calls", person_b)),
    "people:create": collection(url("people:create")),
    "people:office_suggestion": collection(
        lambda w: reverse("people:office_suggestion") + "?address_state=CA&address_county=Fresno"
    ),
    "people:merges": collection(url("people:merges")),
    "people:merge": collection(url("people:merge")),
    "people:merge_undo": other(url("people:merge_undo", lambda w: w.merge_b.pk)),
    "people:detail": other(url("people:detail", person_b)),
    "people:edit": other(url("people:edit", person_b)),
    "detention:overview": collection(url("detention:overview")),
    "detention:not_seen": collection(url("detention:not_seen")),
    "detention:facilities": collection(url("detention:facilities")),
    "detention:facility_import": collection(url("detention:facility_import")),
    "detention:facility": other(url("detention:facility", lambda w: w.facility_b.pk)),
    "detention:detention_create": other(
        lambda w: reverse("detention:detention_create") + f"?case={w.case_b.pk}"
    ),
    "detention:detention_import": collection(url("detention:detention_import")),
    "detention:detention": other(url("detention:detention", lambda w: w.detention_b.pk)),
    "detention:detention_transfer": other(
        url("detention:detention_transfer", lambda w: w.detention_b.pk)
    ),
    "detention:detention_end": other(url("detention:detention_end", lambda w: w.detention_b.pk)),
    "detention:visits": collection(url("detention:visits")),
    "detention:visit": other(url("detention:visit", lambda w: w.visit_b.pk)),
    "detention:visit_sheet": other(url("detention:visit_sheet", lambda w: w.visit_b.pk)),
    "detention:visit_log": other(url("detention:visit_log", lambda w: w.visit_b.pk)),
    "detention:visit_cancel": other(url("detention:visit_cancel", lambda w: w.visit_b.pk)),
    "detention:follow_up_done": other(url("detention:follow_up_done", lambda w: w.follow_up_b.pk)),
    "detention:advisories": collection(url("detention:advisories")),
    "detention:report": collection(url("detention:report")),
    "detention:report_file": collection(url("detention:report_file", "csv")),
    "detention:calendar": public("/detencion/calendario/no-es-un-token.ics"),
    "legal_public:directory": public("/asesoria-legal/"),
    "legal_public:directory_json": public("/asesoria-legal/directorio.json"),
    "legal:referrals": collection(url("legal:referrals")),
    "legal:referral_create": other(
        lambda w: reverse("legal:referral_create") + f"?case={w.case_b.pk}"
    ),
    "legal:referral": other(url("legal:referral", lambda w: w.referral_b.pk)),
    "legal:referral_revoke": other(url("legal:referral_revoke", lambda w: w.referral_b.pk)),
    "legal:portal": collection(url("legal:portal")),
    "legal:portal_referral": other(url("legal:portal_referral", lambda w: w.referral_b.pk)),
    "legal:providers": collection(url("legal:providers")),
    "legal:provider": other(url("legal:provider", lambda w: w.provider_b.pk)),
    "legal:fee_set": other(url("legal:fee_set", lambda w: w.contract_b.pk)),
    "legal:contract_ledes": other(url("legal:contract_ledes", lambda w: w.contract_b.pk)),
    "legal:invoice_decide": other(url("legal:invoice_decide", lambda w: w.invoice_line_b.pk)),
    "legal:document_upload": other(url("legal:document_upload", lambda w: w.referral_b.pk)),
    "legal:document_share": other(url("legal:document_share", lambda w: w.referral_b.pk)),
    "legal:document": other(url("legal:document", lambda w: w.pale_document_b.pk)),
    "legal:capital": collection(url("legal:capital")),
    "legal:contract_document_add": other(
        url("legal:contract_document_add", lambda w: w.contract_b.pk)
    ),
    "legal:contract_document": other(
        url("legal:contract_document", lambda w: w.contract_document_b.pk)
    ),
    "legal:report": collection(url("legal:report")),
    "legal:contract_renew": other(url("legal:contract_renew", lambda w: w.contract_b.pk)),
    "legal:contract_status": other(url("legal:contract_status", lambda w: w.contract_b.pk)),
    "legal:bar_admission_add": other(url("legal:bar_admission_add", lambda w: w.provider_b.pk)),
    "legal:bar_admission_verify": other(
        url("legal:bar_admission_verify", lambda w: w.bar_admission_b.pk)
    ),
    "legal:bar_admission_remove": other(
        url("legal:bar_admission_remove", lambda w: w.bar_admission_b.pk)
    ),
    "legal:contact_add": other(url("legal:contact_add", lambda w: w.provider_b.pk)),
    "legal:contact_remove": other(url("legal:contact_remove", lambda w: w.provider_contact_b.pk)),
    "legal:report_file": collection(url("legal:report_file", "csv")),
    "alerts:board": collection(url("alerts:board")),
    "alerts:board_rows": collection(lambda w: reverse("alerts:board_rows") + "?cerradas=1"),
    "alerts:ack_minutes": collection(url("alerts:ack_minutes")),
    "alerts:detail": other(url("alerts:detail", lambda w: w.alert_b.pk)),
    "alerts:acknowledge": other(url("alerts:acknowledge", lambda w: w.alert_b.pk)),
    "alerts:outcome": other(url("alerts:outcome", lambda w: w.alert_b.pk)),
    "alerts:close": other(url("alerts:close", lambda w: w.alert_b.pk)),
    "alerts:cap": other(url("alerts:cap", lambda w: w.alert_b.pk)),
    "alerts:enrol": other(lambda w: reverse("alerts:enrol") + f"?person={w.person_b.pk}"),
    "alerts:registrant": other(url("alerts:registrant", lambda w: w.registrant_b.pk)),
    "alerts:contact_add": other(url("alerts:contact_add", lambda w: w.registrant_b.pk)),
    "alerts:activation_qr": other(url("alerts:activation_qr", lambda w: w.registrant_b.pk)),
    "alerts:end": other(url("alerts:end", lambda w: w.registrant_b.pk)),
    "alerts:contact_remove": other(
        url("alerts:contact_remove", lambda w: w.registrant_b.contacts.get().pk)
    ),
    "alerts:device_revoke": other(
        url("alerts:device_revoke", lambda w: w.registrant_b.devices.get().pk)
    ),
    "alerts_public:app": public("/boton/"),
    "alerts_public:activate": public("/boton/activar/"),
    "alerts_public:install": public("/boton/instalar/"),
    "alerts_public:enrol": public("/boton/inscribirme/"),
    "alerts_public:contacts": public("/boton/contactos/"),
    "alerts_public:notice": public("/boton/aviso-de-privacidad/"),
    "alerts_public:manifest": public("/boton/manifest.webmanifest"),
    "alerts_public:service_worker": public("/boton/sw.js"),
    # Behind a one-time code sent to the contact; an unknown link is 404 for everyone.
    "alerts_public:family": public("/boton/estado/desconocido/"),
    "support:funds": collection(url("support:funds")),
    "support:fund": other(url("support:fund", lambda w: w.fund_b.pk)),
    "support:fund_statement": other(url("support:fund_statement", lambda w: w.fund_b.pk, "xlsx")),
    "support:fund_allocate": other(url("support:fund_allocate", lambda w: w.fund_b.pk)),
    "support:fund_summary": other(url("support:fund_summary", lambda w: w.fund_b.pk)),
    "support:fund_entries": other(url("support:fund_entries", lambda w: w.fund_b.pk)),
    "support:requests": collection(url("support:requests")),
    "support:request_create": other(
        lambda w: reverse("support:request_create") + f"?case={w.case_b.pk}"
    ),
    "support:request": other(url("support:request", lambda w: w.request_b.pk)),
    "support:request_step": other(url("support:request_step", lambda w: w.request_b.pk, "pago")),
    "support:request_logistics": other(url("support:request_logistics", lambda w: w.request_b.pk)),
    "audit:records": collection(url("audit:records")),
    "audit:export": collection(url("audit:export")),
    "audit:target": Route("trail", url("audit:target", "people.person", person_b)),
    # B's folio in lower case, as the search; an auditor of A finds nothing of B's.
    "audit:lookup": collection(lambda w: reverse("audit:lookup") + f"?q={w.case_b.folio.lower()}"),
    "cases:list": collection(url("cases:list")),
    "cases:create": collection(lambda w: reverse("cases:create") + f"?person={w.person_b.pk}"),
    "cases:requester_options": collection(
        lambda w: (
            reverse("cases:requester_options")
            + f"?person={w.person_b.pk}&requester_q=Zacar%C3%ADas+{SECRET_SURNAME}"
        )
    ),
    "cases:detail": other(url("cases:detail", case_b)),
    "cases:case_file": other(url("cases:case_file", case_b)),
    "cases:assign": other(url("cases:assign", case_b)),
    "cases:change_status": other(url("cases:change_status", case_b)),
    "cases:add_note": other(url("cases:add_note", case_b)),
    "cases:add_action": other(url("cases:add_action", case_b)),
    "cases:add_notification": other(url("cases:add_notification", case_b)),
    "cases:request_transfer": other(url("cases:request_transfer", case_b)),
    "cases:cancel_transfer": other(url("cases:cancel_transfer", case_b)),
    "cases:export": collection(url("cases:export")),
    "case_imports:upload": collection(url("case_imports:upload")),
    "case_imports:confirm": collection(url("case_imports:confirm")),
    "case_imports:template": collection(url("case_imports:template")),
    "cases:add_attachment": other(url("cases:add_attachment", case_b)),
    "cases:attachment_download": other(
        url("cases:attachment_download", lambda w: w.attachment_b.pk)
    ),
    "cases:transfers": collection(url("cases:transfers")),
    "cases:transfer_detail": other(url("cases:transfer_detail", transfer_b)),
    "cases:accept_transfer": other(url("cases:accept_transfer", transfer_b)),
    "cases:refuse_transfer": other(url("cases:refuse_transfer", transfer_b)),
    "cases:taxonomy": collection(url("cases:taxonomy")),
    "cases:create_materia": collection(url("cases:create_materia")),
    "cases:edit_materia": collection(url("cases:edit_materia", lambda w: w.case_b.materia_id)),
    "cases:create_subtype": collection(url("cases:create_subtype")),
    "cases:edit_subtype": collection(url("cases:edit_subtype", lambda w: w.case_b.subtype_id)),
    "cases:retire_subtype": collection(url("cases:retire_subtype", lambda w: w.case_b.subtype_id)),
    "notifications:inbox": collection(url("notifications:inbox")),
    "notifications:badge": collection(url("notifications:badge")),
    "notifications:acknowledge": other(
        url("notifications:acknowledge", lambda w: w.notification_b.pk)
    ),
    "notifications:pending_acks": collection(url("notifications:pending_acks")),
    "notifications:roster": collection(url("notifications:roster")),
    "notifications:cancel_shift": other(url("notifications:cancel_shift", lambda w: w.shift_b.pk)),
    "notifications:contact": collection(url("notifications:contact")),
    "notifications:service_worker": public("/avisos/sw.js"),
    "guidance:list": collection(url("guidance:list")),
    "guidance:panel": collection(lambda w: reverse("guidance:panel") + "?topic=labor"),
    "guidance:create": collection(url("guidance:create")),
    "guidance:detail": collection(url("guidance:detail", SCRIPT)),
    "guidance:new_version": collection(url("guidance:new_version", SCRIPT)),
    "guidance:version": collection(url("guidance:version", SCRIPT, 1)),
    "guidance:publish": collection(url("guidance:publish", SCRIPT, 1)),
    "guidance:retire": collection(url("guidance:retire", SCRIPT)),
    "guidance:restore": collection(url("guidance:restore", SCRIPT)),
    "hotline:home": collection(url("hotline:home")),
    "hotline:calls": collection(url("hotline:calls")),
    "hotline:new_call": collection(url("hotline:new_call")),
    "hotline:history": collection(lambda w: reverse("hotline:history") + "?phone=%2B13125550100"),
    "hotline:call_detail": other(url("hotline:call_detail", lambda w: w.call_b.pk)),
    "hotline:escalate": other(url("hotline:escalate", lambda w: w.call_b.pk)),
    "hotline:schedule_callback": other(url("hotline:schedule_callback", lambda w: w.call_b.pk)),
    "hotline:escalations": collection(url("hotline:escalations")),
    "hotline:acknowledge": other(url("hotline:acknowledge", lambda w: w.escalation_b.pk)),
    "hotline:callbacks": collection(url("hotline:callbacks")),
    "hotline:callback_attempt": other(url("hotline:callback_attempt", lambda w: w.callback_b.pk)),
    "hotline:supervision": collection(url("hotline:supervision")),
    "hotline:live": collection(url("hotline:live")),
    "hotline:shifts": collection(url("hotline:shifts")),
    "hotline:reports": collection(url("hotline:reports")),
    "hotline:report_csv": collection(url("hotline:report_csv")),
    "outreach:list": collection(url("outreach:list")),
    "outreach:create": collection(url("outreach:create")),
    "outreach:import": collection(url("outreach:import")),
    "outreach:import_template": collection(url("outreach:import_template")),
    "outreach:kinds": collection(url("outreach:kinds")),
    "outreach:report": collection(lambda w: reverse("outreach:report") + "?year=2020"),
    "outreach:report_map": collection(lambda w: reverse("outreach:report_map") + "?year=2020"),
    "outreach:detail": other(url("outreach:detail", event_b)),
    "outreach:edit": other(url("outreach:edit", event_b)),
    "outreach:submit": other(url("outreach:submit", event_b)),
    "outreach:approve": other(url("outreach:approve", event_b)),
    "outreach:cancel": other(url("outreach:cancel", event_b)),
    "outreach:reach": other(url("outreach:reach", event_b)),
    # Public on purpose: published events only, never who came (outreach/tests/test_views).
    "outreach_public:office": public("/eventos/consulado-b/"),
    "outreach_public:calendar": public("/eventos/consulado-b/calendario.ics"),
    "outreach_public:event": public("/eventos/e/codigo/"),
    "outreach_public:feedback": public("/eventos/e/codigo/opinion/"),
}

API = "/api/v1"

API_OPERATIONS: dict[str, Route] = {
    "GET /api/v1/openapi.json": collection(lambda w: f"{API}/openapi.json"),
    "GET /api/v1/docs": collection(lambda w: f"{API}/docs"),
    "GET /api/v1/network/offices": collection(lambda w: f"{API}/network/offices"),
    "GET /api/v1/network/offices/{code}": collection(lambda w: f"{API}/network/offices/TB"),
    "GET /api/v1/network/jurisdiction/lookup": collection(
        lambda w: f"{API}/network/jurisdiction/lookup?state=CA&county=Fresno"
    ),
    "GET /api/v1/network/jurisdiction/areas": collection(
        lambda w: f"{API}/network/jurisdiction/areas"
    ),
    "PUT /api/v1/network/jurisdiction/areas/{code}": collection(
        lambda w: f"{API}/network/jurisdiction/areas/{w.area_b.code}"
    ),
    "GET /api/v1/accounts/me": collection(lambda w: f"{API}/accounts/me"),
    "GET /api/v1/accounts/users": collection(lambda w: f"{API}/accounts/users"),
    "GET /api/v1/people": collection(lambda w: f"{API}/people"),
    "POST /api/v1/people": collection(lambda w: f"{API}/people"),
    "GET /api/v1/people/search": collection(
        lambda w: f"{API}/people/search?q=Zacar%C3%ADas+{SECRET_SURNAME}"
    ),
    "GET /api/v1/people/merges": collection(lambda w: f"{API}/people/merges"),
    "POST /api/v1/people/merges": collection(lambda w: f"{API}/people/merges"),
    "POST /api/v1/people/merges/{merge_id}/undo": other(
        lambda w: f"{API}/people/merges/{w.merge_b.pk}/undo"
    ),
    "GET /api/v1/people/{person_id}/documents": other(
        lambda w: f"{API}/people/{w.person_b.pk}/documents"
    ),
    "POST /api/v1/people/{person_id}/documents": other(
        lambda w: f"{API}/people/{w.person_b.pk}/documents"
    ),
    "DELETE /api/v1/people/{person_id}/documents/{document_id}": other(
        lambda w: f"{API}/people/{w.person_b.pk}/documents/{w.document_b.pk}"
    ),
    "GET /api/v1/people/{person_id}/contacts": other(
        lambda w: f"{API}/people/{w.person_b.pk}/contacts"
    ),
    "POST /api/v1/people/{person_id}/contacts": other(
        lambda w: f"{API}/people/{w.person_b.pk}/contacts"
    ),
    "DELETE /api/v1/people/{person_id}/contacts/{contact_id}": other(
        lambda w: f"{API}/people/{w.person_b.pk}/contacts/{w.contact_b.pk}"
    ),
    "GET /api/v1/people/{person_id}": other(lambda w: f"{API}/people/{w.person_b.pk}"),
    "PATCH /api/v1/people/{person_id}": other(lambda w: f"{API}/people/{w.person_b.pk}"),
    "GET /api/v1/cases": collection(lambda w: f"{API}/cases"),
    "POST /api/v1/cases": collection(lambda w: f"{API}/cases"),
    "GET /api/v1/cases/export": collection(lambda w: f"{API}/cases/export"),
    "POST /api/v1/cases/import": collection(lambda w: f"{API}/cases/import"),
    "GET /api/v1/cases/{case_id}/attachments": other(
        lambda w: f"{API}/cases/{w.case_b.pk}/attachments"
    ),
    "POST /api/v1/cases/{case_id}/attachments": other(
        lambda w: f"{API}/cases/{w.case_b.pk}/attachments"
    ),
    "GET /api/v1/cases/attachments/{attachment_id}/download": other(
        lambda w: f"{API}/cases/attachments/{w.attachment_b.pk}/download"
    ),
    "GET /api/v1/cases/transfers/incoming": collection(lambda w: f"{API}/cases/transfers/incoming"),
    "GET /api/v1/cases/{case_id}": other(lambda w: f"{API}/cases/{w.case_b.pk}"),
    "GET /api/v1/cases/{case_id}/file.pdf": other(lambda w: f"{API}/cases/{w.case_b.pk}/file.pdf"),
    "GET /api/v1/cases/{case_id}/timeline": other(lambda w: f"{API}/cases/{w.case_b.pk}/timeline"),
    "POST /api/v1/cases/{case_id}/actions": other(lambda w: f"{API}/cases/{w.case_b.pk}/actions"),
    "POST /api/v1/cases/{case_id}/notes": other(lambda w: f"{API}/cases/{w.case_b.pk}/notes"),
    "POST /api/v1/cases/{case_id}/notifications": other(
        lambda w: f"{API}/cases/{w.case_b.pk}/notifications"
    ),
    "POST /api/v1/cases/{case_id}/status": other(lambda w: f"{API}/cases/{w.case_b.pk}/status"),
    "POST /api/v1/cases/{case_id}/transfers": other(
        lambda w: f"{API}/cases/{w.case_b.pk}/transfers"
    ),
    "POST /api/v1/cases/transfers/{transfer_id}/accept": other(
        lambda w: f"{API}/cases/transfers/{w.transfer_b.pk}/accept"
    ),
    "POST /api/v1/cases/transfers/{transfer_id}/refuse": other(
        lambda w: f"{API}/cases/transfers/{w.transfer_b.pk}/refuse"
    ),
    "POST /api/v1/network/jurisdiction/areas/{code}": collection(
        lambda w: f"{API}/network/jurisdiction/areas/{w.area_b.code}"
    ),
    "GET /api/v1/notifications/mine": collection(lambda w: f"{API}/notifications/mine"),
    # My own browsers' push subscriptions: nothing of another office's.
    "GET /api/v1/notifications/push-key": collection(lambda w: f"{API}/notifications/push-key"),
    "PUT /api/v1/notifications/push-subscriptions": collection(
        lambda w: f"{API}/notifications/push-subscriptions"
    ),
    "POST /api/v1/notifications/push-subscriptions/removal": collection(
        lambda w: f"{API}/notifications/push-subscriptions/removal"
    ),
    "GET /api/v1/notifications/pending-acks": collection(
        lambda w: f"{API}/notifications/pending-acks"
    ),
    "GET /api/v1/notifications/shifts": collection(lambda w: f"{API}/notifications/shifts"),
    "POST /api/v1/notifications/shifts": collection(lambda w: f"{API}/notifications/shifts"),
    "POST /api/v1/notifications/{notification_id}/acknowledge": other(
        lambda w: f"{API}/notifications/{w.notification_b.pk}/acknowledge"
    ),
    "POST /api/v1/notifications/shifts/{shift_id}/cancel": other(
        lambda w: f"{API}/notifications/shifts/{w.shift_b.pk}/cancel"
    ),
    "GET /api/v1/guidance/scripts": collection(lambda w: f"{API}/guidance/scripts"),
    "POST /api/v1/guidance/scripts": collection(lambda w: f"{API}/guidance/scripts"),
    "GET /api/v1/guidance/scripts/{slug}": collection(lambda w: f"{API}/guidance/scripts/{SCRIPT}"),
    "GET /api/v1/guidance/scripts/{slug}/versions/{number}": collection(
        lambda w: f"{API}/guidance/scripts/{SCRIPT}/versions/1"
    ),
    "POST /api/v1/guidance/scripts/{slug}/versions": collection(
        lambda w: f"{API}/guidance/scripts/{SCRIPT}/versions"
    ),
    "POST /api/v1/guidance/scripts/{slug}/versions/{number}/publish": collection(
        lambda w: f"{API}/guidance/scripts/{SCRIPT}/versions/1/publish"
    ),
    "POST /api/v1/guidance/scripts/{slug}/retire": collection(
        lambda w: f"{API}/guidance/scripts/{SCRIPT}/retire"
    ),
    "POST /api/v1/guidance/scripts/{slug}/restore": collection(
        lambda w: f"{API}/guidance/scripts/{SCRIPT}/restore"
    ),
    "POST /api/v1/hotline/calls": collection(lambda w: f"{API}/hotline/calls"),
    "GET /api/v1/hotline/calls": collection(lambda w: f"{API}/hotline/calls"),
    "GET /api/v1/hotline/calls/{call_id}": other(lambda w: f"{API}/hotline/calls/{w.call_b.pk}"),
    "GET /api/v1/hotline/history": collection(
        lambda w: f"{API}/hotline/history?phone=%2B13125550100"
    ),
    "POST /api/v1/hotline/calls/{call_id}/escalate": other(
        lambda w: f"{API}/hotline/calls/{w.call_b.pk}/escalate"
    ),
    "POST /api/v1/hotline/calls/{call_id}/callbacks": other(
        lambda w: f"{API}/hotline/calls/{w.call_b.pk}/callbacks"
    ),
    "GET /api/v1/hotline/escalations": collection(lambda w: f"{API}/hotline/escalations"),
    "POST /api/v1/hotline/escalations/{escalation_id}/acknowledge": other(
        lambda w: f"{API}/hotline/escalations/{w.escalation_b.pk}/acknowledge"
    ),
    "GET /api/v1/hotline/callbacks": collection(lambda w: f"{API}/hotline/callbacks"),
    "POST /api/v1/hotline/callbacks/{callback_id}/attempts": other(
        lambda w: f"{API}/hotline/callbacks/{w.callback_b.pk}/attempts"
    ),
    "GET /api/v1/hotline/shifts": collection(lambda w: f"{API}/hotline/shifts"),
    "PUT /api/v1/hotline/shifts/{kind}": collection(lambda w: f"{API}/hotline/shifts/morning"),
    "GET /api/v1/hotline/supervision/live": collection(lambda w: f"{API}/hotline/supervision/live"),
    "GET /api/v1/hotline/reports": collection(lambda w: f"{API}/hotline/reports"),
    "GET /api/v1/hotline/reports/csv": collection(lambda w: f"{API}/hotline/reports/csv"),
    "GET /api/v1/hotline/telephony/pending": collection(
        lambda w: f"{API}/hotline/telephony/pending"
    ),
    # Signed by the telephony provider (HMAC), not by a session: tested in hotline/tests.
    "POST /api/v1/hotline/telephony/events": public(f"{API}/hotline/telephony/events"),
    "GET /api/v1/outreach/kinds": collection(lambda w: f"{API}/outreach/kinds"),
    "POST /api/v1/outreach/kinds": collection(lambda w: f"{API}/outreach/kinds"),
    "GET /api/v1/outreach/events": collection(lambda w: f"{API}/outreach/events"),
    "POST /api/v1/outreach/events": collection(lambda w: f"{API}/outreach/events"),
    "GET /api/v1/outreach/events/{event_id}": other(
        lambda w: f"{API}/outreach/events/{w.event_b.pk}"
    ),
    "POST /api/v1/outreach/events/{event_id}/submit": other(
        lambda w: f"{API}/outreach/events/{w.event_b.pk}/submit"
    ),
    "POST /api/v1/outreach/events/{event_id}/approve": other(
        lambda w: f"{API}/outreach/events/{w.event_b.pk}/approve"
    ),
    "POST /api/v1/outreach/events/{event_id}/cancel": other(
        lambda w: f"{API}/outreach/events/{w.event_b.pk}/cancel"
    ),
    "PUT /api/v1/outreach/events/{event_id}/reach": other(
        lambda w: f"{API}/outreach/events/{w.event_b.pk}/reach"
    ),
    "GET /api/v1/outreach/reports": collection(lambda w: f"{API}/outreach/reports?year=2020"),
    "POST /api/v1/outreach/import": collection(lambda w: f"{API}/outreach/import"),
    "GET /api/v1/audit/records": collection(lambda w: f"{API}/audit/records"),
    "GET /api/v1/audit/lookup": collection(
        lambda w: f"{API}/audit/lookup?q={w.case_b.folio.lower()}"
    ),
    "GET /api/v1/dashboard/work": collection(lambda w: f"{API}/dashboard/work"),
    "GET /api/v1/detention/facilities": collection(lambda w: f"{API}/detention/facilities"),
    "PUT /api/v1/detention/facilities/{facility_id}/rules": other(
        lambda w: f"{API}/detention/facilities/{w.facility_b.pk}/rules"
    ),
    "POST /api/v1/detention/facilities/import": collection(
        lambda w: f"{API}/detention/facilities/import"
    ),
    "POST /api/v1/detention/detentions/import": collection(
        lambda w: f"{API}/detention/detentions/import"
    ),
    "GET /api/v1/detention/detentions/not-seen": collection(
        lambda w: f"{API}/detention/detentions/not-seen"
    ),
    "POST /api/v1/detention/detentions": collection(lambda w: f"{API}/detention/detentions"),
    "GET /api/v1/detention/detentions/{detention_id}": other(
        lambda w: f"{API}/detention/detentions/{w.detention_b.pk}"
    ),
    "POST /api/v1/detention/detentions/{detention_id}/transfer": other(
        lambda w: f"{API}/detention/detentions/{w.detention_b.pk}/transfer"
    ),
    "POST /api/v1/detention/detentions/{detention_id}/end": other(
        lambda w: f"{API}/detention/detentions/{w.detention_b.pk}/end"
    ),
    "GET /api/v1/detention/visits": collection(lambda w: f"{API}/detention/visits"),
    "POST /api/v1/detention/visits": collection(lambda w: f"{API}/detention/visits"),
    "GET /api/v1/detention/visits/{visit_id}": other(
        lambda w: f"{API}/detention/visits/{w.visit_b.pk}"
    ),
    "POST /api/v1/detention/visits/{visit_id}/log": other(
        lambda w: f"{API}/detention/visits/{w.visit_b.pk}/log"
    ),
    "POST /api/v1/detention/visits/{visit_id}/cancel": other(
        lambda w: f"{API}/detention/visits/{w.visit_b.pk}/cancel"
    ),
    "GET /api/v1/detention/follow-ups": collection(lambda w: f"{API}/detention/follow-ups"),
    "POST /api/v1/detention/follow-ups/{follow_up_id}/done": other(
        lambda w: f"{API}/detention/follow-ups/{w.follow_up_b.pk}/done"
    ),
    "GET /api/v1/detention/advisories": collection(lambda w: f"{API}/detention/advisories"),
    "POST /api/v1/detention/advisories": collection(lambda w: f"{API}/detention/advisories"),
    "GET /api/v1/detention/report": collection(lambda w: f"{API}/detention/report?year=2026"),
    "GET /api/v1/alerts/alerts": collection(lambda w: f"{API}/alerts/alerts?include_closed=true"),
    "GET /api/v1/alerts/alerts/{alert_id}": other(lambda w: f"{API}/alerts/alerts/{w.alert_b.pk}"),
    "POST /api/v1/alerts/alerts/{alert_id}/acknowledgement": other(
        lambda w: f"{API}/alerts/alerts/{w.alert_b.pk}/acknowledgement"
    ),
    "POST /api/v1/alerts/alerts/{alert_id}/outcomes": other(
        lambda w: f"{API}/alerts/alerts/{w.alert_b.pk}/outcomes"
    ),
    "POST /api/v1/alerts/alerts/{alert_id}/closure": other(
        lambda w: f"{API}/alerts/alerts/{w.alert_b.pk}/closure"
    ),
    "GET /api/v1/alerts/alerts/{alert_id}/cap": other(
        lambda w: f"{API}/alerts/alerts/{w.alert_b.pk}/cap"
    ),
    "POST /api/v1/alerts/registrants": collection(lambda w: f"{API}/alerts/registrants"),
    "GET /api/v1/alerts/policy": collection(lambda w: f"{API}/alerts/policy"),
    # The SMS gateway's webhook: signed, no session (test_sms.py proves the signature).
    "POST /api/v1/alerts/sms": public(f"{API}/alerts/sms"),
    "PUT /api/v1/alerts/policy": collection(lambda w: f"{API}/alerts/policy"),
    "GET /api/v1/alerts/registrants/{registrant_id}": other(
        lambda w: f"{API}/alerts/registrants/{w.registrant_b.pk}"
    ),
    "DELETE /api/v1/alerts/registrants/{registrant_id}": other(
        lambda w: f"{API}/alerts/registrants/{w.registrant_b.pk}"
    ),
    "POST /api/v1/alerts/registrants/{registrant_id}/contacts": other(
        lambda w: f"{API}/alerts/registrants/{w.registrant_b.pk}/contacts"
    ),
    "POST /api/v1/alerts/registrants/{registrant_id}/provisioning-codes": other(
        lambda w: f"{API}/alerts/registrants/{w.registrant_b.pk}/provisioning-codes"
    ),
    "DELETE /api/v1/alerts/contacts/{contact_id}": other(
        lambda w: f"{API}/alerts/contacts/{w.registrant_b.contacts.get().pk}"
    ),
    "POST /api/v1/alerts/devices/{device_id}/revocation": other(
        lambda w: f"{API}/alerts/devices/{w.registrant_b.devices.get().pk}/revocation"
    ),
    # The phone's API answers only a device credential (staff sessions get 401); another
    # registrant's phone is kept out by test_another_phone_cannot_reach_b_alerts below.
    "POST /api/v1/alerts/device/provision": public(f"{API}/alerts/device/provision"),
    # Self-enrolment: an SMS code proves the phone (alerts.self_enrolment).
    "POST /api/v1/alerts/device/enrolment/code": public(f"{API}/alerts/device/enrolment/code"),
    "POST /api/v1/alerts/device/enrolment": public(f"{API}/alerts/device/enrolment"),
    "GET /api/v1/alerts/device/me": collection(lambda w: f"{API}/alerts/device/me"),
    "POST /api/v1/alerts/device/alerts": collection(lambda w: f"{API}/alerts/device/alerts"),
    "GET /api/v1/alerts/device/alerts/{client_id}": collection(
        lambda w: f"{API}/alerts/device/alerts/{w.alert_b.client_id}"
    ),
    "POST /api/v1/alerts/device/alerts/{client_id}/positions": collection(
        lambda w: f"{API}/alerts/device/alerts/{w.alert_b.client_id}/positions"
    ),
    "POST /api/v1/alerts/device/alerts/{client_id}/safe": collection(
        lambda w: f"{API}/alerts/device/alerts/{w.alert_b.client_id}/safe"
    ),
    "POST /api/v1/alerts/device/check-in": collection(lambda w: f"{API}/alerts/device/check-in"),
    "POST /api/v1/alerts/device/contacts/list": collection(
        lambda w: f"{API}/alerts/device/contacts/list"
    ),
    "POST /api/v1/alerts/device/contacts": collection(lambda w: f"{API}/alerts/device/contacts"),
    "POST /api/v1/alerts/device/contacts/{contact_id}/removal": collection(
        lambda w: f"{API}/alerts/device/contacts/{w.registrant_b.contacts.get().pk}/removal"
    ),
    "PUT /api/v1/alerts/device/push-subscription": collection(
        lambda w: f"{API}/alerts/device/push-subscription"
    ),
    "DELETE /api/v1/alerts/device/push-subscription": collection(
        lambda w: f"{API}/alerts/device/push-subscription"
    ),
    "POST /api/v1/alerts/device/check-in/stop": collection(
        lambda w: f"{API}/alerts/device/check-in/stop"
    ),
    "POST /api/v1/alerts/device/revocation": collection(
        lambda w: f"{API}/alerts/device/revocation"
    ),
    "POST /api/v1/alerts/device/other-phones/revocation": collection(
        lambda w: f"{API}/alerts/device/other-phones/revocation"
    ),
    "POST /api/v1/alerts/device/enrolment/deletion": collection(
        lambda w: f"{API}/alerts/device/enrolment/deletion"
    ),
    "GET /api/v1/legal/providers": collection(lambda w: f"{API}/legal/providers"),
    "POST /api/v1/legal/providers": collection(lambda w: f"{API}/legal/providers"),
    "POST /api/v1/legal/providers/{provider_id}/lawyers": other(
        lambda w: f"{API}/legal/providers/{w.provider_b.pk}/lawyers"
    ),
    "POST /api/v1/legal/providers/{provider_id}/contracts": other(
        lambda w: f"{API}/legal/providers/{w.provider_b.pk}/contracts"
    ),
    "GET /api/v1/legal/providers/{provider_id}/contracts": other(
        lambda w: f"{API}/legal/providers/{w.provider_b.pk}/contracts"
    ),
    "POST /api/v1/legal/contracts/{contract_id}/renewal": other(
        lambda w: f"{API}/legal/contracts/{w.contract_b.pk}/renewal"
    ),
    "GET /api/v1/legal/providers/{provider_id}/bar-admissions": other(
        lambda w: f"{API}/legal/providers/{w.provider_b.pk}/bar-admissions"
    ),
    "POST /api/v1/legal/providers/{provider_id}/bar-admissions": other(
        lambda w: f"{API}/legal/providers/{w.provider_b.pk}/bar-admissions"
    ),
    "POST /api/v1/legal/bar-admissions/{admission_id}/verification": other(
        lambda w: f"{API}/legal/bar-admissions/{w.bar_admission_b.pk}/verification"
    ),
    "DELETE /api/v1/legal/bar-admissions/{admission_id}": other(
        lambda w: f"{API}/legal/bar-admissions/{w.bar_admission_b.pk}"
    ),
    "GET /api/v1/legal/providers/{provider_id}/contacts": other(
        lambda w: f"{API}/legal/providers/{w.provider_b.pk}/contacts"
    ),
    "POST /api/v1/legal/providers/{provider_id}/contacts": other(
        lambda w: f"{API}/legal/providers/{w.provider_b.pk}/contacts"
    ),
    "DELETE /api/v1/legal/provider-contacts/{contact_id}": other(
        lambda w: f"{API}/legal/provider-contacts/{w.provider_contact_b.pk}"
    ),
    "POST /api/v1/legal/contracts/{contract_id}/status": other(
        lambda w: f"{API}/legal/contracts/{w.contract_b.pk}/status"
    ),
    "GET /api/v1/legal/cases/{case_id}/candidates": other(
        lambda w: f"{API}/legal/cases/{w.case_b.pk}/candidates"
    ),
    "POST /api/v1/legal/contracts/{contract_id}/fees": other(
        lambda w: f"{API}/legal/contracts/{w.contract_b.pk}/fees"
    ),
    "POST /api/v1/legal/referrals/{referral_id}/invoice-lines": other(
        lambda w: f"{API}/legal/referrals/{w.referral_b.pk}/invoice-lines"
    ),
    "GET /api/v1/legal/invoice-lines": collection(lambda w: f"{API}/legal/invoice-lines"),
    "POST /api/v1/legal/invoice-lines/{line_id}/decision": other(
        lambda w: f"{API}/legal/invoice-lines/{w.invoice_line_b.pk}/decision"
    ),
    "GET /api/v1/legal/referrals": collection(lambda w: f"{API}/legal/referrals"),
    "POST /api/v1/legal/referrals": collection(lambda w: f"{API}/legal/referrals"),
    "GET /api/v1/legal/referrals/{referral_id}": other(
        lambda w: f"{API}/legal/referrals/{w.referral_b.pk}"
    ),
    "POST /api/v1/legal/referrals/{referral_id}/answer": other(
        lambda w: f"{API}/legal/referrals/{w.referral_b.pk}/answer"
    ),
    "POST /api/v1/legal/referrals/{referral_id}/updates": other(
        lambda w: f"{API}/legal/referrals/{w.referral_b.pk}/updates"
    ),
    "POST /api/v1/legal/referrals/{referral_id}/conclusion": other(
        lambda w: f"{API}/legal/referrals/{w.referral_b.pk}/conclusion"
    ),
    "POST /api/v1/legal/referrals/{referral_id}/revocation": other(
        lambda w: f"{API}/legal/referrals/{w.referral_b.pk}/revocation"
    ),
    "GET /api/v1/legal/contracts/{contract_id}/ledes": other(
        lambda w: f"{API}/legal/contracts/{w.contract_b.pk}/ledes"
    ),
    "GET /api/v1/legal/referrals/{referral_id}/documents": other(
        lambda w: f"{API}/legal/referrals/{w.referral_b.pk}/documents"
    ),
    "POST /api/v1/legal/referrals/{referral_id}/documents": other(
        lambda w: f"{API}/legal/referrals/{w.referral_b.pk}/documents"
    ),
    "POST /api/v1/legal/referrals/{referral_id}/shared-documents": other(
        lambda w: f"{API}/legal/referrals/{w.referral_b.pk}/shared-documents"
    ),
    "GET /api/v1/legal/documents/{document_id}/file": other(
        lambda w: f"{API}/legal/documents/{w.pale_document_b.pk}/file"
    ),
    "GET /api/v1/legal/contracts/{contract_id}/documents": other(
        lambda w: f"{API}/legal/contracts/{w.contract_b.pk}/documents"
    ),
    "POST /api/v1/legal/contracts/{contract_id}/documents": other(
        lambda w: f"{API}/legal/contracts/{w.contract_b.pk}/documents"
    ),
    "GET /api/v1/legal/contract-documents/{document_id}/file": other(
        lambda w: f"{API}/legal/contract-documents/{w.contract_document_b.pk}/file"
    ),
    "GET /api/v1/legal/capital-deadlines": collection(lambda w: f"{API}/legal/capital-deadlines"),
    "POST /api/v1/legal/capital-deadlines": collection(lambda w: f"{API}/legal/capital-deadlines"),
    "GET /api/v1/legal/report": collection(
        lambda w: f"{API}/legal/report?year={w.network.consulate_b.local_today().year}"
    ),
    "GET /api/v1/support/funds": collection(lambda w: f"{API}/support/funds"),
    "GET /api/v1/support/funds/{fund_id}": other(lambda w: f"{API}/support/funds/{w.fund_b.pk}"),
    "GET /api/v1/support/funds/{fund_id}/postings": other(
        lambda w: f"{API}/support/funds/{w.fund_b.pk}/postings"
    ),
    "GET /api/v1/support/funds/{fund_id}/statement": other(
        lambda w: f"{API}/support/funds/{w.fund_b.pk}/statement"
    ),
    "POST /api/v1/support/funds/{fund_id}/allocations": other(
        lambda w: f"{API}/support/funds/{w.fund_b.pk}/allocations"
    ),
    "POST /api/v1/support/requests/{request_id}/logistics": other(
        lambda w: f"{API}/support/requests/{w.request_b.pk}/logistics"
    ),
    "POST /api/v1/support/funds/{fund_id}/deposits": other(
        lambda w: f"{API}/support/funds/{w.fund_b.pk}/deposits"
    ),
    "GET /api/v1/support/requests": collection(lambda w: f"{API}/support/requests"),
    "POST /api/v1/support/requests": collection(lambda w: f"{API}/support/requests"),
    "GET /api/v1/support/requests/{request_id}": other(
        lambda w: f"{API}/support/requests/{w.request_b.pk}"
    ),
    "POST /api/v1/support/requests/{request_id}/decisions": other(
        lambda w: f"{API}/support/requests/{w.request_b.pk}/decisions"
    ),
    "POST /api/v1/support/requests/{request_id}/payment": other(
        lambda w: f"{API}/support/requests/{w.request_b.pk}/payment"
    ),
    "POST /api/v1/support/requests/{request_id}/bond/cancellation": other(
        lambda w: f"{API}/support/requests/{w.request_b.pk}/bond/cancellation"
    ),
    "POST /api/v1/support/requests/{request_id}/bond/refund": other(
        lambda w: f"{API}/support/requests/{w.request_b.pk}/bond/refund"
    ),
    "POST /api/v1/support/requests/{request_id}/bond/breach": other(
        lambda w: f"{API}/support/requests/{w.request_b.pk}/bond/breach"
    ),
    "GET /api/v1/audit/targets/{target_type}/{target_id}/records": Route(
        "trail", lambda w: f"{API}/audit/targets/people.person/{w.person_b.pk}/records"
    ),
}

# Fields an attacker would send to move data into or out of consulate B.
HOSTILE_FORM: dict[str, Any] = {
    "given_names": "Intruso",
    "first_surname": "Intruso",
    "summary": "cambio no autorizado",
    "text": "cambio no autorizado",
    "reason": "cambio no autorizado",
    "status": "concluded",
    "closure_reason": "favorable",
    "role": "central_admin",
    "language": "es-mx",
    "slug": "guia-intrusa",
    "title": "Guía intrusa",
    "body": "texto no autorizado",
    "topic": "labor",
    # Valid shapes for the API bodies, so requests reach the access check and are not
    # turned away earlier by schema validation.
    "kind": "call",
    "occurred_on": "2026-01-05",
    "agency": "ICE",
    "arrested_at": "2026-01-05T10:00:00Z",
    "learned_at": "2026-01-05T12:00:00Z",
    "channel": "walk_in",
    "to_office_code": "TA",
    "office_code": "TB",
    "user_id": 0,
    "starts_at": "2026-01-05T10:00:00Z",
    "ends_at": "2026-01-05T18:00:00Z",
    "due_at": "2030-01-05T18:00:00Z",
    "outcome": "information",
    "number": "X9999999",
    "name": "Contacto intruso",
    "relation": "friend",
    "survivor_id": 0,
    "merged_id": 0,
    "beneficiary_id": 0,
    "subtype_id": 0,
}


# Officer and head of consulate A, the CIAM operator, and a PALE lawyer with no referral.
OUTSIDERS = ["alice", "carla", "olga", "luis", "auditor_a"]
TRAIL_READERS = {"auditor_a"}


@pytest.fixture
def auditor_a(network: Network) -> User:
    """An auditor of consulate A: reads A's trail, never B's records nor B's references."""
    return _member("auditor_a", network.consulate_a, Role.AUDITOR)


def _html_route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                if pattern.namespace == "api":
                    continue  # API operations are enumerated from the OpenAPI schema
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"unnamed URL pattern {pattern.pattern}"
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


def _api_operation_keys() -> set[str]:
    schema = api.get_openapi_schema()
    keys = {f"GET {API}/openapi.json", f"GET {API}/docs"}
    for path, operations in schema["paths"].items():
        for method in operations:
            keys.add(f"{method.upper()} {path}")
    return keys


@pytest.fixture
def world(
    network: Network, alice: User, bob: User, adan: User, luis: User, settings: Settings,
    tmp_path: Path,
) -> World:  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    consulate_c = OfficeFactory.create(code="TC", slug="consulado-c", name="Consulado C")
    bob_membership = bob.memberships.get()
    bob_actor = Actor(user=bob, membership=bob_membership)
    person = Person.objects.create(
        office=network.consulate_b, given_names="Zacarías", first_surname=SECRET_SURNAME
    )
    subtype = Subtype.objects.filter(retired_at__isnull=True).select_related("materia").first()
    assert subtype is not None, "the case taxonomy migration must seed subtypes"
    case = case_open(
        actor=bob_actor,
        beneficiary=person,
        subtype=subtype,
        channel="walk_in",
        summary="Hechos confidenciales de B",
    )
    transfer = case_transfer_request(
        case=case, to_office=consulate_c, reason="Vive en C", actor=bob_actor
    )
    area = JurisdictionArea.objects.create(
        code="US-CA-FRESNO-TEST",
        country="US",
        region="CA",
        name="Fresno",
        latitude=36.7,
        longitude=-119.7,
        office=network.consulate_b,
    )
    audit_b = AccessRecord.objects.filter(
        target_id=str(person.pk)
    ).first() or AccessRecord.objects.create(
        action="view",
        target_type="people.person",
        target_id=str(person.pk),
        target_office=network.consulate_b,
        office=network.consulate_b,
        outcome="allowed",
    )
    [notification] = notify(
        recipients=[bob],
        subject="Aviso para B",
        body="Cuerpo confidencial del aviso de B",
        kind="test",
        office=network.consulate_b,
        requires_ack=True,
        channels=["inapp"],
    )
    attachment = case_add_attachment(
        case=case,
        upload=SimpleUploadedFile("b.pdf", b"%PDF-1.4 Adjunto secreto de B"),
        kind="other",
        actor=bob_actor,
    )
    load_guidance_seed()
    document = IdentityDocument.objects.create(person=person, kind="passport", number="G1234567")
    contact = Contact.objects.create(
        person=person, name="Contacto secreto de B", relation="sibling", phone="+13125550111"
    )
    duplicate = Person.objects.create(
        office=network.consulate_b, given_names="Zacarias", first_surname=SECRET_SURNAME
    )
    merge = person_merge(
        survivor=person,
        merged=duplicate,
        actor=Actor(user=adan, membership=adan.memberships.get()),
        reason="Registro duplicado",
    )
    call, callback, escalation = _hotline_records_of_a_second_contact_center(network, subtype)
    now = timezone.now()
    shift = OnDutyShift.objects.create(
        office=network.consulate_b,
        user=bob,
        created_by=bob,
        starts_at=now,
        ends_at=now + timedelta(hours=8),
    )
    fund, support_request = _support_records_of_b(network, case, bob_actor, adan)
    facility, detention, visit, follow_up, advisory = _detention_records_of_b(
        network, case, bob_actor
    )
    provider, contract, referral, invoice_line = _pale_records_of_b(network, case, bob_actor, adan)
    pale_document = document_share(actor=bob_actor, referral=referral, attachment=attachment)
    Case.objects.filter(pk=case.pk).update(is_capital_case=True)
    case.is_capital_case = True
    contract_document = contract_add_document(
        actor=Actor(user=adan, membership=adan.memberships.get()), contract=contract,
        upload=SimpleUploadedFile("contrato.pdf", b"%PDF-1.4 Contrato reservado de B"),
        title="Contrato reservado de B",
    )  # fmt: skip
    admin_actor = Actor(user=adan, membership=adan.memberships.get())
    bar_admission = bar_admission_add(
        actor=admin_actor, provider=provider, lawyer_name="Abogada reservada de B", region="TX",
        number="B-1",
    )  # fmt: skip
    provider_contact = contact_add(
        actor=admin_actor, provider=provider, name="Contacto reservado de B", phone="555-0199"
    )
    registrant_b, alert_b = _alert_records_of_b(network, bob_actor, person)
    capital_deadline = deadline_add(
        actor=bob_actor, case=case, kind="trial", due_on=network.consulate_b.local_today(),
        notes="Fecha reservada de B",
    )  # fmt: skip
    _luis_works_for_a_provider_of_a(network, luis, adan, case)
    event = _outreach_event_of_b(
        network, bob_actor, Actor(user=adan, membership=adan.memberships.get())
    )
    return World(
        network=network,
        alice=alice,
        bob=bob,
        person_b=person,
        case_b=case,
        transfer_b=transfer,
        area_b=area,
        bob_membership=bob_membership,
        audit_b=audit_b,
        notification_b=notification,
        attachment_b=attachment,
        call_b=call,
        callback_b=callback,
        escalation_b=escalation,
        document_b=document,
        contact_b=contact,
        merge_b=merge,
        shift_b=shift,
        event_b=event,
        fund_b=fund,
        request_b=support_request,
        facility_b=facility,
        detention_b=detention,
        visit_b=visit,
        follow_up_b=follow_up,
        advisory_b=advisory,
        provider_b=provider,
        contract_b=contract,
        referral_b=referral,
        invoice_line_b=invoice_line,
        pale_document_b=pale_document,
        capital_deadline_b=capital_deadline,
        contract_document_b=contract_document,
        bar_admission_b=bar_admission,
        provider_contact_b=provider_contact,
        registrant_b=registrant_b,
        alert_b=alert_b,
        markers=[
            "Mensaje reservado de B",
            "Contacto de alerta de B",
            "Abogada reservada de B",
            "Contacto reservado de B",
            "Contrato reservado de B",
            "Fecha reservada de B",
            "Factura reservada de B",
            "Cargos reservados de B",
            "Salud reservada de B",
            "Notas reservadas de la visita de B",
            "Fondo reservado de B",
            "Pagador secreto de B",
            "Justificación secreta de B",
            "Taller reservado de B",
            SECRET_SURNAME,
            case.folio,
            "Hechos confidenciales de B",
            "Vive en C",
            "Cuerpo confidencial del aviso de B",
            "Adjunto secreto de B",
            "Llamada confidencial",
            "Contacto secreto de B",
        ],
    )


def _hotline_records_of_a_second_contact_center(
    network: Network, subtype: Subtype
) -> tuple[Call, Callback, Escalation]:
    """A call taken by another contact center (so even olga of the CIAM may not see it),
    with a callback, escalated to consulate B."""
    second_center = OfficeFactory.create(
        code="TCIAM2", slug="ciam-dos", name="CIAM dos", kind=OfficeKind.CONTACT_CENTER
    )
    otto = UserFactory.create(username="otto")
    operator = Actor(
        user=otto,
        membership=MembershipFactory.create(
            user=otto, office=second_center, role=Role.HOTLINE_OPERATOR
        ),
    )
    call = call_log(
        actor=operator,
        topic="labor",
        outcome="callback",
        caller_name=f"Zacarías {SECRET_SURNAME}",
        summary="Llamada confidencial sobre salarios",
        callback_due_at=timezone.now() + timedelta(hours=2),
    )
    escalation = call_escalate(
        actor=operator,
        call=call,
        subtype=subtype,
        given_names="Zacarías",
        first_surname=SECRET_SURNAME,
        note="Llamada confidencial escalada",
        chosen_office=network.consulate_b,
    )
    return call, Callback.objects.get(call=call), escalation


def _detention_records_of_b(
    network: Network, case: Case, officer: Actor
) -> tuple[Facility, Detention, Visit, FollowUp, Advisory]:
    """A facility of B's jurisdiction where B's national is held, a visit that saw them
    (with a follow-up), and an advisory B gave them."""
    facility = Facility.objects.create(
        name="FRESNO TEST FACILITY", kind="county_jail", address="1 M ST", city="FRESNO",
        state="CA", zip_code="93706", office=network.consulate_b,
    )  # fmt: skip
    detention = detention_record(
        actor=officer, case=case, facility=facility, authority="ice",
        charges="Cargos reservados de B",
    )  # fmt: skip
    today = network.consulate_b.local_today()
    visit = visit_plan(actor=officer, office=network.consulate_b, facility=facility,
                       planned_on=today, officers=[officer.user],
                       notes="Notas reservadas de la visita de B")  # fmt: skip
    visit_log(actor=officer, visit=visit, done_on=today, entries=[SeenEntry(
        detention=detention, checklist={"health": "Salud reservada de B", "wants_family_contact": True},
    )])  # fmt: skip
    advisory = advisory_record(
        actor=officer, office=network.consulate_b, given_on=today, matter="immigration",
        modality="phone", minutes=10, result="information", adviser=officer.user,
        person=case.beneficiary,
    )  # fmt: skip
    return facility, detention, visit, FollowUp.objects.get(seen__visit=visit), advisory


def _luis_works_for_a_provider_of_a(network: Network, luis: User, admin: User, case: Case) -> None:
    """luis is a lawyer of another provider (X, under contract with consulate A): B's
    referral to provider Y must stay out of his reach."""
    admin_actor = Actor(user=admin, membership=admin.memberships.get())
    provider = provider_create(
        actor=admin_actor, office=network.consulate_a, name="Despacho de A", kind="law_firm",
        materias=[case.subtype.materia], counties=[],
    )  # fmt: skip
    lawyer_attach(actor=admin_actor, provider=provider, user=luis)


def _pale_records_of_b(
    network: Network, case: Case, officer: Actor, admin: User
) -> tuple[Provider, Contract, Referral, InvoiceLine]:
    """A provider under contract with consulate B, and B's case referred to it."""
    admin_actor = Actor(user=admin, membership=admin.memberships.get())
    provider = provider_create(
        actor=admin_actor, office=network.consulate_b, name="Despacho de B", kind="law_firm",
        materias=[case.subtype.materia], counties=[],
    )  # fmt: skip
    contract = contract_create(
        actor=admin_actor, provider=provider, office=network.consulate_b,
        starts_on=network.consulate_b.local_today(), ends_on=network.consulate_b.local_today(),
        ceiling=10_000_00, capacity=3,
    )  # fmt: skip
    contract_set_status(actor=admin_actor, contract=contract, status="in_force")
    referral = referral_send(
        actor=officer, case=case, provider=provider, share=["name", "summary"],
        consent=Consent("signed_form", "Formato de B"),
    )  # fmt: skip
    lawyer = _member("bruno", network.consulate_b, Role.EXTERNAL_LAWYER)
    lawyer_attach(actor=admin_actor, provider=provider, user=lawyer)
    lawyer_actor = Actor(user=lawyer, membership=lawyer.memberships.get())
    referral = referral_answer(actor=lawyer_actor, referral=referral, accept=True)
    fee_set(actor=admin_actor, contract=contract, level="advice", materia=case.subtype.materia,
            hourly=100_00)  # fmt: skip
    line = invoice_submit(
        actor=lawyer_actor, referral=referral, month=network.consulate_b.local_today(),
        level="advice", hours=Decimal(1), description="Factura reservada de B",
    )  # fmt: skip
    return provider, contract, referral, line


def _alert_records_of_b(
    network: Network, officer: Actor, person: Person
) -> tuple[Registrant, Alert]:
    """B's person enrolled in the alert button, with a contact and a phone, and an alert
    of theirs routed to B and closed (the CIAM's board follows active alerts only)."""
    invalidate_jurisdiction()  # B's county was just added
    registrant = registrant_enrol(
        actor=officer, person=person, phone="5595550100", pin="2468", notice_accepted=True,
        contacts=[ContactIn(name="Contacto de alerta de B", relation="spouse",
                            phone="5595550111")],
        home={"state": "CA", "county": "Fresno"},
    )  # fmt: skip
    code = provisioning_code_issue(actor=officer, registrant=registrant)
    device, _credential = device_provision(code=code)
    alert, _created = alert_raise(
        device=device, client_id=uuid.uuid4(), raised_at=timezone.now(),
        text="Mensaje reservado de B",
    )  # fmt: skip
    dispatch_pending()  # the worker's turn: B's case line, pages and family links
    alert.refresh_from_db()
    assert alert.office == network.consulate_b, "B's alert must be routed to B"
    alert = alert_close(actor=officer, alert=alert, reason="Resuelta")
    return registrant, alert


def _support_records_of_b(
    network: Network, case: Case, officer: Actor, admin: User
) -> tuple[Fund, SupportRequest]:
    """A fund administered by consulate B, with money in it, and a request from B's case."""
    admin_actor = Actor(user=admin, membership=admin.memberships.get())
    fund = fund_open(
        actor=admin_actor, name="Fondo reservado de B", currency="USD", office=network.consulate_b
    )
    deposit(actor=admin_actor, fund=fund, amount=1_000_00, idempotency_key="b-budget")
    support_request = request_submit(
        actor=officer, case=case, fund=fund, kind="bail_bond", amount=500_00,
        payee_name="Pagador secreto de B", payee_kind="partner",
        justification="Justificación secreta de B",
    )  # fmt: skip
    return fund, support_request


def _outreach_event_of_b(network: Network, officer: Actor, admin: Actor) -> Event:
    """A published online workshop of consulate B, held in 2020, with its reach recorded."""
    starts = timezone.now().replace(year=2020, month=6, day=10, hour=18, minute=0)
    event = event_plan(
        actor=officer,
        office=network.consulate_b,
        details=EventDetails(
            kind=EventKind.objects.get(code="workshop_daca"),
            title="Taller reservado de B",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            modality="online",
            online_url="https://example.org/b",
        ),
    )
    event = event_approve(actor=admin, event=event)
    event_record_reach(
        actor=officer,
        event=event,
        reach=Reach(headcount={}, live_viewers=777, reach_definition="Vistas de B"),
    )
    return event


def snapshot_of_b(w: World) -> dict[str, Any]:
    """Everything consulate B owns that alice must not be able to change."""
    office_b = w.network.consulate_b
    return {
        "people": list(Person.objects.filter(office=office_b).order_by("pk").values()),
        "cases": list(Case.objects.filter(office=office_b).order_by("pk").values()),
        "case_b": list(Case.objects.filter(pk=w.case_b.pk).values()),
        "events": CaseEvent.objects.filter(case=w.case_b).count(),
        "transfers": list(CaseTransfer.objects.filter(pk=w.transfer_b.pk).values()),
        "area": list(JurisdictionArea.objects.filter(pk=w.area_b.pk).values("office_id")),
        "bob": list(User.objects.filter(pk=w.bob.pk).values("password", "is_active")),
        "memberships": list(Membership.objects.filter(user=w.bob).values()),
        "devices": TOTPDevice.objects.filter(user=w.bob).count(),
        "alice_memberships": list(Membership.objects.filter(user=w.alice).values()),
        "notification": list(Notification.objects.filter(pk=w.notification_b.pk).values()),
        "shift": list(OnDutyShift.objects.filter(pk=w.shift_b.pk).values()),
        "attachments": list(CaseAttachment.objects.filter(case=w.case_b).values()),
        # Guidance belongs to central office: no outsider role may change it.
        "guidance": list(GuidanceScript.objects.order_by("pk").values()),
        "guidance_versions": list(GuidanceScriptVersion.objects.order_by("pk").values()),
        "documents": list(IdentityDocument.objects.filter(person__office=office_b).values()),
        "contacts": list(Contact.objects.filter(person__office=office_b).values()),
        "merges": list(PersonMerge.objects.order_by("pk").values()),
        "call": list(Call.objects.filter(pk=w.call_b.pk).values()),
        "callback": list(Callback.objects.filter(pk=w.callback_b.pk).values()),
        "escalation": list(Escalation.objects.filter(pk=w.escalation_b.pk).values()),
        "shifts_b": OnDutyShift.objects.filter(office=w.network.consulate_b).count(),
        "outreach_events": list(Event.objects.filter(office=w.network.consulate_b).values()),
        "event_reports": list(
            EventReport.objects.filter(event__office=w.network.consulate_b).values()
        ),
        "event_kinds": list(EventKind.objects.order_by("pk").values()),
        "support_funds": list(Fund.objects.order_by("pk").values()),
        "support_accounts": list(Account.objects.order_by("pk").values()),
        "support_postings": Posting.objects.count(),
        "support_requests": list(SupportRequest.objects.order_by("pk").values()),
        "support_approvals": Approval.objects.count(),
        "support_logistics": LogisticsItem.objects.count(),
        "detention_facilities": list(Facility.objects.order_by("pk").values()),
        "detention_detentions": list(Detention.objects.order_by("pk").values()),
        "detention_visits": list(Visit.objects.order_by("pk").values()),
        "detention_seen": list(Seen.objects.order_by("pk").values()),
        "detention_follow_ups": list(FollowUp.objects.order_by("pk").values()),
        "detention_advisories": Advisory.objects.count(),
        "legal_providers": list(Provider.objects.order_by("pk").values()),
        "legal_contracts": list(Contract.objects.order_by("pk").values()),
        "legal_referrals": list(Referral.objects.order_by("pk").values("pk", "status", "outcome")),
        "legal_updates": ReferralUpdate.objects.count(),
        "legal_documents": list(ReferralDocument.objects.order_by("pk").values()),
        "legal_deadlines": list(CapitalDeadline.objects.order_by("pk").values()),
        "legal_contract_documents": list(ContractDocument.objects.order_by("pk").values()),
        "legal_invoice_lines": list(InvoiceLine.objects.order_by("pk").values()),
        "legal_bar_admissions": list(BarAdmission.objects.order_by("pk").values()),
        "alerts_registrants": list(Registrant.objects.filter(office=office_b).values()),
        "alerts_contacts": list(
            TrustedContact.objects.filter(registrant__office=office_b).order_by("pk").values()
        ),
        "alerts_devices": list(Device.objects.filter(registrant__office=office_b).values()),
        "alerts_alerts": list(Alert.objects.filter(home_office=office_b).values()),
        "alerts_codes": ProvisioningCode.objects.filter(registrant__office=office_b).count(),
        "alerts_policy": list(OfficePolicy.objects.filter(office=office_b).values()),
        "legal_provider_contacts": list(ProviderContact.objects.order_by("pk").values()),
    }


def test_every_html_route_is_listed() -> None:
    actual = _html_route_names()
    assert sorted(actual - set(HTML_ROUTES)) == [], "unlisted: say how each is scoped"
    assert sorted(set(HTML_ROUTES) - actual) == [], "listed but gone: remove them"


def test_every_api_operation_is_listed() -> None:
    actual = _api_operation_keys()
    assert not actual - set(API_OPERATIONS), "unlisted: " + ", ".join(
        sorted(actual - set(API_OPERATIONS))
    )
    assert sorted(set(API_OPERATIONS) - actual) == [], "listed but gone: remove them"


def test_anonymous_visitors_reach_nothing_private(world: World, client: Client) -> None:
    for name, route in HTML_ROUTES.items():
        if route.kind == "public":
            continue
        response = client.get(route.url(world))
        assert response.status_code == 302, name
        assert response["Location"].startswith("/cuenta/entrar/"), name
    for key, route in API_OPERATIONS.items():
        if route.kind == "public":
            continue
        method = key.split()[0].lower()
        response = getattr(client, method)(route.url(world), content_type="application/json")
        assert response.status_code == 401, key


def _check(
    problems: list[str],
    w: World,
    label: str,
    route: Route,
    *,
    status: int,
    body: bytes,
    reads_trail: bool = False,
) -> None:
    """Collect every violation instead of stopping at the first, so one run shows them all."""
    if status >= 500:
        problems.append(f"{label}: server error {status}")
    # 405 comes from the method check, before any lookup, so it reveals nothing either.
    hidden = route.kind == "other" or (route.kind == "trail" and not reads_trail)
    if hidden and status not in (404, 405):
        problems.append(f"{label}: expected 404 for B's record, got {status}")
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
    problems.extend(
        f"{label} shows consulate B's data ({marker!r})" for marker in w.markers if marker in text
    )


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_staff_outside_consulate_b_cannot_read_its_records(
    world: World, as_user: Callable[..., Client], persona: str, request: pytest.FixtureRequest
) -> None:
    client = as_user(request.getfixturevalue(persona))
    reads_trail = persona in TRAIL_READERS
    problems: list[str] = []
    for name, route in HTML_ROUTES.items():
        if route.kind == "public":
            continue
        response = client.get(route.url(world))
        _check(
            problems,
            world,
            f"GET {name}",
            route,
            status=response.status_code,
            body=_body(response),
            reads_trail=reads_trail,
        )
    for key, route in API_OPERATIONS.items():
        if route.kind == "public" or not key.startswith("GET "):
            continue
        response = client.get(route.url(world))
        _check(
            problems,
            world,
            key,
            route,
            status=response.status_code,
            body=_body(response),
            reads_trail=reads_trail,
        )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_staff_outside_consulate_b_cannot_change_its_records(
    world: World, as_user: Callable[..., Client], persona: str, request: pytest.FixtureRequest
) -> None:
    client = as_user(request.getfixturevalue(persona))
    before = snapshot_of_b(world)
    hostile = {
        **HOSTILE_FORM,
        "office": world.network.consulate_b.pk,
        "office_code": "TB",
        "to_office": world.network.consulate_a.pk,
        "membership": world.bob_membership.pk,
        "person": world.person_b.pk,
        "beneficiary": world.person_b.pk,
        "assigned_to": world.alice.pk,
        "beneficiary_id": world.person_b.pk,
        "subtype_id": world.case_b.subtype_id,
        "user_id": world.bob.pk,
        "survivor_id": world.person_b.pk,
        "merged_id": world.case_b.beneficiary_id,
    }
    hostile_json = {
        **hostile,
        "assigned_to": "alice",
        # Support: a request for B's case from B's fund, a decision, a deposit.
        "case_id": world.case_b.pk,
        "fund_id": world.fund_b.pk,
        "kind": "bail_bond",
        "amount": 100,
        "payee_name": "Hostil",
        "payee_kind": "partner",
        "justification": "Hostil",
        "level": "office",
        "approved": True,
        "minutes_number": "H-1",
        "idempotency_key": "hostile",
        "step": "permits",
        "done_on": "2026-01-05",
        # Detention: a move, an end, a visit's log and an advisory about B's national.
        "facility_id": world.facility_b.pk,
        "moved_on": "2026-01-05",
        "ended_on": "2026-01-05",
        "planned_on": "2026-01-05",
        "officer_ids": [world.bob.pk],
        "seen": [{"detention_id": world.detention_b.pk, "health": "Hostil"}],
        "given_on": "2026-01-05",
        "matter": "immigration",
        "modality": "phone",
        "minutes": 5,
        "result": "information",
        "person_id": world.person_b.pk,
        "authority": "ice",
        # PALE: a lawyer, a contract, a referral of B's case and the provider's steps.
        "materia_codes": ["MIGRATORIO"],
        "starts_on": "2026-01-05",
        "ends_on": "2026-12-31",
        "ceiling": 100,
        "capacity": 1,
        "provider_id": world.provider_b.pk,
        "consent": "signed_form",
        "consent_detail": "Hostil",
        "share": ["name"],
        "accept": True,
        "outcome": "other",
        "materia_code": "MIGRATORIO",
        "hourly": 100,
        "month": "2026-01-05",
        "hours": "1",
        "description": "Hostil",
        "approve": True,
        "attachment_id": world.attachment_b.pk,
        "due_on": "2026-01-05",
        # PALE provider records: a bar admission, its verification, a contact.
        # The alert button: an enrolment of B's person (person_id above), a closing.
        "pin": "2468",
        "notice_accepted": True,
        "relation": "spouse",
        "lawyer_name": "Hostil",
        "region": "TX",
        "number": "H-1",
        "verified_on": "2026-01-05",
        "role": "Hostil",
        "phone": "555-0100",
    }
    problems: list[str] = []
    for name, route in HTML_ROUTES.items():
        if route.kind == "public" or name == "accounts:logout":
            continue
        response = client.post(route.url(world), hostile)
        _check(
            problems,
            world,
            f"POST {name}",
            route,
            status=response.status_code,
            body=response.content,
        )
    for key, route in API_OPERATIONS.items():
        method = key.split()[0]
        if route.kind == "public" or method == "GET":
            continue
        response = client.generic(
            method, route.url(world), data=_json(hostile_json), content_type="application/json"
        )
        _check(problems, world, key, route, status=response.status_code, body=_body(response))
    assert not problems, "\n".join(problems)
    assert snapshot_of_b(world) == before


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _json(data: dict[str, Any]) -> str:
    import json

    return json.dumps(data)


def test_another_phone_cannot_reach_b_alerts(world: World, network: Network, alice: User) -> None:
    """The phone's API, for the one outside role it has: the phone of another registrant
    (of consulate A) gets 404 for B's alert by its id, and changes nothing of B's."""
    officer = Actor(user=alice, membership=alice.memberships.get())
    person = Person.objects.create(
        office=network.consulate_a, given_names="Otra", first_surname="Persona"
    )
    registrant = registrant_enrol(
        actor=officer, person=person, phone="5125550100", pin="1111", notice_accepted=True
    )
    _device, credential = device_provision(
        code=provisioning_code_issue(actor=officer, registrant=registrant)
    )
    phone = Client(HTTP_AUTHORIZATION=f"Bearer {credential}")
    before = snapshot_of_b(world)
    base = f"{API}/alerts/device/alerts/{world.alert_b.client_id}"
    fix = {"latitude": 36.7, "longitude": -119.7, "accuracy_m": 10,
           "fix_at": timezone.now().isoformat()}  # fmt: skip
    assert phone.get(base).status_code == 404
    assert phone.post(f"{base}/positions", fix, content_type="application/json").status_code == 404
    assert phone.post(f"{base}/safe", {"pin": "1111"},
                      content_type="application/json").status_code == 404  # fmt: skip
    b_contact = world.registrant_b.contacts.get()
    assert phone.post(f"{API}/alerts/device/contacts/{b_contact.pk}/removal", {"pin": "1111"},
                      content_type="application/json").status_code == 404  # fmt: skip
    listed = phone.post(f"{API}/alerts/device/contacts/list", {"pin": "1111"},
                        content_type="application/json")  # fmt: skip
    assert listed.json() == []
    assert snapshot_of_b(world) == before
    assert TrustedContact.objects.filter(pk=b_contact.pk).exists()
