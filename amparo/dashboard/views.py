from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from amparo.accounts.actor import acting
from amparo.accounts.models import Role
from amparo.dashboard.selectors import network_summary, office_summary
from amparo.notifications.permissions import can_manage_roster


def home(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    context = {
        "office_summary": office_summary(actor),
        "network_summary": network_summary(actor) if actor.is_central else None,
        "show_audit": actor.has_role(Role.AUDITOR),
        "show_hotline": actor.has_role(Role.HOTLINE_OPERATOR),
        "can_manage_roster": can_manage_roster(actor, actor.office),
    }
    return render(request, "dashboard/home.html", context)
