"""Times as the people of an office read them: in its time zone, with the zone's
abbreviation, so that a case of Los Angeles reads "2026-12-05 19:03 PST" to everyone."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

from amparo.network.models import Office

register = template.Library()

FORMAT = "Y-m-d H:i T"


@register.filter
def office_time(value: datetime | None, office: Office | None = None) -> str:
    """`value` in `office`'s zone (without one, in the current zone: the acting office's)."""
    if value is None:
        return ""
    zone = office.zone if office is not None else timezone.get_current_timezone()
    return date_format(timezone.localtime(value, zone), FORMAT)
