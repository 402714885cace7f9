"""The two-step sign-in. After the password the session only remembers a *pending* user;
Django's login happens once the second factor passes, so until then the request stays
anonymous for every other page and for the API."""

import time
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from amparo.accounts.actor import resolve_actor
from amparo.accounts.models import User
from amparo.audit.models import Action, Outcome
from amparo.audit.services import audit_record

PENDING_USER_SESSION_KEY = "amparo_pending_user"
PENDING_MAX_AGE_SECONDS = 5 * 60
PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"  # noqa: S105 - a class path


def pending_start(request: HttpRequest, user: User) -> None:
    """Remember that `user` passed the password (new session key against fixation)."""
    request.session.cycle_key()
    request.session[PENDING_USER_SESSION_KEY] = {"id": user.pk, "at": time.time()}


def pending_clear(request: HttpRequest) -> None:
    request.session.pop(PENDING_USER_SESSION_KEY, None)


def pending_user(request: HttpRequest) -> User | None:
    """The user who passed the password in this session in the last few minutes."""
    pending = request.session.get(PENDING_USER_SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    if time.time() - float(pending.get("at", 0)) > PENDING_MAX_AGE_SECONDS:
        pending_clear(request)
        return None
    user_id = pending.get("id")
    if not isinstance(user_id, int):
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def confirmed_devices(user: User) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.devices_for_user(user, confirmed=True))


def is_locked_out(request: HttpRequest, user: User) -> bool:
    return not AxesProxyHandler.is_allowed(request, {"username": user.get_username()})


def is_address_locked_out(request: HttpRequest) -> bool:
    """Too many failures from this address in the cool-off hour, whatever account or
    User-Agent they named: axes counts per account and per address + User-Agent, and the
    client chooses its User-Agent, so spraying one password over many accounts needs this."""
    address = get_client_ip_address(request)
    if not address:
        return False
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    failures = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failures or 0) >= settings.AMPARO_LOGIN_ADDRESS_FAILURE_LIMIT


def token_verify(user: User, devices: list[TOTPDevice], token: str) -> Device | None:
    """The device that accepts `token` (each token is accepted once), or None."""
    for device in devices:
        verified = verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    return None


def token_failed(request: HttpRequest, user: User) -> None:
    """A wrong second-factor code counts towards the same lockout as a wrong password."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )
    audit_record(
        actor=None,
        user=user,
        action=Action.LOGIN_FAILED,
        outcome=Outcome.DENIED,
        reason="segundo factor",
    )


def password_failed(request: HttpRequest, username: str, *, address_locked: bool = False) -> None:
    """Django already told axes; this leaves the trace (never the password) in the trail."""
    user = User.objects.filter(username=username).first()
    if address_locked:
        reason = "dirección bloqueada"
    elif user is None:
        reason = "usuario desconocido"
    elif getattr(request, "axes_locked_out", False):
        reason = "cuenta bloqueada"
    else:
        reason = "contraseña"
    audit_record(
        actor=None,
        user=user,
        action=Action.LOGIN_FAILED,
        outcome=Outcome.DENIED,
        reason=reason,
    )


def sign_in_complete(request: HttpRequest, user: User, device: Device) -> None:
    """Both factors passed: log in, bind the device to the session, audit."""
    pending_clear(request)
    auth_login(request, user, backend=PASSWORD_BACKEND)
    otp_login(request, device)
    actor = resolve_actor(user, None)
    audit_record(actor=actor, user=user, action=Action.LOGIN)
