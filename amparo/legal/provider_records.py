"""What the office keeps about a provider beyond its profile: its lawyers' bar admissions
(state or province, number, and the day the office checked the bar's public roll) and the
people it deals with there. The head of the coordinating office (or central
administration) writes them; each write in one transaction with its audit record."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.text import clean_text
from amparo.legal.models import BarAdmission, Provider, ProviderContact
from amparo.legal.permissions import may_manage
from amparo.network.areas import CA_REGIONS, US_REGIONS

BAR_REGIONS = US_REGIONS | CA_REGIONS


def _check_manager(actor: Actor, provider: Provider) -> None:
    if not may_manage(actor, provider):
        raise PermissionDenied


def _check_verified_on(actor: Actor, verified_on: date | None) -> None:
    if verified_on is not None and verified_on > actor.office.local_today():
        raise ValidationError({"verified_on": _("La verificación no puede tener fecha futura.")})


def bar_admission_add(
    *, actor: Actor, provider: Provider, lawyer_name: str, region: str, number: str,
    verified_on: date | None = None,
) -> BarAdmission:  # fmt: skip
    _check_manager(actor, provider)
    region = (region or "").strip().upper()
    if region not in BAR_REGIONS:
        raise ValidationError(
            {"region": _("Indique un estado de EE. UU. o una provincia de Canadá (p. ej. CA, TX, ON).")}
        )  # fmt: skip
    admission = BarAdmission(
        provider=provider, region=region,
        lawyer_name=clean_text(lawyer_name, "lawyer_name", required=True, limit=160),
        number=clean_text(number, "number", required=True, limit=40),
    )  # fmt: skip
    _check_verified_on(actor, verified_on)
    if verified_on is not None:
        admission.verified_on, admission.verified_by = verified_on, actor.user
    try:
        with transaction.atomic():
            admission.save()
            audit_record(actor=actor, action=Action.CREATE, target=admission)
    except IntegrityError as error:  # legal_bar_admission_once
        raise ValidationError({"number": _("Esa colegiación ya está registrada.")}) from error
    return admission


def bar_admission_verify(
    *, actor: Actor, admission: BarAdmission, verified_on: date
) -> BarAdmission:
    """Record the day the office found the admission in the bar's public roll."""
    _check_manager(actor, admission.provider)
    _check_verified_on(actor, verified_on)
    with transaction.atomic():
        admission.verified_on, admission.verified_by = verified_on, actor.user
        admission.save(update_fields=["verified_on", "verified_by"])
        audit_record(actor=actor, action=Action.UPDATE, target=admission, reason="verified")
    return admission


def bar_admission_remove(*, actor: Actor, admission: BarAdmission) -> None:
    _check_manager(actor, admission.provider)
    with transaction.atomic():
        audit_record(actor=actor, action=Action.DELETE, target=admission)
        admission.delete()


def contact_add(
    *, actor: Actor, provider: Provider, name: str, role: str = "", phone: str = "",
    email: str = "",
) -> ProviderContact:  # fmt: skip
    _check_manager(actor, provider)
    contact = ProviderContact(
        provider=provider, name=clean_text(name, "name", required=True, limit=160),
        role=clean_text(role, "role", required=False, limit=120),
        phone=clean_text(phone, "phone", required=False, limit=40),
        email=clean_text(email, "email", required=False, limit=254),
    )  # fmt: skip
    if not contact.phone and not contact.email:
        raise ValidationError({"phone": _("Indique un teléfono o un correo electrónico.")})
    if contact.email:
        try:
            validate_email(contact.email)
        except ValidationError as error:
            raise ValidationError({"email": _("Correo electrónico no válido.")}) from error
    with transaction.atomic():
        contact.save()
        audit_record(actor=actor, action=Action.CREATE, target=contact)
    return contact


def contact_remove(*, actor: Actor, contact: ProviderContact) -> None:
    _check_manager(actor, contact.provider)
    with transaction.atomic():
        audit_record(actor=actor, action=Action.DELETE, target=contact)
        contact.delete()
