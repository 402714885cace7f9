"""What an office needs at a glance: its facilities with the nationals held there and the
days since the last visit, those never seen or not seen in 30 days, this week's hearings
and open follow-ups by owner; and the whole "not seen" list."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.detention import calendar, selectors

PREVIEW = 10


def overview(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    today = actor.office.local_today()
    facilities = selectors.facilities_with_held(actor, today, only_holding=True, limit=50)
    not_seen = selectors.not_seen(actor, today)
    audit_record(
        actor=actor, action=Action.LIST, target_type="detention.detention", reason="overview"
    )
    context = {
        "facilities": facilities,
        "not_seen": not_seen[:PREVIEW],
        "not_seen_count": not_seen.count(),
        "hearings": selectors.hearings_between(actor, actor.office, today),
        "follow_ups": selectors.open_follow_ups(actor)[:50],
        "today": today,
        "calendar_url": request.build_absolute_uri(
            reverse("detention:calendar", args=[calendar.feed_token(actor.user)])
        ),
    }
    return render(request, "detention/overview.html", context)


def not_seen(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    today = actor.office.local_today()
    page = Paginator(selectors.not_seen(actor, today), selectors.NOT_SEEN_PAGE).get_page(
        request.GET.get("pagina")
    )
    audit_record(
        actor=actor, action=Action.LIST, target_type="detention.detention", reason="not_seen"
    )
    return render(request, "detention/not_seen.html", {"page": page, "today": today})
