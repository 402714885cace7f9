"""Helpers shared by the case services: the write check and the timeline + audit pair."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import may_write_office
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case, CaseEvent, EventKind
from amparo.core import clock


def require_write(actor: Actor, office_id: int) -> None:
    if not may_write_office(actor, office_id):
        raise PermissionDenied


def record_event(
    *,
    case: Case,
    kind: EventKind,
    actor: Actor,
    payload: dict[str, Any] | None = None,
    text: str = "",
    audit_action: Action = Action.UPDATE,
) -> CaseEvent:
    """Append a timeline row and its access record. Call inside the write's transaction."""
    event = CaseEvent.objects.create(
        case=case, kind=kind, actor=actor.user, at=clock.now(), payload=payload or {}, text=text
    )
    audit_record(actor=actor, action=audit_action, target=case, reason=kind)
    return event


def user_ref(user: Any) -> dict[str, Any] | None:
    """How a staff member is remembered in an event payload (no national's data here)."""
    if user is None:
        return None
    return {"id": user.pk, "name": user.get_full_name() or user.username}


def not_in_future(value: datetime | date, field: str) -> None:
    now = timezone.now()
    limit: datetime | date = now if isinstance(value, datetime) else timezone.localdate(now)
    if value > limit:  # type: ignore[operator]
        raise ValidationError({field: _("La fecha no puede estar en el futuro.")})
