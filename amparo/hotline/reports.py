"""Hotline reports: calls by topic, origin state, outcome, hour of day and shift over a
date range, in the CIAM's local time."""

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.db.models.functions import ExtractHour
from django.utils.translation import gettext as _

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.core.spreadsheets import spreadsheet_cell
from amparo.hotline.models import Call, HotlineShift, Outcome, ShiftKind
from amparo.hotline.shifts import ShiftTimes, shift_kind_at
from amparo.hotline.topics import CallTopic
from amparo.network.models import Office

MAX_DAYS = 366
DIMENSIONS = ("topic", "origin_state", "outcome", "hour", "shift")


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Report:
    office: Office
    date_from: date
    date_to: date
    total: int
    sections: dict[str, list[Row]]


def dimension_labels() -> dict[str, str]:
    return {
        "topic": _("Tema"),
        "origin_state": _("Estado de origen"),
        "outcome": _("Resultado"),
        "hour": _("Hora del día"),
        "shift": _("Turno"),
    }


def hotline_report(actor: Actor, *, office: Office, date_from: date, date_to: date) -> Report:
    """Counts for the calls the actor may read. Raises ValueError on a bad range."""
    if date_to < date_from:
        raise ValueError(_("La fecha final es anterior a la inicial."))
    if (date_to - date_from).days > MAX_DAYS:
        raise ValueError(_("El periodo no puede pasar de un año."))
    if date_to >= date.max:
        raise ValueError(_("La fecha final está fuera de rango."))
    zone = ZoneInfo(office.time_zone)
    start = datetime.combine(date_from, time.min, tzinfo=zone)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=zone)
    calls = visible(actor, Call.objects.all()).filter(
        office=office, started_at__gte=start, started_at__lt=end
    )

    def counted(field: str) -> dict[str, int]:
        rows = calls.values(field).annotate(count=Count("id")).values_list(field, "count")
        return {str(key or ""): count for key, count in rows}

    by_hour = {
        int(hour): count
        for hour, count in calls.annotate(hour=ExtractHour("started_at", tzinfo=zone))
        .values("hour")
        .annotate(count=Count("id"))
        .values_list("hour", "count")
    }
    shifts = [
        ShiftTimes(s.kind, s.starts_at, s.ends_at)
        for s in HotlineShift.objects.filter(office=office)
    ]
    by_shift: dict[str, int] = {}
    for hour, count in by_hour.items():
        # Hour granularity: a shift that starts at 06:30 gets the whole 06 hour.
        kind = shift_kind_at(shifts, time(hour)) or ""
        by_shift[kind] = by_shift.get(kind, 0) + count
    topics, outcomes, shift_names = (
        dict(CallTopic.choices),
        dict(Outcome.choices),
        dict(ShiftKind.choices),
    )
    sections = {
        "topic": _rows(counted("topic"), topics),
        "origin_state": _rows(counted("origin_state"), {"": _("Sin dato")}),
        "outcome": _rows(counted("outcome"), outcomes),
        "hour": [Row(f"{hour:02d}", f"{hour:02d}:00", by_hour.get(hour, 0)) for hour in range(24)],
        "shift": _rows(by_shift, {**shift_names, "": _("Sin turno configurado")}),
    }
    return Report(office, date_from, date_to, sum(by_hour.values()), sections)


def _rows(counts: dict[str, int], labels: Mapping[str, object]) -> list[Row]:
    rows = [Row(key, str(labels.get(key, key)), count) for key, count in counts.items()]
    return sorted(rows, key=lambda row: (-row.count, row.key))


def report_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("dimensión"), _("clave"), _("etiqueta"), _("llamadas")])
    labels = dimension_labels()
    for dimension in DIMENSIONS:
        for row in report.sections[dimension]:
            writer.writerow(
                [
                    labels[dimension],
                    spreadsheet_cell(row.key),
                    spreadsheet_cell(row.label),
                    row.count,
                ]
            )
    return out.getvalue()
