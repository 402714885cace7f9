"""Where the current action came from, for the access trail: the client address and the
path of the web request being served. Middleware sets it for each request; commands and
background tasks leave it empty. Services never take the HTTP request for this."""

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True)
class Origin:
    ip_address: str | None
    path: str


_current: ContextVar[Origin | None] = ContextVar("amparo_request_origin", default=None)


def current_origin() -> Origin | None:
    return _current.get()


class RequestOriginMiddleware:
    """Remember the request's address and path (never its query string) while it is served."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        origin = Origin(ip_address=request.META.get("REMOTE_ADDR") or None, path=request.path)
        token = _current.set(origin)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
