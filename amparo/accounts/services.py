"""Writes to staff accounts. Each one checks the actor, runs in one transaction and
appends to the access trail in that same transaction."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from amparo.accounts.actor import Actor
from amparo.accounts.models import Membership, User
from amparo.accounts.permissions import can_grant, can_manage_users, grantable_roles
from amparo.accounts.selectors import users_manageable_by
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.network.models import Office


def _require_can_grant(actor: Actor, *, role: str, office: Office) -> None:
    if not can_manage_users(actor):
        raise PermissionDenied(_("No tiene permiso para administrar usuarios."))
    if role not in grantable_roles(actor):
        raise PermissionDenied(_("No puede otorgar ese rol."))
    if not can_grant(actor, role=role, office=office):
        raise PermissionDenied(_("Solo puede otorgar membresías en su propia representación."))


def _require_manageable(actor: Actor, user: User) -> None:
    if not users_manageable_by(actor).filter(pk=user.pk).exists():
        raise PermissionDenied(_("No puede administrar a esta persona."))


def user_create(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    office: Office,
    role: str,
    actor: Actor,
) -> User:
    """A new user with a first membership. The second factor is enrolled at first sign-in."""
    _require_can_grant(actor, role=role, office=office)
    with transaction.atomic():
        user = User(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            must_change_password=True,  # the manager knows it: the user replaces it at sign-in
        )
        user.full_clean(exclude=["password"])
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        user.set_password(password)
        user.save()
        membership = Membership(user=user, office=office, role=role)
        membership.full_clean()
        membership.save()
        audit_record(actor=actor, action=Action.CREATE, target=user)
        audit_record(actor=actor, action=Action.CREATE, target=membership)
    return user


def membership_add(*, user: User, office: Office, role: str, actor: Actor) -> Membership:
    """Grant `role` in `office`; a deactivated identical membership is reactivated."""
    _require_can_grant(actor, role=role, office=office)
    _require_manageable(actor, user)
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .filter(user=user, office=office, role=role)
            .first()
        )
        if membership is not None and membership.is_active:
            raise ValidationError(_("La persona ya tiene ese rol en esa representación."))
        if membership is None:
            membership = Membership(user=user, office=office, role=role)
            membership.full_clean()
            membership.save()
            action = Action.CREATE
        else:
            membership.is_active = True
            membership.save(update_fields=["is_active"])
            action = Action.UPDATE
        audit_record(actor=actor, action=action, target=membership)
    return membership


def membership_deactivate(*, membership: Membership, actor: Actor) -> Membership:
    """End a membership (kept for the record). Nobody ends the membership they act under."""
    _require_can_grant(actor, role=membership.role, office=membership.office)
    if membership.pk == actor.membership.pk:
        raise PermissionDenied(_("No puede dar de baja la membresía con la que está actuando."))
    with transaction.atomic():
        if not membership.is_active:
            return membership
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            target=membership,
            reason="baja de membresía",
        )
    return membership


def _require_credentials_manageable(actor: Actor, user: User) -> None:
    """Someone else's credentials (password, second factor) are reset only by a manager of
    their office who may grant every role they hold, and never one's own this way."""
    _require_manageable(actor, user)
    if user.pk == actor.user.pk:
        raise PermissionDenied(
            _(
                "No puede restablecer sus propias credenciales; pídalo a otra persona administradora."
            )
        )
    allowed = set(grantable_roles(actor))
    if any(m.role not in allowed for m in Membership.objects.filter(user=user, is_active=True)):
        raise PermissionDenied(
            _("Esta persona tiene un rol que solo la administración central puede gestionar.")
        )


def second_factor_reset(*, user: User, actor: Actor) -> int:
    """Delete every second-factor device of `user`, who enrolls again at next sign-in.
    Returns how many devices were removed."""
    _require_credentials_manageable(actor, user)
    with transaction.atomic():
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            target=user,
            reason="restablecimiento de segundo factor",
        )
    return len(devices)


def password_reset_by_manager(*, user: User, password: str, actor: Actor) -> User:
    """Give `user` a temporary password (they lost theirs). Their open sessions end, and
    they must choose a new one at next sign-in."""
    _require_credentials_manageable(actor, user)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            target=user,
            reason="restablecimiento de contraseña",
        )
    return user


def second_factor_confirm(*, device: TOTPDevice) -> TOTPDevice:
    """Mark a device whose first code was verified as confirmed (enrollment)."""
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            actor=None,
            user=device.user,
            action=Action.CREATE,
            target=device,
            reason="alta de segundo factor",
        )
    return device


def password_change(*, actor: Actor, current: str, new: str) -> None:
    """The signed-in person replaces their own password: the current one must match and
    the new one pass every AUTH_PASSWORD_VALIDATORS rule. Other sessions of the account end
    (their stored hash no longer matches); the caller keeps this one with
    update_session_auth_hash."""
    user = actor.user
    if not user.check_password(current):
        raise ValidationError({"current": _("La contraseña actual no es correcta.")})
    if new == current:
        raise ValidationError({"new": _("La nueva contraseña debe ser distinta de la actual.")})
    try:
        validate_password(new, user)
    except ValidationError as error:
        raise ValidationError({"new": error.messages}) from error
    with transaction.atomic():
        user.set_password(new)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        audit_record(actor=actor, action=Action.UPDATE, target=user, reason="contraseña")
