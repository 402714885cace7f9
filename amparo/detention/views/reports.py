"""The yearly report (page, CSV, XLSX) and each officer's calendar feed."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from amparo.core.yearly_report import yearly_report
from amparo.detention import calendar, reports


@require_GET
def report(request: HttpRequest, extension: str = "") -> HttpResponse:
    return yearly_report(request, extension, build=reports.report, template="detention/report.html",
                         target_type="detention.visit", filename="detencion")  # fmt: skip


@login_not_required
@require_GET
def officer_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: the token, not a session, says whose it is (see calendar.py)."""
    user = calendar.user_for_token(token)
    if user is None:
        raise Http404
    response = HttpResponse(
        calendar.officer_feed(user), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    return response
