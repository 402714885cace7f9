"""Filters of the alert pages: how long ago, read by a person in a hurry."""

from datetime import datetime

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def elapsed(seconds: int | None) -> str:
    """ "45 s", "3 min", "2 h 5 min", "3 d"."""
    if seconds is None:
        return "—"
    seconds = max(0, int(seconds))
    if seconds < 60:
        return _("%(n)s s") % {"n": seconds}
    minutes = seconds // 60
    if minutes < 60:
        return _("%(n)s min") % {"n": minutes}
    hours = minutes // 60
    if hours < 48:
        return _("%(h)s h %(m)s min") % {"h": hours, "m": minutes % 60}
    return _("%(n)s d") % {"n": hours // 24}


@register.filter
def parse_iso(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
