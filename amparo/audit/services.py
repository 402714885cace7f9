"""Appending to the access trail. Call these inside the same transaction as the write
they describe, so a rolled-back change leaves no trace and a committed one always does."""

from typing import Any

from django.db import models

from amparo.accounts.access import owner_office_id, scoped_models
from amparo.accounts.actor import Actor
from amparo.audit.models import AccessRecord, Action, Outcome
from amparo.audit.origin import current_origin


def _target_office_id(target: models.Model | None) -> int | None:
    if target is None or type(target) not in scoped_models():
        return None
    return owner_office_id(target)


def audit_record(
    *,
    actor: Actor | None,
    action: Action | str,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: Any = "",
    outcome: Outcome = Outcome.ALLOWED,
    reason: str = "",
    user: Any = None,
) -> AccessRecord:
    """Append one access record. `target` (a model instance) fills type, id and owner; the
    address and path come from the web request being served, if any (audit.origin)."""
    acting_user = actor.user if actor is not None else user
    origin = current_origin()
    if target is not None:
        target_type = target._meta.label_lower
        target_id = target.pk
    return AccessRecord.objects.create(
        user=acting_user if acting_user is not None and acting_user.pk else None,
        username=getattr(acting_user, "username", "") or "",
        role=actor.role if actor is not None else "",
        office_id=actor.office_id if actor is not None else None,
        action=action,
        target_type=target_type,
        target_id="" if target_id is None else str(target_id),
        target_office_id=_target_office_id(target),
        outcome=outcome,
        ip_address=origin.ip_address if origin is not None else None,
        path=origin.path[:255] if origin is not None else "",
        reason=reason[:255],
    )


def audit_denied(*, actor: Actor | None, target: models.Model, write: bool) -> AccessRecord:
    return audit_record(
        actor=actor,
        action=Action.UPDATE if write else Action.VIEW,
        target=target,
        outcome=Outcome.DENIED,
    )
