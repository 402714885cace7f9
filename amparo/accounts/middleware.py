"""Attach the acting membership to each request and keep private pages private.

While a signed-in request runs, the acting office's time zone is the current one: pages show
times, and forms read the times typed, in that office's local time (a record of another
office shows its own zone through the `office_time` filter, core/templatetags/local_time.py).

Every view is private unless decorated with Django's `login_not_required`. A private
view needs a signed-in user who passed the second factor and holds an active membership.
The JSON API checks the same through its own authentication class (see config/api.py).
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.actor import (
    ACTIVE_MEMBERSHIP_SESSION_KEY,
    active_memberships,
    resolve_actor,
)


class ActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = None  # type: ignore[attr-defined]
        request.memberships = []  # type: ignore[attr-defined]  # for the office switcher
        user = request.user
        if user.is_authenticated and user.is_verified():  # type: ignore[union-attr,attr-defined]
            request.memberships = active_memberships(user)  # type: ignore[attr-defined,arg-type]
            request.actor = resolve_actor(  # type: ignore[attr-defined]
                user,  # type: ignore[arg-type]
                request.session.get(ACTIVE_MEMBERSHIP_SESSION_KEY),
                request.memberships,  # type: ignore[attr-defined]
            )
        actor = request.actor  # type: ignore[attr-defined]
        with timezone.override(actor.office.zone if actor is not None else None):
            return self.get_response(request)

    def process_view(  # noqa: PLR0911 - one early answer per gate, in order
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if not getattr(view_func, "login_required", True):
            return None
        user = request.user
        if _must_change_password(request):
            return _password_change_first(request)
        if request.path.startswith("/api/"):
            return None  # the API answers 401 itself instead of redirecting
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
        if not user.is_verified():  # type: ignore[union-attr,attr-defined]
            return redirect("accounts:second_factor")
        if request.actor is None:  # type: ignore[attr-defined]
            return render(request, "accounts/no_membership.html", status=403)
        return None


PASSWORD_CHANGE_VIEW = "accounts:password_change"  # noqa: S105 - a view name


def _must_change_password(request: HttpRequest) -> bool:
    """A password someone else set (a new account, a reset) is replaced before any work."""
    user = request.user
    return bool(
        user.is_authenticated
        and getattr(user, "must_change_password", False)
        and user.is_verified()  # type: ignore[union-attr,attr-defined]
        and getattr(request.resolver_match, "view_name", "") != PASSWORD_CHANGE_VIEW
    )


def _password_change_first(request: HttpRequest) -> HttpResponse:
    message = _("Antes de continuar, cambie la contraseña que le asignaron.")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=403)
    return redirect(PASSWORD_CHANGE_VIEW)
