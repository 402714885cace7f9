"""The on-duty roster and staff phone numbers."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.accounts.models import Membership, User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.network.models import Office
from amparo.notifications.models import OnDutyShift, StaffContact
from amparo.notifications.permissions import ON_DUTY_ROLES, can_manage_roster

LONGEST_SHIFT = timedelta(days=7)


def shift_schedule(
    *,
    office: Office,
    user: User,
    starts_at: datetime,
    ends_at: datetime,
    actor: Actor,
) -> OnDutyShift:
    """Put `user` on duty for `office`. Heads schedule their own office; central
    administration any office. The user must be active staff of that office."""
    if not can_manage_roster(actor, office):
        raise PermissionDenied
    if ends_at <= starts_at:
        raise ValidationError(_("La guardia debe terminar después de comenzar."))
    if ends_at - starts_at > LONGEST_SHIFT:
        raise ValidationError(_("Una guardia no puede durar más de 7 días."))
    if ends_at <= timezone.now():
        raise ValidationError(_("La guardia ya terminó; indique fechas futuras."))
    is_staff_there = Membership.objects.filter(
        user=user, office=office, is_active=True, role__in=ON_DUTY_ROLES, user__is_active=True
    ).exists()
    if not is_staff_there:
        raise ValidationError(_("Esa persona no forma parte del personal de la representación."))
    with transaction.atomic():
        shift = OnDutyShift(
            office=office, user=user, starts_at=starts_at, ends_at=ends_at, created_by=actor.user
        )
        shift.full_clean()
        shift.save()
        audit_record(actor=actor, action=Action.CREATE, target=shift)
    return shift


def shift_cancel(*, shift: OnDutyShift, actor: Actor) -> OnDutyShift:
    """Cancel a shift (kept as history). Same permission as scheduling it."""
    if not can_manage_roster(actor, shift.office):
        raise PermissionDenied
    with transaction.atomic():
        current = OnDutyShift.objects.select_for_update().get(pk=shift.pk)
        if current.cancelled_at is not None:
            return current
        current.cancelled_at = timezone.now()
        current.cancelled_by = actor.user
        current.save(update_fields=["cancelled_at", "cancelled_by"])
        audit_record(actor=actor, action=Action.UPDATE, target=current)
    return current


def staff_contact_set(*, phone_e164: str, actor: Actor) -> StaffContact | None:
    """Set (or, with an empty value, remove) the actor's own mobile for urgent SMS."""
    phone = phone_e164.strip().replace(" ", "").replace("-", "")
    with transaction.atomic():
        if not phone:
            StaffContact.objects.filter(user=actor.user).delete()
            contact = None
        else:
            contact = StaffContact.objects.filter(user=actor.user).first() or StaffContact(
                user=actor.user
            )
            contact.phone_e164 = phone
            contact.full_clean()
            contact.save()
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            target_type="notifications.staffcontact",
            target_id=actor.user.pk,
        )
    return contact
