"""Appending to the access trail. Call these inside the same transaction as the write
they describe, so a rolled-back change leaves no trace and a committed one always does."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from amparo.accounts.access import bulk_read_needs_reason, is_scoped, owner_office_id
from amparo.accounts.actor import Actor
from amparo.audit.models import AccessRecord, Action, Outcome
from amparo.audit.origin import current_origin


def _target_office_id(target: models.Model | None) -> int | None:
    if target is None or not is_scoped(target.__class__):  # __class__: lazy objects too
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
    if actor is not None and actor.delegations:
        # Written under a grant in another office (access.delegate): say which.
        grants = ", ".join(f"{d.grant} {d.office_id}" for d in actor.delegations)
        reason = f"{reason} ({grants})" if reason else grants
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


def audit_denied_access(
    *, actor: Actor | None, target: models.Model, write: bool, **_: Any
) -> AccessRecord:
    """Receiver of access.access_denied: the checkpoint refused a hidden record."""
    return audit_denied(actor=actor, target=target, write=write)


def audit_bulk_read(*, actor: Actor, target_type: str, reason: str) -> AccessRecord:
    """A page of personal data read through the API (a list, not one record). Access
    rule 3: a central analyst must say why, like for an export; the reason is kept."""
    reason = " ".join((reason or "").split())
    if bulk_read_needs_reason(actor) and not reason:
        raise ValidationError(
            {
                "reason": _(
                    "Indique el motivo de la consulta: la lista incluye datos personales y su "
                    "rol exige justificarla."
                )
            }
        )
    return audit_record(actor=actor, action=Action.LIST, target_type=target_type, reason=reason)
