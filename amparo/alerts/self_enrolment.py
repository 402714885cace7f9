"""Enrolling oneself from the web app, with no visit to a consulate: an SMS code proves the
phone, then the person gives their name, home ZIP code (or state and county), PIN, trusted
contacts and acceptance of the privacy notice. The consulate whose jurisdiction holds their
home gets a new person record (the index's duplicate check runs on the staff page, which
also says the identity was not checked) and the phone its credential.

The same code re-activates a phone for someone already enrolled (Safari deletes the app's
storage after seven days off the home screen): the phone proves the number, the PIN proves
the person; nothing else is asked or changed.

Nothing answered before the code says whether a number is enrolled."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from amparo.alerts import credentials, enrolment
from amparo.alerts.models import Device, Language, PhoneCheck, Registrant
from amparo.alerts.system import acting_for, ciam
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.crypto import blind_index
from amparo.core.text import clean_text
from amparo.network.jurisdiction import Place
from amparo.network.models import Office
from amparo.network.selectors import office_covering_place
from amparo.notifications.models import ChannelKind
from amparo.notifications.services import Address, notify
from amparo.people.services import person_create

CODE_MINUTES = 10
MAX_ATTEMPTS = 5
CODES_PER_HOUR = 3  # per phone number: an SMS costs money and may wake someone
KIND = "alert_enrolment_code"


class TooManyCodesError(Exception):
    """This number was sent CODES_PER_HOUR codes in the last hour."""


@dataclass(frozen=True)
class Profile:
    """What someone enrolling themselves tells about themselves."""

    given_names: str
    first_surname: str
    second_surname: str = ""
    date_of_birth: date | None = None
    home_zip: str = ""
    home_state: str = ""
    home_county: str = ""


def phone_check_start(*, phone: str, language: str = Language.SPANISH) -> str:
    """Send a code to `phone`; returns the request's token, which the web app keeps."""
    number = enrolment.checked_phone(phone, "phone", required=True)
    if language not in Language.values:
        raise ValidationError({"language": _("Idioma no válido.")})
    now = timezone.now()
    recent = PhoneCheck.objects.filter(
        phone_index=blind_index(number, "digits"),
        created_at__gt=now - timedelta(hours=1),
    )
    if recent.count() >= CODES_PER_HOUR:
        raise TooManyCodesError
    token, code = credentials.new_token(), credentials.new_code()
    with transaction.atomic():
        check = PhoneCheck.objects.create(
            phone=number, language=language, token_hash=credentials.digest(token),
            code_hash=credentials.digest(code), created_at=now,
            expires_at=now + timedelta(minutes=CODE_MINUTES),
        )  # fmt: skip
        audit_record(actor=None, action=Action.CREATE, target=check, reason="sms code")
        with translation.override(language):
            text = _("Amparo: su código para el botón de alerta es %(code)s. No lo comparta.")
        sender = ciam() or Office.objects.order_by("pk").first()
        if sender is None:
            raise ValidationError(_("No hay una representación que envíe el código."))
        notify(recipients=[Address(phone_e164=number)], subject=text % {"code": code}, body="",
               kind=KIND, office=sender, channels=[ChannelKind.SMS])  # fmt: skip
    return token


def _spend(token: str, code: str) -> PhoneCheck:
    """The check behind `token` if `code` is right; a wrong code counts against it."""
    with transaction.atomic():
        check = (
            PhoneCheck.objects.select_for_update()
            .filter(token_hash=credentials.digest(token or ""), used_at=None)
            .first()
        )
        right = False
        if (
            check is not None
            and check.expires_at > timezone.now()
            and (check.attempts < MAX_ATTEMPTS)
        ):
            right = credentials.matches((code or "").strip(), check.code_hash)
            if not right:
                check.attempts += 1
                check.save(update_fields=["attempts"])
    if check is None or not right:
        raise ValidationError({"code": _("El código no es válido o ya venció.")})
    return check


def _home_office(profile: Profile) -> Office:
    home = Place(state=profile.home_state.strip().upper(), county=profile.home_county.strip(),
                 zip_code=profile.home_zip.strip(), country="")  # fmt: skip
    covering = office_covering_place(home)
    if covering is None or not covering.office.can_hold_jurisdiction:
        raise ValidationError({"home_zip": _(
            "No encontramos el consulado de su domicilio. Revise el código postal o acuda a "
            "su consulado."
        )})  # fmt: skip
    return covering.office


def _mark_used(check: PhoneCheck) -> None:
    if not PhoneCheck.objects.filter(pk=check.pk, used_at=None).update(used_at=timezone.now()):
        raise ValidationError({"code": _("El código no es válido o ya venció.")})


def self_enrol(
    *, token: str, code: str, profile: Profile | None, pin: str, duress_pin: str = "",
    contacts: list[enrolment.ContactIn] | None = None, notice_accepted: bool = False,
    label: str = "",
) -> tuple[Device, str, bool]:  # fmt: skip
    """(the phone's device, its credential, whether this re-activated an enrolment).
    Everything in one transaction: a refusal leaves no person, enrolment or phone."""
    check = _spend(token, code)
    existing = (
        Registrant.objects.filter(phone_index=check.phone_index, ended_at=None)
        .order_by("-enrolled_at")
        .first()
    )
    if existing is not None:
        return _reactivate(check, existing, pin, label)
    if profile is None:
        raise ValidationError({"given_names": _("Indique su nombre.")})
    office = _home_office(profile)
    actor = acting_for(office)
    with transaction.atomic():
        _mark_used(check)
        person = person_create(
            actor=actor, office=office, given_names=clean_text(
                profile.given_names, "given_names", required=True, limit=120),
            first_surname=clean_text(profile.first_surname, "first_surname", required=True,
                                     limit=120),
            second_surname=clean_text(profile.second_surname, "second_surname", required=False,
                                      limit=120),
            date_of_birth=profile.date_of_birth, phone=check.phone,
        )  # fmt: skip
        registrant = enrolment.registrant_enrol(
            actor=actor, person=person, phone=check.phone, pin=pin, duress_pin=duress_pin,
            language=check.language, contacts=contacts or [], notice_accepted=notice_accepted,
            home={"state": profile.home_state, "county": profile.home_county,
                  "zip": profile.home_zip},
            self_enrolled=True,
        )  # fmt: skip
        device, credential = enrolment.device_add(registrant, label=label, reason="self-enrolled")
    return device, credential, False


def _reactivate(
    check: PhoneCheck, registrant: Registrant, pin: str, label: str
) -> tuple[Device, str, bool]:
    if enrolment.pin_kind(registrant, pin) != "pin":
        with transaction.atomic():
            PhoneCheck.objects.filter(pk=check.pk).update(attempts=check.attempts + 1)
        raise ValidationError({"pin": _("PIN incorrecto.")})
    with transaction.atomic():
        _mark_used(check)
        device, credential = enrolment.device_add(registrant, label=label, reason="reactivated")
    return device, credential, True
