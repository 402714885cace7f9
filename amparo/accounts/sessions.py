"""Idle expiry without a database write on every request.

Django's SESSION_SAVE_EVERY_REQUEST rewrites the session row on each request to push the
expiry forward. Here the expiry moves only when the last push is older than
SESSION_REFRESH_SECONDS, so a session still ends between SESSION_COOKIE_AGE minus that
interval and SESSION_COOKIE_AGE after the last request, at a fraction of the writes.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

REFRESHED_AT_SESSION_KEY = "_amparo_refreshed_at"


def mark_fresh(session: SessionBase) -> None:
    """Note that the session's expiry was just pushed forward (it is about to be saved)."""
    session[REFRESHED_AT_SESSION_KEY] = int(timezone.now().timestamp())


class SlidingSessionMiddleware:
    """Place right after SessionMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if not session.is_empty():  # anonymous visitors get no session row for nothing
            now = int(timezone.now().timestamp())  # the clock session expiry uses
            if now - session.get(REFRESHED_AT_SESSION_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                mark_fresh(session)  # modified, so saved with a new expiry
        return self.get_response(request)
