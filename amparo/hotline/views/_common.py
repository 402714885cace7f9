"""Helpers shared by the hotline pages. (Times read and shown in the acting office's zone:
accounts.middleware activates it for every signed-in request.)"""

from django.core.exceptions import PermissionDenied


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
