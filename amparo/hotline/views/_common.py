"""Helpers shared by the hotline pages."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from amparo.accounts.actor import acting

type View = Callable[..., HttpResponse]


def office_time(view: View) -> View:
    """Show and read times in the acting office's time zone (the CIAM works in Tucson)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = acting(request)
        zone = ZoneInfo(actor.office.time_zone) if actor is not None else None
        with timezone.override(zone):
            return view(request, *args, **kwargs)

    return wrapped


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
