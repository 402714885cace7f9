"""The yearly report (page, CSV, XLSX) and each officer's calendar feed."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.spreadsheets import sheets_response
from amparo.detention import calendar, reports
from amparo.detention.forms import ReportForm


@require_GET
def report(request: HttpRequest, extension: str = "") -> HttpResponse:
    actor = acting(request)
    form = ReportForm(request.GET or {"anio": actor.office.local_today().year})
    if not form.is_valid():
        return render(request, "detention/report.html", {"form": form}, status=400)
    data = reports.report(actor, form.cleaned_data["anio"])
    if not extension:
        audit_record(
            actor=actor, action=Action.LIST, target_type="detention.visit", reason="report"
        )
        return render(request, "detention/report.html", {"form": form, "report": data})
    audit_record(
        actor=actor,
        action=Action.EXPORT,
        target_type="detention.visit",
        reason=f"report.{extension}",
    )
    return sheets_response(data.sheets, extension, f"detencion-{data.year}")


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
