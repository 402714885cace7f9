"""Enrolling a national at a consulate (or the CIAM): the person the office already holds,
their phone, language and home county, up to five trusted contacts, the privacy notice
they accepted, a PIN and an optional duress PIN. The officer then shows a QR code whose
one-time code the phone trades for its device credential. Each write in one transaction
with its audit record."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import get_for_actor, may_write
from amparo.accounts.actor import Actor
from amparo.alerts import credentials
from amparo.alerts.models import (
    Device,
    FamilyStatus,
    Language,
    ProvisioningCode,
    Registrant,
    TrustedContact,
)
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.text import clean_text
from amparo.people.models import ContactRelation, Person, normalize_phone

PRIVACY_NOTICE_VERSION = "2026-01"
MAX_CONTACTS = 5
PROVISIONING_MINUTES = 15
PIN = re.compile(r"^\d{4,8}$")


@dataclass(frozen=True)
class ContactIn:
    name: str
    relation: str
    phone: str = ""
    email: str = ""
    language: str = Language.SPANISH
    sees: tuple[str, ...] = tuple(FamilyStatus.values)


def checked_phone(value: str, field: str, *, required: bool) -> str:
    """The number in E.164, or ValidationError on `field`."""
    try:
        phone = normalize_phone(value or "")
    except ValidationError as error:
        raise ValidationError({field: _("Teléfono no válido.")}) from error
    if required and not phone:
        raise ValidationError({field: _("Indique el teléfono.")})
    return phone


def _contact(registrant: Registrant, given: ContactIn, index: int) -> TrustedContact:
    field = f"contacts.{index}"
    if given.relation not in ContactRelation.values:
        raise ValidationError({field: _("Relación no válida.")})
    if given.language not in Language.values:
        raise ValidationError({field: _("Idioma no válido.")})
    unknown = set(given.sees) - set(FamilyStatus.values)
    if unknown:
        raise ValidationError({field: _("Estado no válido.")})
    contact = TrustedContact(
        registrant=registrant, name=clean_text(given.name, field, required=True, limit=120),
        relation=given.relation, phone=checked_phone(given.phone, field, required=False),
        email=clean_text(given.email, field, required=False, limit=254), language=given.language,
        sees=sorted(set(given.sees)),
    )  # fmt: skip
    if not contact.phone and not contact.email:
        raise ValidationError({field: _("Cada contacto necesita un teléfono o un correo.")})
    if contact.email:
        try:
            validate_email(contact.email)
        except ValidationError as error:
            raise ValidationError({field: _("Correo electrónico no válido.")}) from error
    return contact


def _pins(pin: str, duress_pin: str) -> tuple[str, str]:
    if not PIN.match(pin or ""):
        raise ValidationError({"pin": _("El PIN debe tener de 4 a 8 dígitos.")})
    if duress_pin and not PIN.match(duress_pin):
        raise ValidationError(
            {"duress_pin": _("El PIN de emergencia debe tener de 4 a 8 dígitos.")}
        )
    if duress_pin and duress_pin == pin:
        raise ValidationError({"duress_pin": _("El PIN de emergencia debe ser distinto del PIN.")})
    return make_password(pin), make_password(duress_pin) if duress_pin else ""


def registrant_enrol(
    *, actor: Actor, person: Person, phone: str, pin: str, duress_pin: str = "",
    language: str = Language.SPANISH, contacts: Iterable[ContactIn] = (),
    notice_accepted: bool, home: Mapping[str, str] | None = None, self_enrolled: bool = False,
) -> Registrant:  # fmt: skip
    """Enrol a person the actor's office holds. `home` (state, county, zip) defaults to the
    person's address. `self_enrolled`: from the web app (self_enrolment.py), by nobody."""
    person = get_for_actor(actor, Person.objects.all(), person.pk, write=True)
    if not notice_accepted:
        raise ValidationError({"notice": _("La persona debe aceptar el aviso de privacidad.")})
    if language not in Language.values:
        raise ValidationError({"language": _("Idioma no válido.")})
    contacts = list(contacts)
    if len(contacts) > MAX_CONTACTS:
        raise ValidationError({"contacts": _("Como máximo cinco contactos de confianza.")})
    home = home or {"state": person.address_state, "county": person.address_county,
                    "zip": person.address_zip}  # fmt: skip
    pin_hash, duress_hash = _pins(pin, duress_pin)
    now = timezone.now()
    registrant = Registrant(
        person=person, office=person.office, phone=checked_phone(phone, "phone", required=True),
        language=language, home_state=(home.get("state") or "").strip().upper()[:2],
        home_county=clean_text(home.get("county"), "county", required=False, limit=120),
        home_zip=clean_text(home.get("zip"), "zip", required=False, limit=10),
        notice_version=PRIVACY_NOTICE_VERSION, notice_accepted_at=now, pin_hash=pin_hash,
        duress_pin_hash=duress_hash, enrolled_by=None if self_enrolled else actor.user,
        enrolled_at=now, self_enrolled=self_enrolled,
    )  # fmt: skip
    checked = [_contact(registrant, given, n) for n, given in enumerate(contacts)]
    try:
        with transaction.atomic():
            registrant.save()
            for contact in checked:
                contact.registrant = registrant
            TrustedContact.objects.bulk_create(checked)
            audit_record(actor=actor, action=Action.CREATE, target=registrant)
    except IntegrityError as error:  # alerts_enrolled_once
        raise ValidationError({"person": _("Esta persona ya está inscrita.")}) from error
    return registrant


def _require_writer(actor: Actor, registrant: Registrant) -> None:
    if not may_write(actor, registrant) or registrant.ended_at is not None:
        raise PermissionDenied


def _require_editor(actor: Actor | None, registrant: Registrant) -> None:
    """The office (actor), or the registrant from their phone (None, PIN already checked)."""
    if actor is not None:
        _require_writer(actor, registrant)
    elif registrant.ended_at is not None:
        raise PermissionDenied


def contact_add(
    *, actor: Actor | None, registrant: Registrant, contact: ContactIn
) -> TrustedContact:
    _require_editor(actor, registrant)
    with transaction.atomic():
        Registrant.objects.select_for_update().get(pk=registrant.pk)
        if registrant.contacts.count() >= MAX_CONTACTS:
            raise ValidationError({"contacts": _("Como máximo cinco contactos de confianza.")})
        added = _contact(registrant, contact, registrant.contacts.count())
        added.save()
        audit_record(actor=actor, action=Action.CREATE, target=added)
    return added


def contact_remove(*, actor: Actor | None, contact: TrustedContact) -> None:
    _require_editor(actor, contact.registrant)
    with transaction.atomic():
        audit_record(actor=actor, action=Action.DELETE, target=contact)
        contact.delete()


def provisioning_code_issue(*, actor: Actor, registrant: Registrant) -> str:
    """A one-time code for the QR the officer shows (valid PROVISIONING_MINUTES)."""
    _require_writer(actor, registrant)
    code = credentials.new_token()
    now = timezone.now()
    with transaction.atomic():
        issued = ProvisioningCode.objects.create(
            registrant=registrant, code_hash=credentials.digest(code), created_by=actor.user,
            created_at=now, expires_at=now + timedelta(minutes=PROVISIONING_MINUTES),
        )  # fmt: skip
        audit_record(actor=actor, action=Action.CREATE, target=issued)
    return code


def device_provision(*, code: str, label: str = "") -> tuple[Device, str]:
    """Trade a provisioning code for a device and its credential (shown once)."""
    now = timezone.now()
    with transaction.atomic():
        claimed = ProvisioningCode.objects.filter(
            code_hash=credentials.digest(code or ""), used_at=None, expires_at__gt=now,
            registrant__ended_at=None,
        )  # fmt: skip
        found = claimed.select_for_update().first()
        if found is None or not claimed.filter(pk=found.pk).update(used_at=now):
            raise ValidationError({"code": _("El código no es válido o ya venció.")})
        return device_add(found.registrant, label=label, reason="provisioned")


def device_add(registrant: Registrant, *, label: str, reason: str) -> tuple[Device, str]:
    """A new phone for `registrant` and its credential (shown once). Call it once the phone
    has proven itself (a provisioning code, or an SMS code and the PIN)."""
    token = credentials.new_token()
    with transaction.atomic():
        device = Device.objects.create(
            registrant=registrant, credential_hash=credentials.digest(token),
            label=clean_text(label, "label", required=False, limit=80),
            provisioned_at=timezone.now(),
        )  # fmt: skip
        audit_record(actor=None, action=Action.CREATE, target=device, reason=reason)
    return device, token


def device_for_credential(token: str) -> Device | None:
    """The device a credential belongs to, while neither it nor the enrolment is revoked."""
    if not token:
        return None
    return (
        Device.objects.select_related("registrant", "registrant__office")
        .filter(
            credential_hash=credentials.digest(token), revoked_at=None, registrant__ended_at=None
        )
        .first()
    )


def device_revoke(*, actor: Actor | None, device: Device) -> Device:
    """Revoke a phone: by the office (actor) or by the registrant from another phone."""
    if actor is not None and not may_write(actor, device):
        raise PermissionDenied
    with transaction.atomic():
        Device.objects.filter(pk=device.pk, revoked_at=None).update(revoked_at=timezone.now())
        device.refresh_from_db()
        audit_record(actor=actor, action=Action.UPDATE, target=device, reason="revoked")
    return device


def registrant_end(*, actor: Actor | None, registrant: Registrant) -> Registrant:
    """Delete the enrolment: contacts and phones go; alerts stay with their cases."""
    if actor is not None:
        _require_writer(actor, registrant)
    with transaction.atomic():
        registrant.devices.update(revoked_at=timezone.now())
        registrant.contacts.all().delete()
        registrant.provisioning_codes.all().delete()
        registrant.ended_at = timezone.now()
        registrant.save(update_fields=["ended_at"])
        audit_record(actor=actor, action=Action.DELETE, target=registrant)
    return registrant


def pin_kind(registrant: Registrant, pin: str) -> str:
    """ "pin", "duress" or "" for a PIN typed on the phone."""
    if check_password(pin or "", registrant.pin_hash):
        return "pin"
    if registrant.duress_pin_hash and check_password(pin or "", registrant.duress_pin_hash):
        return "duress"
    return ""
