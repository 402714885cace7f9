from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from amparo.accounts.actor import Actor, acting
from amparo.accounts.models import Role
from amparo.cases.models import Case
from amparo.core.charts import Chart
from amparo.dashboard.charts import (
    acknowledgement_times,
    calls_per_hour,
    caseload_by_matter,
    chart_year,
)
from amparo.dashboard.search import find_anything
from amparo.dashboard.selectors import network_summary, office_summary, recent_refusals
from amparo.dashboard.work import work_for
from amparo.hotline.selectors import live_figures
from amparo.notifications.permissions import can_manage_roster


def home(request: HttpRequest) -> HttpResponse:
    """The start page: each role sees its own work first (dashboard.work), then figures."""
    actor = acting(request)
    work = work_for(actor)
    context: dict[str, Any] = {
        "office_summary": office_summary(actor),
        "network_summary": network_summary(actor) if actor.is_central else None,
        "show_audit": actor.has_role(Role.AUDITOR),
        "refused": recent_refusals(actor) if actor.has_role(Role.AUDITOR) else [],
        "show_hotline": actor.has_role(Role.HOTLINE_OPERATOR),
        "can_manage_roster": can_manage_roster(actor, actor.office),
        "officer_work": work.officer,
        "head_work": work.head,
        "operator_work": work.operator,
        "live": live_figures(actor.office) if work.operator else None,
        # Central roles and heads of a consulate look at figures; others at their queues.
        "charts": start_page_charts(actor) if actor.is_central or work.head else [],
    }
    return render(request, "dashboard/home.html", context)


def start_page_charts(actor: Actor) -> list[Chart]:
    year = chart_year(actor)
    if year is None:
        return []
    charts = [caseload_by_matter(actor, year), acknowledgement_times(actor, year)]
    calls = calls_per_hour(actor, year)
    return [*charts, calls] if calls else charts


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """The header's search: a folio or call number found alone opens its page."""
    actor = acting(request)
    query = request.GET.get("q", "")
    if actor.has_role(Role.AUDITOR):  # auditors read no records: they ask the trail
        return redirect(f"{reverse('audit:lookup')}?{urlencode({'q': query})}")
    found = find_anything(actor, query)
    only = found.only
    if only is not None:
        target = "cases:detail" if isinstance(only, Case) else "hotline:call_detail"
        return redirect(target, only.pk)
    return render(request, "dashboard/search.html", {"query": query, "found": found})
