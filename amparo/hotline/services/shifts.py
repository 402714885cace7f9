"""Setting up the three shifts of a CIAM office."""

from collections.abc import Iterable
from datetime import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.accounts.models import Role, User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.hotline.models import DEFAULT_SHIFT_TIMES, HotlineShift, ShiftKind
from amparo.hotline.permissions import can_configure_shifts
from amparo.network.models import Office, OfficeKind


def shifts_ensure(office: Office) -> list[HotlineShift]:
    """The office's three shifts, created with the default times the first time."""
    if office.kind != OfficeKind.CONTACT_CENTER:
        return []
    for kind, (starts_at, ends_at) in DEFAULT_SHIFT_TIMES.items():
        HotlineShift.objects.get_or_create(
            office=office, kind=kind, defaults={"starts_at": starts_at, "ends_at": ends_at}
        )
    return list(HotlineShift.objects.filter(office=office).order_by("starts_at"))


def shift_configure(
    *,
    actor: Actor,
    office: Office,
    kind: str,
    starts_at: time,
    ends_at: time,
    operators: Iterable[User],
) -> HotlineShift:
    """Change a shift's times and who works it. The three shifts must still cover the
    day without overlapping (each one starts when the one before it ends)."""
    if not can_configure_shifts(actor, office.pk):
        raise PermissionDenied
    if kind not in ShiftKind.values:
        raise ValidationError({"kind": _("Turno no válido.")})
    if starts_at == ends_at:
        raise ValidationError({"ends_at": _("El turno no puede empezar y terminar igual.")})
    chosen = list(operators)
    outsiders = [
        user
        for user in chosen
        if not user.memberships.filter(
            office=office, role=Role.HOTLINE_OPERATOR, is_active=True
        ).exists()
    ]
    if outsiders:
        raise ValidationError({"operators": _("Solo operadores de este CIAM.")})
    with transaction.atomic():
        shifts = {shift.kind: shift for shift in shifts_ensure(office)}
        shift = shifts[kind]
        shift.starts_at, shift.ends_at = starts_at, ends_at
        _check_day_is_covered(list(shifts.values()))
        shift.save(update_fields=["starts_at", "ends_at"])
        shift.operators.set(chosen)
        audit_record(actor=actor, action=Action.UPDATE, target=shift)
    return shift


def _check_day_is_covered(shifts: list[HotlineShift]) -> None:
    starts = sorted(shift.starts_at for shift in shifts)
    ends = sorted(shift.ends_at for shift in shifts)
    if starts != ends or len(set(starts)) != len(starts):
        raise ValidationError(
            {
                "starts_at": _(
                    "Los tres turnos deben cubrir las 24 horas: cada uno empieza cuando "
                    "termina el anterior."
                )
            }
        )
