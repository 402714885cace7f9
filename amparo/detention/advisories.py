"""Legal advisories: about 67 a working day across the network, so recording one takes a
single short form (everything but the matter and the minutes has a default)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amparo.accounts.access import get_for_actor, may_write_office
from amparo.accounts.actor import Actor
from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.detention.models import Advisory, AdvisoryResult, Matter, Modality
from amparo.detention.services import not_after_today
from amparo.legal.directory import under_contract_on
from amparo.legal.models import Provider
from amparo.network.models import Office
from amparo.people.models import Person

MAX_MINUTES = 600
MAX_ANONYMOUS = 500
NOT_UNDER_CONTRACT = gettext_lazy(
    "Ese proveedor no tenía contrato con esta representación en esa fecha."
)


def advisory_record(
    *,
    actor: Actor,
    office: Office,
    given_on: date,
    matter: str,
    modality: str,
    minutes: int,
    result: str,
    adviser: User | None = None,
    provider: Provider | None = None,
    person: Person | None = None,
    anonymous_count: int = 0,
) -> Advisory:
    """One advisory given by the office: to `person`, or to `anonymous_count` people who
    gave no name; by a member of staff (`adviser`) or a PALE provider under contract with the
    office that day."""
    if not may_write_office(actor, office.pk):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if matter not in Matter.values:
        errors["matter"] = _("Materia no válida.")
    if modality not in Modality.values:
        errors["modality"] = _("Modalidad no válida.")
    if result not in AdvisoryResult.values:
        errors["result"] = _("Resultado no válido.")
    if type(minutes) is not int or not 0 < minutes <= MAX_MINUTES:
        errors["minutes"] = _("Los minutos deben ser un número entero entre 1 y 600.")
    if (person is None) == (not anonymous_count):
        errors["anonymous_count"] = _("Indique la persona o cuántas personas sin nombre.")
    elif anonymous_count and not 0 < anonymous_count <= MAX_ANONYMOUS:
        errors["anonymous_count"] = _("El número de personas no es válido.")
    if adviser is None and provider is None:
        errors["adviser"] = _("Indique quién asesoró: alguien del consulado o un proveedor PALE.")
    elif adviser is not None and provider is not None:
        errors["adviser"] = _("Indique a una sola persona o proveedor que asesoró.")
    elif (
        provider is not None
        and not under_contract_on(office.pk, given_on).filter(pk=provider.pk).exists()
    ):
        errors["provider"] = str(NOT_UNDER_CONTRACT)
    if errors:
        raise ValidationError(errors)
    if person is not None:
        person = get_for_actor(actor, Person.objects.all(), person.pk)
    not_after_today(given_on, office, "given_on")
    advisory = Advisory(
        office=office, given_on=given_on, adviser=adviser, provider=provider, person=person,
        anonymous_count=anonymous_count if person is None else 0, matter=matter,
        modality=modality, minutes=minutes, result=result, recorded_by=actor.user,
        recorded_at=timezone.now(),
    )  # fmt: skip
    with transaction.atomic():
        advisory.save()
        audit_record(actor=actor, action=Action.CREATE, target=advisory)
    return advisory
