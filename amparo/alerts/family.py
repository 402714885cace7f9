"""What the registrant's trusted contacts are told, and their status page.

Each contact gets, per alert, a link of their own; each change of status they may see
(TrustedContact.sees) is sent once, by SMS when they have a phone (and e-mail when they
have one), with the registrant's first given name only: no surname, no position. The page
behind the link asks for a one-time code sent to the contact, so a forwarded or intercepted
link alone shows nothing."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from amparo.alerts import credentials, push
from amparo.alerts.models import Alert, FamilyAccess, FamilyStatus, TrustedContact
from amparo.notifications.models import ChannelKind
from amparo.notifications.services import Address, notify

KIND = "alert_family"
REGISTRANT_KIND = "alert_registrant"
LINK_BYTES = 16  # 128 bits: a short link, so the message fits one SMS
CODE_MINUTES = 10
MAX_CODE_ATTEMPTS = 5
VERIFIED_MINUTES = 30


def _first_name(alert: Alert) -> str:
    return (alert.registrant.person.given_names.split() or ["—"])[0]


def _link(access: FamilyAccess) -> str:
    return settings.PUBLIC_URL + reverse("alerts_public:family", args=[access.token])


def _send(access: FamilyAccess, alert: Alert, text: str) -> None:
    contact = access.contact
    channels = [c for c, there in ((ChannelKind.SMS, contact.phone),
                                   (ChannelKind.EMAIL, contact.email)) if there]  # fmt: skip
    notify(recipients=[Address(email=contact.email, phone_e164=contact.phone)], subject=text,
           body="", kind=KIND, office=alert.office, related=alert, channels=channels)  # fmt: skip


def _status_text(status: str) -> str:
    """The message for `status`, in the active language (the contact's: see tell)."""
    messages = {
        FamilyStatus.RECEIVED: _("%(name)s activó su alerta. Estado: %(link)s"),
        FamilyStatus.SEEN: _("El consulado atiende a %(name)s. Estado: %(link)s"),
        FamilyStatus.HELP: _("Ayuda en camino para %(name)s. Estado: %(link)s"),
        FamilyStatus.DETAINED: _("%(name)s está detenida(o). Estado: %(link)s"),
        FamilyStatus.RELEASED: _("%(name)s fue liberada(o). Estado: %(link)s"),
        FamilyStatus.SAFE: _("%(name)s está a salvo. Estado: %(link)s"),
    }  # fmt: skip
    return messages[FamilyStatus(status)]


def tell_all(alert: Alert) -> None:
    """A new alert: a link for each contact, and "received" to those who may see it."""
    for contact in TrustedContact.objects.filter(registrant=alert.registrant):
        token = credentials.new_token(LINK_BYTES)
        FamilyAccess.objects.create(alert=alert, contact=contact, token=token,
                                    token_hash=credentials.digest(token))  # fmt: skip
    tell(alert, FamilyStatus.RECEIVED)


def tell(alert: Alert, status: str) -> None:
    """Send `status` once to each contact of the alert who may see it."""
    accesses = alert.family_accesses.select_related("contact").exclude(told=status)
    for access in accesses:
        if status not in access.contact.sees:
            continue
        with translation.override(access.contact.language):
            text = _status_text(status) % {"name": _first_name(alert), "link": _link(access)}
        _send(access, alert, text)
        access.told = status
        access.save(update_fields=["told"])


def access_for_token(token: str) -> FamilyAccess | None:
    return (
        FamilyAccess.objects.select_related("alert", "contact", "alert__registrant__person")
        .filter(token_hash=credentials.digest(token or ""))
        .first()
    )


def send_code(access: FamilyAccess) -> None:
    """A one-time code to the contact's own phone (or e-mail), valid CODE_MINUTES."""
    code = credentials.new_code()
    with transaction.atomic():
        access.code_hash = credentials.digest(code)
        access.code_expires_at = timezone.now() + timedelta(minutes=CODE_MINUTES)
        access.code_attempts = 0
        access.save(update_fields=["code_hash", "code_expires_at", "code_attempts"])
        with translation.override(access.contact.language):
            text = _("Amparo: su código es %(code)s. No lo comparta.") % {"code": code}
        _send(access, access.alert, text)


def check_code(access: FamilyAccess, code: str) -> bool:
    """True once for the right code within its minutes; five wrong tries spend it."""
    with transaction.atomic():
        current = FamilyAccess.objects.select_for_update().get(pk=access.pk)
        usable = (
            current.code_hash and current.code_expires_at is not None
            and current.code_expires_at > timezone.now()
            and current.code_attempts < MAX_CODE_ATTEMPTS
        )  # fmt: skip
        if usable and credentials.matches((code or "").strip(), current.code_hash):
            current.code_hash = ""
            current.save(update_fields=["code_hash"])
            return True
        current.code_attempts += 1
        current.save(update_fields=["code_attempts"])
        return False


def _registrant_text(status: str) -> str:
    """An SMS to the registrant's own phone: no name, no place, nothing a stranger holding
    the phone would learn from beyond what the screen shows."""
    messages = {
        FamilyStatus.RECEIVED: _("Amparo: recibimos su alerta."),
        FamilyStatus.SEEN: _("Amparo: su consulado vio su alerta."),
        FamilyStatus.HELP: _("Amparo: hay ayuda en camino."),
    }
    return messages[FamilyStatus(status)]


def tell_registrant(alert: Alert, status: str) -> None:
    """The same news as the screen, by Web Push and SMS. Never after a duress "safe": the
    phone must go on believing the alert ended."""
    registrant = alert.registrant
    if alert.shown_closed:
        return
    push.announce(alert)
    if not registrant.phone:
        return
    with translation.override(registrant.language):
        text = _registrant_text(status)
    notify(recipients=[Address(phone_e164=registrant.phone)], subject=text, body="",
           kind=REGISTRANT_KIND, office=alert.office, related=alert,
           channels=[ChannelKind.SMS])  # fmt: skip
