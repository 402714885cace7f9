"""Changing one's own password (signed in, with the second factor passed)."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from amparo.accounts import services
from amparo.accounts.actor import acting
from amparo.accounts.forms import PasswordChangeForm
from amparo.core.forms import apply_service_errors


@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(
                actor=acting(request),
                current=form.cleaned_data["current"],
                new=form.cleaned_data["new"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
            messages.success(request, _("Contraseña cambiada. Sus otras sesiones se cerraron."))
            return redirect("dashboard:home")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "must_change": request.user.must_change_password},  # type: ignore[union-attr]
        status=400 if form.errors else 200,
    )
