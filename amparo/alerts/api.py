"""The alert button's staff API (/api/v1/alerts/): the board, an alert with its positions
and steps, acknowledging, outcomes, closing, CAP 1.2; enrolling a person, their contacts,
the QR's one-time code and their phones. The phone's own API is device_api."""

import time
from datetime import datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import Actor, acting
from amparo.alerts import cap, enrolment, escalation, handling, ingest, policy, selectors
from amparo.alerts.device_api import router as device_router
from amparo.alerts.models import (
    Alert,
    AlertStatus,
    Device,
    FamilyStatus,
    Language,
    Outcome,
    Registrant,
    TrustedContact,
)
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.api_types import RowId
from amparo.core.env import env_str
from amparo.hotline.api import SECRET_ENV as TELEPHONY_SECRET_ENV
from amparo.hotline.api import SIGNATURE_HEADER, TIMESTAMP_HEADER
from amparo.hotline.signatures import is_authentic, is_fresh
from amparo.people.models import ContactRelation, Person

router = Router(tags=["alerts"])
router.add_router("/device", device_router)


class AlertBoardRowOut(Schema):
    id: int
    office_code: str
    status: AlertStatus
    level: int
    received_at: datetime
    age_seconds: int
    duress: bool
    test: bool
    accuracy_m: int | None
    fix_age_seconds: int | None
    ack_due_at: datetime | None
    case_folio: str | None


class AlertBoardQuery(Schema):
    include_closed: bool = False


class AlertPositionOut(Schema):
    latitude: float
    longitude: float
    accuracy_m: float
    fix_at: datetime
    received_at: datetime


class AlertEventOut(Schema):
    kind: str
    outcome: str
    at: datetime


class AlertDetailOut(AlertBoardRowOut):
    routed_by: str
    raised_at: datetime
    text: str
    positions: list[AlertPositionOut]
    events: list[AlertEventOut]


class AlertOutcomeIn(Schema):
    outcome: Outcome
    detail: str = Field("", max_length=240)


class AlertCloseIn(Schema):
    reason: str = Field(..., min_length=1, max_length=240)


class AlertContactIn(Schema):
    name: str = Field(..., max_length=120)
    relation: ContactRelation
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    language: str = Field(Language.SPANISH, max_length=5, description="es or en")
    sees: list[FamilyStatus] = Field(default_factory=lambda: list(FamilyStatus))


class AlertRegistrantIn(Schema):
    person_id: RowId
    phone: str = Field(..., max_length=40)
    pin: str = Field(..., max_length=8)
    duress_pin: str = Field("", max_length=8)
    language: Language = Language.SPANISH
    notice_accepted: Literal[True]
    contacts: list[AlertContactIn] = Field([], max_length=enrolment.MAX_CONTACTS)


class AlertContactOut(Schema):
    id: int
    name: str
    relation: str
    sees: list[str]


class AlertDeviceOut(Schema):
    id: int
    label: str
    provisioned_at: datetime
    revoked_at: datetime | None


class AlertRegistrantOut(Schema):
    id: int
    person_id: int
    office_code: str
    language: str
    enrolled_at: datetime
    contacts: list[AlertContactOut]
    devices: list[AlertDeviceOut]


class AlertProvisioningOut(Schema):
    code: str
    url: str = Field(..., description="What the QR code holds: the activation page.")


def _row(row: selectors.BoardRow) -> AlertBoardRowOut:
    alert = row.alert
    return AlertBoardRowOut(
        id=alert.pk, office_code=alert.office.code, status=AlertStatus(alert.status),
        level=alert.level, received_at=alert.received_at, age_seconds=row.age_seconds,
        duress=alert.duress, test=alert.is_test, accuracy_m=row.accuracy_m,
        fix_age_seconds=row.fix_age_seconds, ack_due_at=row.ack_due_at,
        case_folio=alert.case.folio if alert.case else None,
    )  # fmt: skip


def _positions(actor: Actor, alert: Alert) -> list[AlertPositionOut]:
    fixes = [(alert.fix, alert.received_at)] if alert.fix else []
    fixes += [(p.fix, p.received_at) for p in visible(actor, alert.positions.all())]
    return [
        AlertPositionOut(latitude=fix["lat"], longitude=fix["lon"], accuracy_m=fix["accuracy_m"],
                    fix_at=datetime.fromisoformat(fix["fix_at"]), received_at=received)
        for fix, received in fixes
    ]  # fmt: skip


def _alert_out(actor: Actor, alert: Alert) -> AlertDetailOut:
    row = _row(selectors.board_rows_of([alert])[0])
    return AlertDetailOut(
        **row.dict(), routed_by=alert.routed_by, raised_at=alert.raised_at, text=alert.text,
        positions=_positions(actor, alert),
        events=[AlertEventOut(kind=e.kind, outcome=e.outcome, at=e.at) for e in visible(actor, alert.events.all())],
    )  # fmt: skip


class AlertPolicyIn(Schema):
    minutes: int = Field(..., ge=1, le=60)


class AlertPolicyOut(Schema):
    office_code: str
    minutes: int


class AlertSmsIn(Schema):
    sender: str = Field("", max_length=40, description="The number it came from.")
    body: str = Field(..., max_length=1_600)


class AlertSmsOut(Schema):
    detail: str
    created: bool


@router.post("/sms", auth=None, response={200: AlertSmsOut, 201: AlertSmsOut},
             summary="SMS entrante con el código de una alerta (firmado como el webhook "
                     "de telefonía)")  # fmt: skip
def receive_sms(request: HttpRequest, payload: AlertSmsIn) -> Status[AlertSmsOut]:
    """The SMS gateway's webhook: no session; signed like the telephony webhook
    (docs/telephony-webhook.md). "ALERTA <code>" from the app's `sms:` link becomes the
    same alert the phone's outbox holds."""
    secret = env_str(TELEPHONY_SECRET_ENV)
    if not secret:
        raise HttpError(403, _("El webhook de telefonía no está configurado."))
    timestamp = request.headers.get(TIMESTAMP_HEADER, "")
    signature = request.headers.get(SIGNATURE_HEADER, "")
    if not is_authentic(secret, timestamp=timestamp, body=request.body, signature=signature):
        raise HttpError(401, _("Firma no válida."))
    if not is_fresh(timestamp, now=time.time()):
        raise HttpError(401, _("Solicitud vencida o repetida."))
    _alert, created = ingest.alert_from_sms(payload.body)
    return Status(201 if created else 200, AlertSmsOut(detail="ok", created=created))


@router.get("/policy", response=AlertPolicyOut)
def get_policy(request: HttpRequest) -> AlertPolicyOut:
    """The acting office's minutes to acknowledge an alert before it climbs."""
    actor = acting(request)
    return AlertPolicyOut(office_code=actor.office.code,
                          minutes=escalation.ack_minutes(actor.office))  # fmt: skip


@router.put("/policy", response=AlertPolicyOut)
def set_policy(request: HttpRequest, payload: AlertPolicyIn) -> AlertPolicyOut:
    actor = acting(request)
    policy.ack_minutes_set(actor=actor, office=actor.office, minutes=payload.minutes)
    return AlertPolicyOut(office_code=actor.office.code, minutes=payload.minutes)


@router.get("/alerts", response=list[AlertBoardRowOut])
def list_alerts(request: HttpRequest, query: Query[AlertBoardQuery]) -> list[AlertBoardRowOut]:
    """The live board: active alerts the actor may see (and closed ones on request)."""
    actor = acting(request)
    audit_record(actor=actor, action=Action.LIST, target_type="alerts.alert")
    alerts = selectors.board(actor, include_closed=query.include_closed)[:500]
    return [_row(row) for row in selectors.board_rows_of(list(alerts))]


@router.get("/alerts/{int:alert_id}", response=AlertDetailOut)
def get_alert(request: HttpRequest, alert_id: RowId) -> AlertDetailOut:
    actor = acting(request)
    alert = selectors.alert_for(actor, alert_id)
    audit_record(actor=actor, action=Action.VIEW, target=alert)
    return _alert_out(actor, alert)


@router.post("/alerts/{int:alert_id}/acknowledgement", response=AlertDetailOut)
def acknowledge(request: HttpRequest, alert_id: RowId) -> AlertDetailOut:
    actor = acting(request)
    alert = handling.alert_acknowledge(actor=actor, alert=selectors.alert_for(actor, alert_id))
    return _alert_out(actor, selectors.alert_for(actor, alert.pk))


@router.post("/alerts/{int:alert_id}/outcomes", response=AlertDetailOut)
def record_outcome(
    request: HttpRequest, alert_id: RowId, payload: AlertOutcomeIn
) -> AlertDetailOut:
    actor = acting(request)
    handling.alert_record_outcome(actor=actor, alert=selectors.alert_for(actor, alert_id),
                                  outcome=payload.outcome, detail=payload.detail)  # fmt: skip
    return _alert_out(actor, selectors.alert_for(actor, alert_id))


@router.post("/alerts/{int:alert_id}/closure", response=AlertDetailOut)
def close(request: HttpRequest, alert_id: RowId, payload: AlertCloseIn) -> AlertDetailOut:
    actor = acting(request)
    handling.alert_close(actor=actor, alert=selectors.alert_for(actor, alert_id),
                         reason=payload.reason)  # fmt: skip
    return _alert_out(actor, selectors.alert_for(actor, alert_id))


@router.get("/alerts/{int:alert_id}/cap", response={200: None}, openapi_extra={
    "responses": {200: {"description": "CAP 1.2", "content": {"application/xml": {}}}}})  # fmt: skip
def get_cap(request: HttpRequest, alert_id: RowId) -> HttpResponse:
    actor = acting(request)
    alert = selectors.alert_for(actor, alert_id)
    audit_record(actor=actor, action=Action.EXPORT, target=alert, reason="cap")
    return HttpResponse(cap.cap_message(alert), content_type="application/xml")


def _registrant_out(actor: Actor, registrant: Registrant) -> AlertRegistrantOut:
    return AlertRegistrantOut(
        id=registrant.pk, person_id=registrant.person_id, office_code=registrant.office.code,
        language=registrant.language, enrolled_at=registrant.enrolled_at,
        contacts=[AlertContactOut(id=c.pk, name=c.name, relation=c.relation, sees=c.sees)
                  for c in visible(actor, registrant.contacts.all())],
        devices=[AlertDeviceOut(id=d.pk, label=d.label, provisioned_at=d.provisioned_at,
                           revoked_at=d.revoked_at) for d in visible(actor, registrant.devices.all())],
    )  # fmt: skip


@router.post("/registrants", response={201: AlertRegistrantOut})
def enrol(request: HttpRequest, payload: AlertRegistrantIn) -> Status[AlertRegistrantOut]:
    actor = acting(request)
    person = get_for_actor(actor, Person.objects.all(), payload.person_id, write=True)
    registrant = enrolment.registrant_enrol(
        actor=actor, person=person, phone=payload.phone, pin=payload.pin,
        duress_pin=payload.duress_pin, language=payload.language,
        notice_accepted=payload.notice_accepted,
        contacts=[enrolment.ContactIn(**{**c.dict(), "sees": tuple(c.sees)})
                  for c in payload.contacts],
    )  # fmt: skip
    return Status(201, _registrant_out(actor, registrant))


@router.get("/registrants/{int:registrant_id}", response=AlertRegistrantOut)
def get_registrant(request: HttpRequest, registrant_id: RowId) -> AlertRegistrantOut:
    actor = acting(request)
    registrant = selectors.registrant_for(actor, registrant_id)
    audit_record(actor=actor, action=Action.VIEW, target=registrant)
    return _registrant_out(actor, registrant)


@router.delete("/registrants/{int:registrant_id}", response={204: None})
def end_enrolment(request: HttpRequest, registrant_id: RowId) -> Status[None]:
    actor = acting(request)
    registrant = selectors.registrant_for(actor, registrant_id, write=True)
    enrolment.registrant_end(actor=actor, registrant=registrant)
    return Status(204, None)


@router.post("/registrants/{int:registrant_id}/contacts", response={201: AlertContactOut})
def add_contact(
    request: HttpRequest, registrant_id: RowId, payload: AlertContactIn
) -> Status[AlertContactOut]:
    actor = acting(request)
    registrant = selectors.registrant_for(actor, registrant_id, write=True)
    contact = enrolment.contact_add(actor=actor, registrant=registrant, contact=enrolment.ContactIn(
        **{**payload.dict(), "sees": tuple(payload.sees)}))  # fmt: skip
    return Status(201, AlertContactOut(id=contact.pk, name=contact.name, relation=contact.relation,
                                  sees=contact.sees))  # fmt: skip


@router.delete("/contacts/{int:contact_id}", response={204: None})
def remove_contact(request: HttpRequest, contact_id: RowId) -> Status[None]:
    actor = acting(request)
    contact = get_for_actor(actor, TrustedContact.objects.select_related("registrant"),
                            contact_id, write=True)  # fmt: skip
    enrolment.contact_remove(actor=actor, contact=contact)
    return Status(204, None)


@router.post(
    "/registrants/{int:registrant_id}/provisioning-codes", response={201: AlertProvisioningOut}
)
def issue_provisioning_code(
    request: HttpRequest, registrant_id: RowId
) -> Status[AlertProvisioningOut]:
    """A one-time code (15 minutes) the phone trades for its credential; show it as a QR."""
    actor = acting(request)
    registrant = selectors.registrant_for(actor, registrant_id, write=True)
    code = enrolment.provisioning_code_issue(actor=actor, registrant=registrant)
    url = request.build_absolute_uri(reverse("alerts_public:activate")) + f"#{code}"
    return Status(201, AlertProvisioningOut(code=code, url=url))


@router.post("/devices/{int:device_id}/revocation", response=AlertDeviceOut)
def revoke_device(request: HttpRequest, device_id: RowId) -> AlertDeviceOut:
    actor = acting(request)
    device = get_for_actor(actor, Device.objects.select_related("registrant"), device_id,
                           write=True)  # fmt: skip
    device = enrolment.device_revoke(actor=actor, device=device)
    return AlertDeviceOut(id=device.pk, label=device.label, provisioned_at=device.provisioned_at,
                     revoked_at=device.revoked_at)  # fmt: skip
