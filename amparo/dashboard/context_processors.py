from typing import Any

from django.http import HttpRequest

from amparo.dashboard.navigation import entries_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The header's navigation entries for the acting membership (none when signed out)."""
    current = getattr(request, "actor", None)
    return {"nav_entries": entries_for(current) if current is not None else []}
