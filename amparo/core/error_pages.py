"""Django's 404 and 500 answers (config/urls.py handler404/handler500): an HTML page for
people, JSON for anything under /api/ (a client of the API never gets an HTML page).

A database that does not answer (stopped, restarting, out of connections) is not a bug:
503 with Retry-After, so phones and clients retry (the alert button's outbox does) and
nobody reads a 2xx for something that was not stored."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def database_unavailable(request: HttpRequest) -> HttpResponse:
    response: HttpResponse
    if request.path.startswith(API_PREFIX):
        response = JsonResponse(
            {"detail": _("Servicio no disponible por un momento. Intente de nuevo.")}, status=503
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("No encontrado.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable(request)
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("Error interno.")}, status=500)
    return defaults.server_error(request)
