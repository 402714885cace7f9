"""Attach the acting membership to each request and keep private pages private.

Every view is private unless decorated with Django's `login_not_required`. A private
view needs a signed-in user who passed the second factor and holds an active membership.
The JSON API checks the same through its own authentication class (see config/api.py).
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

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
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if not getattr(view_func, "login_required", True):
            return None
        if request.path.startswith("/api/"):
            return None  # the API answers 401 itself instead of redirecting
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
        if not user.is_verified():  # type: ignore[union-attr,attr-defined]
            return redirect("accounts:second_factor")
        if request.actor is None:  # type: ignore[attr-defined]
            return render(request, "accounts/no_membership.html", status=403)
        return None
