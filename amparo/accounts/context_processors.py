from typing import Any

from django.http import HttpRequest

from amparo.accounts.actor import active_memberships


def actor(request: HttpRequest) -> dict[str, Any]:
    """The acting membership and, for the office switcher, the others the user holds."""
    current = getattr(request, "actor", None)
    if current is None:
        return {"actor": None, "memberships": []}
    return {
        "actor": current,
        "memberships": getattr(request, "memberships", None) or active_memberships(current.user),
    }
