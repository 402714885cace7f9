"""The project's URLs plus two reference answers for bench/http_concurrency.py, behind the
same middleware as every page (session, user, TOTP device, memberships):
  /bench/floor/       the cheapest signed-in answer: a tiny JSON body;
  /bench/floor/rows/  the case list's bare SQL (bench/case_list.py, first page) as JSON: the
                      data a list must fetch, with no application code around it."""

from case_list import bare_sql
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from config.urls import urlpatterns as project_urls


def floor(request: HttpRequest) -> HttpResponse:
    if getattr(request, "actor", None) is None:
        return HttpResponse(status=401)
    return JsonResponse({"ok": True})


def floor_rows(request: HttpRequest) -> HttpResponse:
    actor = getattr(request, "actor", None)
    if actor is None:
        return HttpResponse(status=401)
    query = bare_sql(actor, request.GET["status"], int(request.GET["materia"]), None)
    return JsonResponse({"rows": query()}, encoder=DjangoJSONEncoder)


urlpatterns = [
    path("bench/floor/", floor),
    path("bench/floor/rows/", floor_rows),
    *project_urls,
]
