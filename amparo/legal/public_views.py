"""The public PALE directory (no sign-in): providers under contract with each consulate,
as a page and as HSDS-shaped JSON. Organisations only; nobody's personal data."""

from datetime import date
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from amparo.legal import directory

MINISTRY_ZONE = ZoneInfo("America/Mexico_City")


def _today() -> date:
    """The ministry's day: a contract's first and last days are counted in Mexico City."""
    return timezone.localdate(timezone=MINISTRY_ZONE)


@login_not_required
@require_GET
def directory_page(request: HttpRequest) -> HttpResponse:
    office = request.GET.get("consulado", "")[:16]
    providers = directory.listed(_today(), office)
    return render(
        request, "legal/public/directory.html", {"providers": providers, "office": office}
    )


@login_not_required
@require_GET
def directory_json(request: HttpRequest) -> HttpResponse:
    office = request.GET.get("consulado", "")[:16]
    today = _today()
    return JsonResponse(directory.hsds(directory.listed(today, office), today), safe=False)
