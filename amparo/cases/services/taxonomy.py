"""Central administration edits the case catalog. Codes never change once created, so
reports stay comparable; retiring hides a subtype from new cases but keeps it on old ones."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Materia, Subtype
from amparo.cases.permissions import can_edit_taxonomy


def _require_admin(actor: Actor) -> None:
    if not can_edit_taxonomy(actor):
        raise PermissionDenied


def _clean_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not code or not code.replace("_", "").isalnum():
        raise ValidationError({"code": _("Use solo letras, números y guion bajo.")})
    return code


def materia_create(*, code: str, label: str, position: int = 0, actor: Actor) -> Materia:
    _require_admin(actor)
    materia = Materia(code=_clean_code(code), label=(label or "").strip(), position=position)
    with transaction.atomic():
        materia.full_clean()
        materia.save()
        audit_record(actor=actor, action=Action.CREATE, target=materia)
    return materia


def materia_update(*, materia: Materia, label: str, position: int, actor: Actor) -> Materia:
    _require_admin(actor)
    materia.label = (label or "").strip()
    materia.position = position
    with transaction.atomic():
        materia.full_clean()
        materia.save(update_fields=["label", "position"])
        audit_record(actor=actor, action=Action.UPDATE, target=materia)
    return materia


def subtype_create(
    *, materia: Materia, code: str, label: str, position: int = 0, actor: Actor
) -> Subtype:
    _require_admin(actor)
    subtype = Subtype(
        materia=materia, code=_clean_code(code), label=(label or "").strip(), position=position
    )
    with transaction.atomic():
        subtype.full_clean()
        subtype.save()
        audit_record(actor=actor, action=Action.CREATE, target=subtype)
    return subtype


def subtype_update(*, subtype: Subtype, label: str, position: int, actor: Actor) -> Subtype:
    _require_admin(actor)
    subtype.label = (label or "").strip()
    subtype.position = position
    with transaction.atomic():
        subtype.full_clean()
        subtype.save(update_fields=["label", "position"])
        audit_record(actor=actor, action=Action.UPDATE, target=subtype)
    return subtype


def subtype_set_retired(*, subtype: Subtype, retired: bool, actor: Actor) -> Subtype:
    """Retire (or bring back) a subtype. Cases that already use it keep it."""
    _require_admin(actor)
    if subtype.is_retired == retired:
        return subtype
    subtype.retired_at = timezone.now() if retired else None
    with transaction.atomic():
        subtype.save(update_fields=["retired_at"])
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            target=subtype,
            reason="retired" if retired else "restored",
        )
    return subtype
