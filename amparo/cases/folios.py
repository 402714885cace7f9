"""Human-readable case folios: <OFFICE CODE>-<YEAR>-<6-digit sequence>, per office and year."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone

from amparo.cases.models import FolioCounter
from amparo.network.models import Office

# A folio as people type it: any case, the sequence with or without its leading zeros.
TYPED_FOLIO = re.compile(r"^\s*([A-Za-z]{2,8})-(\d{4})-(\d{1,6})\s*$")


def typed_folio(text: str) -> str | None:
    """The folio `text` names ("lax-2026-123" → "LAX-2026-000123"), or None."""
    match = TYPED_FOLIO.match(text)
    if match is None:
        return None
    code, year, number = match.groups()
    return format_folio(code, int(year), int(number))


def format_folio(office_code: str, year: int, sequence: int) -> str:
    return f"{office_code.upper()}-{year}-{sequence:06d}"


def folio_year(office: Office, at: datetime) -> int:
    """The year as the office's own calendar sees it (a case opened on 31 December in Los
    Angeles belongs to that year even if UTC has already moved on)."""
    try:
        zone = ZoneInfo(office.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return timezone.localtime(at, zone).year


def allocate_folio(*, office: Office, at: datetime) -> str:
    """Take the next sequence for the office and year. Call inside transaction.atomic():
    the counter row stays locked (SELECT … FOR UPDATE) until the case is saved, so two
    concurrent openings never share a number. SQLite serializes writers instead."""
    year = folio_year(office, at)
    FolioCounter.objects.get_or_create(office=office, year=year)
    counter = FolioCounter.objects.select_for_update().get(office=office, year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return format_folio(office.code, year, counter.last_value)
