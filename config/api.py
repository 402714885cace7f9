"""The JSON API (/api/v1/). One router per app; every route requires a verified staff
session with an active membership unless it says otherwise."""

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied
from django.core.exceptions import ValidationError as RuleError
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import SessionAuth

from amparo.accounts.actor import Actor
from amparo.core.error_pages import database_unavailable
from config.parsers import StorableTextParser

logger = logging.getLogger("amparo.api")


class ActorSessionAuth(SessionAuth):
    """Session cookie + passed second factor + active membership; yields the Actor."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Actor | None:
        user = super().authenticate(request, key)
        if user is None or not user.is_verified():
            return None
        return getattr(request, "actor", None)


def staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The schema and the docs page are for signed-in staff (docs/decisions.md)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request, "actor", None) is None:
            return JsonResponse({"detail": _("Se requiere iniciar sesión.")}, status=401)
        return view(request, *args, **kwargs)

    return wrapper


api = NinjaAPI(
    title="Amparo API",
    version="1",
    description="API de la red de protección consular / consular protection network API",
    auth=ActorSessionAuth(),
    urls_namespace="api",
    parser=StorableTextParser(),
    docs_decorator=staff_only,
)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: Exception) -> Any:
    return api.create_response(request, {"detail": _("Se requiere iniciar sesión.")}, status=401)


@api.exception_handler(ValidationError)
def on_invalid(request: HttpRequest, exc: ValidationError) -> Any:
    return api.create_response(
        request, {"detail": _("Datos no válidos."), "errors": exc.errors}, status=422
    )


@api.exception_handler(RuleError)
def on_rule_broken(request: HttpRequest, exc: RuleError) -> Any:
    """A service refused the input (Django's ValidationError): 422, like invalid input."""
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=422)


@api.exception_handler(PermissionDenied)
def on_refused(request: HttpRequest, exc: Exception) -> Any:
    return api.create_response(
        request, {"detail": _("No tiene permiso para esta operación.")}, status=403
    )


@api.exception_handler(MultiPartParserError)
@api.exception_handler(BadRequest)
def on_unreadable(request: HttpRequest, exc: Exception) -> Any:
    """A body that cannot be read as its Content-Type says (e.g. multipart without a
    boundary): the client's mistake, 400."""
    return api.create_response(
        request, {"detail": _("No se pudo leer el cuerpo de la petición.")}, status=400
    )


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> Any:
    """A bug: logged with its traceback, answered as JSON like every other API error."""
    logger.exception("Unexpected error in %s %s", request.method, request.path)
    return api.create_response(request, {"detail": _("Error interno.")}, status=500)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def on_database_unavailable(request: HttpRequest, exc: Exception) -> Any:
    """The database does not answer: 503 and Retry-After, never a 2xx or a bare 500."""
    logger.warning("Database unavailable in %s %s: %s", request.method, request.path,
                   type(exc).__name__)  # fmt: skip
    return database_unavailable(request)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Exception) -> Any:
    """Missing and hidden records answer the same way (see amparo.accounts.access)."""
    return api.create_response(request, {"detail": _("No encontrado.")}, status=404)


def _mount_routers() -> None:
    from amparo.accounts.api import router as accounts_router
    from amparo.alerts.api import router as alerts_router
    from amparo.audit.api import router as audit_router
    from amparo.cases.api import router as cases_router
    from amparo.cases.imports.api import build_router as build_case_import_router
    from amparo.dashboard.api import router as dashboard_router
    from amparo.detention.api import router as detention_router
    from amparo.guidance.api import router as guidance_router
    from amparo.hotline.api import router as hotline_router
    from amparo.legal.api import router as legal_router
    from amparo.network.api import router as network_router
    from amparo.notifications.api import router as notifications_router
    from amparo.outreach.api import router as outreach_router
    from amparo.people.api import router as people_router
    from amparo.support.api import router as support_router

    api.add_router("/network", network_router)
    api.add_router("/accounts", accounts_router)
    api.add_router("/people", people_router)
    api.add_router("/audit", audit_router)
    api.add_router("/cases/import", build_case_import_router())
    api.add_router("/cases", cases_router)
    api.add_router("/notifications", notifications_router)
    api.add_router("/hotline", hotline_router)
    api.add_router("/guidance", guidance_router)
    api.add_router("/outreach", outreach_router)
    api.add_router("/dashboard", dashboard_router)
    api.add_router("/support", support_router)
    api.add_router("/detention", detention_router)
    api.add_router("/legal", legal_router)
    api.add_router("/alerts", alerts_router)


_mount_routers()
