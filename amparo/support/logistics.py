"""The logistics of a repatriation, as a checklist with dates: for a medical repatriation the
hospital abroad, the escort, the flight, the receiving hospital and the state's health
contact; for remains the funeral home, the permits, the consular certificate, the transport
and the family receiving them in Mexico. Each item recorded is a line of the case's
timeline, so the case tells the whole story."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.access import may_write
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core import clock
from amparo.core.text import clean_text
from amparo.support.committee import on_timeline
from amparo.support.models import (
    LOGISTICS_STEPS,
    LogisticsItem,
    LogisticsStep,
    RequestStatus,
    SupportRequest,
)


@dataclass(frozen=True)
class ChecklistLine:
    step: str
    label: str
    item: LogisticsItem | None


def checklist(request: SupportRequest) -> list[ChecklistLine]:
    """The request's checklist in working order, each step with what was recorded (if any);
    empty for a request that is not a repatriation."""
    recorded = {item.step: item for item in request.logistics.all()}
    return [
        ChecklistLine(step, str(LogisticsStep(step).label), recorded.get(step))
        for step in LOGISTICS_STEPS.get(request.kind, ())
    ]


def logistics_record(
    *, actor: Actor, request: SupportRequest, step: str, done_on: date, detail: str = ""
) -> LogisticsItem:
    """Record (or correct) one item of the repatriation's checklist."""
    if not may_write(actor, request):
        raise PermissionDenied
    if step not in LOGISTICS_STEPS.get(request.kind, ()):
        raise ValidationError({"step": _("Ese paso no es de la logística de esta solicitud.")})
    if request.status == RequestStatus.REJECTED:
        raise ValidationError({"status": _("La solicitud fue rechazada.")})
    if not isinstance(done_on, date):
        raise ValidationError({"done_on": _("Indique la fecha.")})
    # "Today" is the office's: it may still be yesterday there, or already tomorrow.
    if done_on > request.office.local_today():
        raise ValidationError({"done_on": _("La fecha no puede estar en el futuro.")})
    detail = clean_text(detail, "detail", required=False, limit=240)
    with transaction.atomic():
        item, created = LogisticsItem.objects.update_or_create(
            request=request, step=step,
            defaults={"done_on": done_on, "detail": detail, "recorded_by": actor.user,
                      "recorded_at": clock.now()},
        )  # fmt: skip
        audit_record(actor=actor, action=Action.CREATE if created else Action.UPDATE, target=item)
        on_timeline(
            actor, request, "logistics", item=step, done_on=done_on.isoformat(), detail=detail
        )
    return item
