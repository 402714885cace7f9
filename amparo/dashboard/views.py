from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from amparo.accounts.actor import acting
from amparo.accounts.models import Role
from amparo.cases.models import Case
from amparo.dashboard.search import find_anything
from amparo.dashboard.selectors import network_summary, office_summary, recent_refusals
from amparo.notifications.permissions import can_manage_roster


def home(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    context = {
        "office_summary": office_summary(actor),
        "network_summary": network_summary(actor) if actor.is_central else None,
        "show_audit": actor.has_role(Role.AUDITOR),
        "refused": recent_refusals(actor) if actor.has_role(Role.AUDITOR) else [],
        "show_hotline": actor.has_role(Role.HOTLINE_OPERATOR),
        "can_manage_roster": can_manage_roster(actor, actor.office),
    }
    return render(request, "dashboard/home.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """The header's search: a folio or call number found alone opens its page."""
    actor = acting(request)
    query = request.GET.get("q", "")
    found = find_anything(actor, query)
    only = found.only
    if only is not None:
        target = "cases:detail" if isinstance(only, Case) else "hotline:call_detail"
        return redirect(target, only.pk)
    return render(request, "dashboard/search.html", {"query": query, "found": found})
