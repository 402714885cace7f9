"""An office's minutes to acknowledge an alert before it climbs (escalation.ack_minutes
reads them): set by the office's head, or by central administration for any office."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.access import may_write_office
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.alerts.models import OfficePolicy
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.network.models import Office

SETTERS = (Role.HEAD_OF_OFFICE, Role.CENTRAL_ADMIN)
MINUTES = range(1, 61)


def ack_minutes_set(*, actor: Actor, office: Office, minutes: int) -> OfficePolicy:
    if actor.role not in SETTERS or not may_write_office(actor, office.pk):
        raise PermissionDenied
    if type(minutes) is not int or minutes not in MINUTES:
        raise ValidationError({"minutes": _("Indique de 1 a 60 minutos.")})
    with transaction.atomic():
        policy, _created = OfficePolicy.objects.update_or_create(
            office=office, defaults={"ack_minutes": minutes}
        )
        audit_record(actor=actor, action=Action.UPDATE, target=policy, reason=str(minutes))
    return policy
