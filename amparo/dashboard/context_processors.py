from typing import Any

from django.http import HttpRequest

from amparo.dashboard.navigation import links_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The header's navigation links for the acting membership (none when signed out)."""
    current = getattr(request, "actor", None)
    if current is None:
        return {"nav_links": []}
    return {"nav_links": links_for(current, getattr(request, "resolver_match", None))}
