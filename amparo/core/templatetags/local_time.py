"""Times as the people of an office read them: in its time zone, with the zone's
abbreviation, so that a case of Los Angeles reads "2026-12-05 19:03 PST" to everyone."""

from datetime import datetime

from django import template
from django.utils import timezone

from amparo.network.models import Office

register = template.Library()


@register.filter
def office_time(value: datetime | None, office: Office | None = None) -> str:
    """`value` in `office`'s zone (without one, in the current zone: the acting office's)."""
    if value is None:
        return ""
    zone = office.zone if office is not None else timezone.get_current_timezone()
    local = timezone.localtime(value, zone)
    # Numbers and the zone's abbreviation only: nothing to translate (strftime, not
    # Django's date formatting, which parses its format and translates for each value).
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"
