"""Managing staff accounts: central administration for everyone, a head of office for
the people of their own office."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import Actor, acting
from amparo.accounts.forms import GrantForm, PasswordResetForm, UserCreateForm
from amparo.accounts.models import Membership, User
from amparo.accounts.permissions import can_manage_users
from amparo.accounts.selectors import user_for_manager, users_manageable_by
from amparo.accounts.services import (
    membership_add,
    membership_deactivate,
    password_reset_by_manager,
    second_factor_reset,
    user_create,
)
from amparo.accounts.sign_in import confirmed_devices
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.forms import apply_service_errors

View = Callable[..., HttpResponse]


def user_managers_only(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not can_manage_users(acting(request)):
            return _forbidden(
                request,
                PermissionDenied(
                    _(
                        "Solo la administración central y titulares de representación administran usuarios."
                    )
                ),
            )
        return view(request, *args, **kwargs)

    return wrapper


def _forbidden(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return render(request, "accounts/forbidden.html", {"message": str(error)}, status=403)


@require_http_methods(["GET"])
@user_managers_only
def user_list(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(users_manageable_by(actor, search=search), 50).get_page(
        request.GET.get("page")
    )
    with transaction.atomic():
        audit_record(actor=actor, action=Action.LIST, target_type="accounts.user")
    return render(request, "accounts/user_list.html", {"page": page, "search": search})


@require_http_methods(["GET", "POST"])
@user_managers_only
def create_user(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    form = UserCreateForm(request.POST or None, actor=actor)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = user_create(
                    username=data["username"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    password=data["password"],
                    office=data["office"],
                    role=data["role"],
                    actor=actor,
                )
            except PermissionDenied as error:
                return _forbidden(request, error)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request, _("Usuario creado. Configurará su segundo factor al entrar.")
                )
                return redirect("accounts:user_detail", pk=user.pk)
        status = 403 if form.is_forbidden() else 400
    return render(request, "accounts/user_form.html", {"form": form}, status=status)


def _detail_context(
    actor: Actor,
    user: User,
    form: GrantForm | None = None,
    password_form: PasswordResetForm | None = None,
) -> dict[str, object]:
    return {
        "managed_user": user,
        "memberships": user.visible_memberships,  # type: ignore[attr-defined]
        "has_second_factor": bool(confirmed_devices(user)),
        "form": form or GrantForm(actor=actor),
        "password_form": password_form or PasswordResetForm(),
        "acting_membership_id": actor.membership.pk,
    }


@require_http_methods(["GET"])
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    user = user_for_manager(actor, pk)
    with transaction.atomic():
        audit_record(actor=actor, action=Action.VIEW, target=user)
    return render(request, "accounts/user_detail.html", _detail_context(actor, user))


@require_POST
def add_membership(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    user = user_for_manager(actor, pk)
    form = GrantForm(request.POST, actor=actor)
    if form.is_valid():
        try:
            membership_add(
                user=user,
                office=form.cleaned_data["office"],
                role=form.cleaned_data["role"],
                actor=actor,
            )
        except PermissionDenied as error:
            return _forbidden(request, error)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Membresía agregada."))
            return redirect("accounts:user_detail", pk=user.pk)
    status = 403 if form.is_forbidden() else 400
    return render(
        request, "accounts/user_detail.html", _detail_context(actor, user, form), status=status
    )


@require_POST
def deactivate_membership(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    membership = get_for_actor(
        actor,
        Membership.objects.select_related("office", "user"),
        pk,
        write=True,
    )
    try:
        membership_deactivate(membership=membership, actor=actor)
    except PermissionDenied as error:
        return _forbidden(request, error)
    messages.success(request, _("Membresía dada de baja."))
    return redirect("accounts:user_detail", pk=membership.user_id)


@require_POST
def reset_second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    user = user_for_manager(actor, pk)
    try:
        second_factor_reset(user=user, actor=actor)
    except PermissionDenied as error:
        return _forbidden(request, error)
    messages.success(
        request, _("Segundo factor restablecido. La persona lo configurará de nuevo al entrar.")
    )
    return redirect("accounts:user_detail", pk=user.pk)


@require_POST
def reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    user = user_for_manager(actor, pk)
    form = PasswordResetForm(request.POST)
    if form.is_valid():
        try:
            password_reset_by_manager(
                user=user, password=form.cleaned_data["password"], actor=actor
            )
        except PermissionDenied as error:
            return _forbidden(request, error)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Contraseña temporal fijada. La persona la cambiará al entrar.")
            )
            return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request,
        "accounts/user_detail.html",
        _detail_context(actor, user, password_form=form),
        status=400,
    )
