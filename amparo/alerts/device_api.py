"""The phone's API (/api/v1/alerts/device/): authenticated by the device credential (a
bearer token), never by a staff session; limited per device; idempotent on the alert's id
(the same id and other content answers 409)."""

import uuid
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.security import HttpBearer
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from amparo.alerts import checkin, enrolment, ingest, push, self_enrolment
from amparo.alerts.models import Alert, AlertStatus, Device, FamilyStatus, TrustedContact
from amparo.notifications import webpush

DEVICE_RATE = "30/min"
# How stale a phone's "last used" may get: noted at most this often, not on every request
# (a burst of positions would otherwise write the device's row each time).
LAST_SEEN_EVERY = timedelta(minutes=1)


class DeviceAuth(HttpBearer):
    """`Authorization: Bearer <device credential>`; the request's auth is the Device."""

    def authenticate(self, request: HttpRequest, token: str) -> Device | None:
        device = enrolment.device_for_credential(token)
        if device is not None:
            now = timezone.now()
            if device.last_seen_at is None or now - device.last_seen_at >= LAST_SEEN_EVERY:
                Device.objects.filter(pk=device.pk).update(last_seen_at=now)
        return device


router = Router(tags=["alerts-device"], auth=DeviceAuth(), throttle=[AuthRateThrottle(DEVICE_RATE)])


def _device(request: HttpRequest) -> Device:
    device: Device = request.auth  # type: ignore[attr-defined]
    return device


class DeviceProvisionIn(Schema):
    code: str = Field(..., max_length=100)
    label: str = Field("", max_length=80)


class DeviceProvisionOut(Schema):
    credential: str = Field(..., description="Keep it on the phone; it is shown only once.")
    device_id: int = Field(..., description="Goes in the SMS code (sms_code).")
    language: str
    ciam_phone: str


class DevicePhoneCheckIn(Schema):
    phone: str = Field(..., max_length=40)
    language: str = Field("es", max_length=2)


class DevicePhoneCheckOut(Schema):
    request: str = Field(..., description="Send it back with the code; keep it on the phone.")


class DeviceContactIn(Schema):
    name: str = Field(..., max_length=120)
    relation: str = Field(..., max_length=16)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    language: str = Field("es", max_length=2)
    sees: list[str] = Field(default_factory=lambda: list(FamilyStatus.values), max_length=6)

    def as_contact(self) -> enrolment.ContactIn:
        return enrolment.ContactIn(name=self.name, relation=self.relation, phone=self.phone,
                                   email=self.email, language=self.language,
                                   sees=tuple(self.sees))  # fmt: skip


class DeviceContactOut(Schema):
    id: int
    name: str
    relation: str
    phone: str
    email: str
    language: str
    sees: list[str]


class DeviceContactAddIn(Schema):
    pin: str = Field(..., max_length=8)
    contact: DeviceContactIn


class DeviceSelfEnrolIn(Schema):
    """A new enrolment (all the profile), or a re-activation (the code and the PIN only)."""

    request: str = Field(..., max_length=100)
    code: str = Field(..., max_length=10)
    pin: str = Field(..., max_length=8)
    duress_pin: str = Field("", max_length=8)
    label: str = Field("", max_length=80)
    given_names: str = Field("", max_length=120)
    first_surname: str = Field("", max_length=120)
    second_surname: str = Field("", max_length=120)
    date_of_birth: date | None = None
    home_zip: str = Field("", max_length=10)
    home_state: str = Field("", max_length=2)
    home_county: str = Field("", max_length=120)
    contacts: list[DeviceContactIn] = Field(default_factory=list, max_length=enrolment.MAX_CONTACTS)
    notice_accepted: bool = False

    def profile(self) -> self_enrolment.Profile | None:
        if not (self.given_names or self.first_surname):
            return None
        return self_enrolment.Profile(
            given_names=self.given_names, first_surname=self.first_surname,
            second_surname=self.second_surname, date_of_birth=self.date_of_birth,
            home_zip=self.home_zip, home_state=self.home_state, home_county=self.home_county,
        )  # fmt: skip


class DeviceSelfEnrolOut(DeviceProvisionOut):
    reactivated: bool = Field(..., description="An existing enrolment got this phone.")


class DeviceFixIn(Schema):
    latitude: float
    longitude: float
    accuracy_m: float
    fix_at: datetime

    def as_fix(self) -> ingest.Fix:
        return ingest.Fix(self.latitude, self.longitude, self.accuracy_m, self.fix_at)


class DeviceAlertIn(Schema):
    client_id: uuid.UUID
    raised_at: datetime
    position: DeviceFixIn | None = None
    text: str = Field("", max_length=ingest.MAX_TEXT)
    test: bool = False


class DeviceAlertStateOut(Schema):
    client_id: uuid.UUID
    status: AlertStatus
    received_at: datetime
    test: bool = False


class DeviceSafeIn(Schema):
    pin: str = Field(..., max_length=8)
    reason: str = Field("", max_length=200)


class DevicePinIn(Schema):
    pin: str = Field(..., max_length=8)


class DeviceMeOut(Schema):
    language: str
    ciam_phone: str
    devices: int
    contacts: int
    checkin_due_at: datetime | None
    push_key: str = Field(..., description="VAPID application server key (base64url).")


class DevicePushKeysIn(Schema):
    p256dh: str = Field(..., max_length=100)
    auth: str = Field(..., max_length=40)


class DevicePushSubscriptionIn(Schema):
    """What the browser's PushSubscription.toJSON() gives (expirationTime is ignored)."""

    endpoint: str = Field(..., max_length=1000)
    keys: DevicePushKeysIn


class DeviceCheckInIn(Schema):
    hours: int = Field(..., ge=1, le=checkin.MAX_HOURS)


class DeviceCheckInOut(Schema):
    due_at: datetime | None


def _state(alert: Alert) -> DeviceAlertStateOut:
    return DeviceAlertStateOut(client_id=alert.client_id, status=ingest.phone_status(alert),
                               received_at=alert.received_at, test=alert.is_test)  # fmt: skip


@router.post("/provision", response={201: DeviceProvisionOut}, auth=None,
             throttle=[AnonRateThrottle("10/min")])  # fmt: skip
def provision(request: HttpRequest, payload: DeviceProvisionIn) -> Status[DeviceProvisionOut]:
    """Trade the one-time code of the QR the consulate showed for this phone's credential."""
    device, credential = enrolment.device_provision(code=payload.code, label=payload.label)
    return Status(201, DeviceProvisionOut(credential=credential, device_id=device.pk,
                                          language=device.registrant.language,
                                    ciam_phone=settings.CIAM_PHONE))  # fmt: skip


@router.post("/enrolment/code", response={202: DevicePhoneCheckOut, 429: dict}, auth=None,
             throttle=[AnonRateThrottle("5/min")])  # fmt: skip
def send_enrolment_code(
    request: HttpRequest, payload: DevicePhoneCheckIn
) -> Status[DevicePhoneCheckOut | dict]:
    """Enrol (or re-activate) from the web app: an SMS code to the phone. The answer is the
    same whether or not the number is enrolled."""
    try:
        token = self_enrolment.phone_check_start(phone=payload.phone, language=payload.language)
    except self_enrolment.TooManyCodesError:
        return Status(429, {"detail": _("Demasiados códigos para este número. Espere una hora.")})
    return Status(202, DevicePhoneCheckOut(request=token))


@router.post("/enrolment", response={201: DeviceSelfEnrolOut}, auth=None,
             throttle=[AnonRateThrottle("10/min")])  # fmt: skip
def self_enrol(request: HttpRequest, payload: DeviceSelfEnrolIn) -> Status[DeviceSelfEnrolOut]:
    """The code from the SMS, with the profile (a new enrolment) or the PIN alone (a phone
    for an existing one); answers this phone's credential."""
    device, credential, reactivated = self_enrolment.self_enrol(
        token=payload.request, code=payload.code, profile=payload.profile(), pin=payload.pin,
        duress_pin=payload.duress_pin, contacts=[c.as_contact() for c in payload.contacts],
        notice_accepted=payload.notice_accepted, label=payload.label,
    )  # fmt: skip
    registrant = device.registrant
    return Status(201, DeviceSelfEnrolOut(credential=credential, device_id=device.pk,
                                          language=registrant.language,
                                          ciam_phone=settings.CIAM_PHONE,
                                          reactivated=reactivated))  # fmt: skip


@router.get("/me", response=DeviceMeOut)
def me(request: HttpRequest) -> DeviceMeOut:
    registrant = _device(request).registrant
    return DeviceMeOut(language=registrant.language, ciam_phone=settings.CIAM_PHONE,
                 devices=registrant.devices.filter(revoked_at=None).count(),
                 contacts=registrant.contacts.count(),
                 checkin_due_at=checkin.shown_due(registrant),
                 push_key=webpush.application_server_key())  # fmt: skip


@router.post("/alerts", response={200: DeviceAlertStateOut, 201: DeviceAlertStateOut, 409: dict})
def raise_alert(request: HttpRequest, payload: DeviceAlertIn) -> Status[DeviceAlertStateOut | dict]:
    """Raise an alert (201), or hear again about one already received (200)."""
    try:
        alert, created = ingest.alert_raise(
            device=_device(request), client_id=payload.client_id, raised_at=payload.raised_at,
            fix=payload.position.as_fix() if payload.position else None, text=payload.text,
            is_test=payload.test,
        )  # fmt: skip
    except ingest.ConflictError:
        return Status(409, {"detail": _("Ese identificador ya se usó con otro contenido.")})
    return Status(201 if created else 200, _state(alert))


def _own(request: HttpRequest, client_id: uuid.UUID) -> Alert:
    try:
        return ingest.own_alert(_device(request), client_id)
    except Alert.DoesNotExist as error:
        raise Http404 from error


@router.get("/alerts/{client_id}", response=DeviceAlertStateOut)
def alert_state(request: HttpRequest, client_id: uuid.UUID) -> DeviceAlertStateOut:
    return _state(_own(request, client_id))


@router.post("/alerts/{client_id}/positions", response={201: None})
def add_position(request: HttpRequest, client_id: uuid.UUID, payload: DeviceFixIn) -> Status[None]:
    _own(request, client_id)
    ingest.position_add(device=_device(request), client_id=client_id, fix=payload.as_fix())
    return Status(201, None)


@router.post("/alerts/{client_id}/safe", response=DeviceAlertStateOut)
def safe(request: HttpRequest, client_id: uuid.UUID, payload: DeviceSafeIn) -> DeviceAlertStateOut:
    """ "Estoy a salvo", with the PIN."""
    _own(request, client_id)
    return _state(ingest.alert_safe(device=_device(request), client_id=client_id,
                                    pin=payload.pin, reason=payload.reason))  # fmt: skip


@router.put("/push-subscription", response={204: None})
def subscribe_to_push(request: HttpRequest, payload: DevicePushSubscriptionIn) -> Status[None]:
    """The phone's Web Push subscription (renewed on every start): news of its alerts wake
    it, carrying the alert's id only."""
    push.device_push_subscribe(device=_device(request), endpoint=payload.endpoint,
                               p256dh=payload.keys.p256dh, auth=payload.keys.auth)  # fmt: skip
    return Status(204, None)


@router.delete("/push-subscription", response={204: None})
def unsubscribe_from_push(request: HttpRequest) -> Status[None]:
    push.device_push_unsubscribe(device=_device(request))
    return Status(204, None)


def _pin_kind(device: Device, pin: str) -> str:
    kind = enrolment.pin_kind(device.registrant, pin)
    if not kind:
        raise ValidationError({"pin": _("PIN incorrecto.")})
    return kind


def _contact_out(contact: TrustedContact) -> DeviceContactOut:
    return DeviceContactOut(id=contact.pk, name=contact.name, relation=contact.relation,
                            phone=contact.phone, email=contact.email, language=contact.language,
                            sees=contact.sees)  # fmt: skip


@router.post("/contacts/list", response=list[DeviceContactOut])
def list_contacts(request: HttpRequest, payload: DevicePinIn) -> list[DeviceContactOut]:
    """The trusted contacts, behind the PIN (a POST: the PIN stays out of addresses). The
    duress PIN shows none: whoever forces it learns nothing of the family."""
    device = _device(request)
    if _pin_kind(device, payload.pin) == "duress":
        return []
    return [_contact_out(c) for c in device.registrant.contacts.order_by("id")]


@router.post("/contacts", response={201: DeviceContactOut})
def add_contact(request: HttpRequest, payload: DeviceContactAddIn) -> Status[DeviceContactOut]:
    """Add a trusted contact (five at most). With the duress PIN nothing is stored, and the
    answer looks the same."""
    device = _device(request)
    if _pin_kind(device, payload.pin) == "duress":
        return Status(201, DeviceContactOut(id=0, **payload.contact.dict()))
    added = enrolment.contact_add(actor=None, registrant=device.registrant,
                                  contact=payload.contact.as_contact())  # fmt: skip
    return Status(201, _contact_out(added))


@router.post("/contacts/{contact_id}/removal", response={204: None})
def remove_contact(request: HttpRequest, contact_id: int, payload: DevicePinIn) -> Status[None]:
    device = _device(request)
    contact = device.registrant.contacts.filter(pk=contact_id).first()
    if contact is None:
        raise Http404
    if _pin_kind(device, payload.pin) == "pin":
        enrolment.contact_remove(actor=None, contact=contact)
    return Status(204, None)


@router.post("/check-in", response=DeviceCheckInOut)
def start_check_in(request: HttpRequest, payload: DeviceCheckInIn) -> DeviceCheckInOut:
    """Start or renew the timer: unless the person checks in within `hours`, their alert
    is raised."""
    return DeviceCheckInOut(due_at=checkin.checkin_start(device=_device(request),
                                                         hours=payload.hours))  # fmt: skip


@router.post("/check-in/stop", response=DeviceCheckInOut)
def stop_check_in(request: HttpRequest, payload: DevicePinIn) -> DeviceCheckInOut:
    """ "Ya llegué", with the PIN."""
    checkin.checkin_stop(device=_device(request), pin=payload.pin)
    return DeviceCheckInOut(due_at=None)


@router.post("/revocation", response={204: None})
def revoke_this_phone(request: HttpRequest, payload: DevicePinIn) -> Status[None]:
    """Stop this phone (the credential answers 401 from the next request)."""
    device = _device(request)
    if not enrolment.pin_kind(device.registrant, payload.pin):
        raise ValidationError({"pin": _("PIN incorrecto.")})
    enrolment.device_revoke(actor=None, device=device)
    return Status(204, None)


@router.post("/other-phones/revocation", response={204: None})
def revoke_other_phones(request: HttpRequest, payload: DevicePinIn) -> Status[None]:
    """A lost phone: stop every other phone of the enrolment, from this one."""
    device = _device(request)
    if enrolment.pin_kind(device.registrant, payload.pin) != "pin":
        raise ValidationError({"pin": _("PIN incorrecto.")})
    others = device.registrant.devices.filter(revoked_at=None).exclude(pk=device.pk)
    for other in others:
        enrolment.device_revoke(actor=None, device=other)
    return Status(204, None)


@router.post("/enrolment/deletion", response={204: None})
def delete_enrolment(request: HttpRequest, payload: DevicePinIn) -> Status[None]:
    """Delete the enrolment: contacts and phones go (alerts stay with their cases)."""
    device = _device(request)
    if enrolment.pin_kind(device.registrant, payload.pin) != "pin":
        raise ValidationError({"pin": _("PIN incorrecto.")})
    enrolment.registrant_end(actor=None, registrant=device.registrant)
    return Status(204, None)
