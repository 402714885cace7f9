"""Sign-in (password, then TOTP), enrollment, sign-out and the office switcher."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from axes.helpers import get_lockout_response
from django.contrib.auth import authenticate
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from amparo.accounts import sign_in
from amparo.accounts.actor import ACTIVE_MEMBERSHIP_SESSION_KEY, acting, active_memberships
from amparo.accounts.forms import LoginForm, TokenForm
from amparo.accounts.models import User
from amparo.accounts.services import second_factor_confirm
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.redirects import next_path


def _next_url(request: HttpRequest) -> str:
    return next_path(request, "dashboard:home")


def _redirect_keeping_next(request: HttpRequest, url_name: str) -> HttpResponseRedirect:
    url = reverse(url_name)
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return redirect(url)


def _locked_out(request: HttpRequest, user: User) -> HttpResponse:
    return get_lockout_response(request, None, {"username": user.get_username()})


def _is_signed_in(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated and request.user.is_verified())  # type: ignore[union-attr,attr-defined]


@login_not_required
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if _is_signed_in(request):
        return redirect(_next_url(request))
    form = LoginForm(request.POST or None)
    if request.method == "POST" and sign_in.is_address_locked_out(request):
        sign_in.password_failed(request, form.data.get("username", ""), address_locked=True)
        return get_lockout_response(request, None, {})
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is None:
            sign_in.password_failed(request, username)
            form.add_error(None, _("Usuario o contraseña incorrectos."))
        else:
            if request.user.is_authenticated:
                auth_logout(request)  # a half-signed-in session never carries over
            sign_in.pending_start(request, user)  # type: ignore[arg-type]
            has_device = bool(sign_in.confirmed_devices(user))  # type: ignore[arg-type]
            return _redirect_keeping_next(
                request, "accounts:second_factor" if has_device else "accounts:enroll"
            )
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
        status=status,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    if _is_signed_in(request):
        return redirect(_next_url(request))
    user = sign_in.pending_user(request)
    if user is None:
        if request.user.is_authenticated:
            auth_logout(request)  # signed in without a valid device: start over
        return _redirect_keeping_next(request, "accounts:login")
    devices = sign_in.confirmed_devices(user)
    if not devices:
        return _redirect_keeping_next(request, "accounts:enroll")
    if sign_in.is_locked_out(request, user) or sign_in.is_address_locked_out(request):
        return _locked_out(request, user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = sign_in.token_verify(user, devices, form.cleaned_data["otp_token"])
        if device is not None:
            sign_in.sign_in_complete(request, user, device)
            return redirect(_next_url(request))
        sign_in.token_failed(request, user)
        form.add_error(None, _("Código incorrecto o vencido. Espere al siguiente código."))
    return render(
        request,
        "accounts/second_factor.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
        status=400 if form.errors else 200,
    )


def _enrollment_device(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Amparo", confirmed=False)
    return device


@login_not_required
@require_http_methods(["GET", "POST"])
def enroll(request: HttpRequest) -> HttpResponse:
    if _is_signed_in(request):
        return redirect(_next_url(request))
    user = sign_in.pending_user(request)
    if user is None:
        return _redirect_keeping_next(request, "accounts:login")
    if sign_in.confirmed_devices(user):
        return _redirect_keeping_next(request, "accounts:second_factor")
    if sign_in.is_locked_out(request, user) or sign_in.is_address_locked_out(request):
        return _locked_out(request, user)
    device = _enrollment_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified = sign_in.token_verify(user, [device], form.cleaned_data["otp_token"])
        if verified is not None:
            second_factor_confirm(device=device)
            sign_in.sign_in_complete(request, user, device)
            return redirect(_next_url(request))
        sign_in.token_failed(request, user)
        form.add_error(
            None, _("El código no coincide. Revise que la hora de su teléfono sea correcta.")
        )
    context = {
        "form": form,
        "next": request.POST.get("next") or request.GET.get("next", ""),
        "qr_data_uri": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
        "secret": b32encode(device.bin_key).decode(),
    }
    return render(request, "accounts/enroll.html", context, status=400 if form.errors else 200)


@login_not_required  # a user without membership or second factor must be able to leave too
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit_record(
            actor=getattr(request, "actor", None),
            user=request.user,
            action=Action.LOGOUT,
        )
    auth_logout(request)
    return redirect("accounts:login")


@require_POST
def switch_membership(request: HttpRequest) -> HttpResponse:
    chosen = request.POST.get("membership", "")
    memberships = active_memberships(acting(request).user)
    membership = next((m for m in memberships if str(m.pk) == chosen), None)
    if membership is None:
        raise Http404
    request.session[ACTIVE_MEMBERSHIP_SESSION_KEY] = membership.pk
    return redirect(_next_url(request))
