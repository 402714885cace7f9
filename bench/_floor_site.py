"""The project's URLs plus /bench/floor/: the cheapest signed-in answer (same middleware as
every page: session, user, TOTP device, memberships; then a tiny JSON body)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from config.urls import urlpatterns as project_urls


def floor(request: HttpRequest) -> HttpResponse:
    if getattr(request, "actor", None) is None:
        return HttpResponse(status=401)
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/floor/", floor), *project_urls]
