"""The outreach report: events and reach by office, kind and month (the office's own
calendar), the reach set against the protection cases each office opened in the same
period, and per county for the map. Scoped like every read (access.visible)."""

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext as _
from openpyxl import Workbook

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.cases.models import Case
from amparo.core.spreadsheets import spreadsheet_cell
from amparo.outreach.models import Event, EventKind, EventStatus, Program


@dataclass(frozen=True)
class ReportRow:
    office_code: str
    office_name: str
    kind_code: str
    kind_name: str
    program: str
    month: date
    events: int
    in_person: int
    online: int

    @property
    def reach(self) -> int:
        return self.in_person + self.online


@dataclass(frozen=True)
class OfficeProtection:
    office_code: str
    office_name: str
    events: int
    reach: int
    cases_opened: int

    @property
    def cases_per_thousand_reached(self) -> float | None:
        return round(1000 * self.cases_opened / self.reach, 1) if self.reach else None


@dataclass(frozen=True)
class CountyReach:
    area_code: str
    name: str
    region: str
    latitude: float
    longitude: float
    office_code: str
    events: int
    reach: int


def _held(actor: Actor, year: int) -> QuerySet[Event]:
    return visible(actor, Event.objects.all()).filter(
        status=EventStatus.PUBLISHED, starts_on__range=(date(year, 1, 1), date(year, 12, 31))
    )


def outreach_report(actor: Actor, *, year: int) -> list[ReportRow]:
    """One row per office, kind and month with events held and the people they reached."""
    kind_name = f"kind__{EventKind.name_column()}"
    rows = (
        _held(actor, year)
        .annotate(month=TruncMonth("starts_on"))
        .values("office__code", "office__name", "kind__code", kind_name, "kind__program", "month")
        .annotate(
            events=Count("id"),
            in_person=Coalesce(Sum("report__in_person"), 0),
            online=Coalesce(Sum("report__live_viewers"), 0)
            + Coalesce(Sum("report__later_views"), 0),
        )
        .order_by("office__name", "month", "kind__code")
    )
    return [
        ReportRow(
            office_code=row["office__code"],
            office_name=row["office__name"],
            kind_code=row["kind__code"],
            kind_name=row[kind_name],
            program=row["kind__program"],
            month=row["month"],
            events=row["events"],
            in_person=row["in_person"],
            online=row["online"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class GridRow:
    label: str
    cells: list[int]  # one per month, January first
    total: int


@dataclass(frozen=True)
class MonthGrid:
    """One office's year as a table: a row per kind of event, a column per month."""

    months: list[date]
    rows: list[GridRow]
    totals: GridRow


def month_grid(
    rows: Iterable[ReportRow], *, year: int, value: Callable[[ReportRow], int]
) -> MonthGrid:
    """`value` (events, reach…) of the rows by kind and month, with row and column totals."""
    months = [date(year, month, 1) for month in range(1, 13)]
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        by_kind.setdefault(row.kind_name, [0] * 12)[row.month.month - 1] += value(row)
    grid_rows = [GridRow(label, cells, sum(cells)) for label, cells in sorted(by_kind.items())]
    column_totals = [sum(column) for column in zip(*(r.cells for r in grid_rows), strict=True)]
    totals = GridRow(_("Total"), column_totals or [0] * 12, sum(column_totals))
    return MonthGrid(months, grid_rows, totals)


@dataclass(frozen=True)
class ProgramTotal:
    program: str
    label: str
    events: int
    reach: int


def program_totals(rows: list[ReportRow]) -> list[ProgramTotal]:
    """The ministry's yearly figures: events and reach per programme."""
    events: dict[str, int] = defaultdict(int)
    reach: dict[str, int] = defaultdict(int)
    for row in rows:
        events[row.program] += row.events
        reach[row.program] += row.reach
    return [
        ProgramTotal(
            program=p.value, label=str(p.label), events=events[p.value], reach=reach[p.value]
        )
        for p in Program
    ]


def reach_against_cases(
    actor: Actor, *, year: int, rows: list[ReportRow]
) -> list[OfficeProtection]:
    """Per office: what its events reached and how many protection cases it opened in the
    same year (cases per 1,000 people reached)."""
    events: dict[str, int] = defaultdict(int)
    reach: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for row in rows:
        events[row.office_code] += row.events
        reach[row.office_code] += row.reach
        names[row.office_code] = row.office_name
    start, end = datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
    opened = dict(
        visible(actor, Case.objects.all())
        .filter(office__code__in=list(names), opened_at__gte=start, opened_at__lt=end)
        .values("office__code")
        .annotate(total=Count("id"))
        .values_list("office__code", "total")
    )
    return [
        OfficeProtection(
            office_code=code,
            office_name=names[code],
            events=events[code],
            reach=reach[code],
            cases_opened=opened.get(code, 0),
        )
        for code in sorted(names, key=names.__getitem__)
    ]


def reach_by_county(actor: Actor, *, year: int) -> list[CountyReach]:
    """Counties where published events were held, most people reached first."""
    rows = (
        _held(actor, year)
        .filter(~Q(area=None))
        .values(
            "area__code",
            "area__name",
            "area__region",
            "area__latitude",
            "area__longitude",
            "office__code",
        )
        .annotate(
            events=Count("id"),
            reach=Coalesce(Sum("report__in_person"), 0)
            + Coalesce(Sum("report__live_viewers"), 0)
            + Coalesce(Sum("report__later_views"), 0),
        )
        .order_by("-reach", "area__code")
    )
    return [
        CountyReach(
            area_code=row["area__code"],
            name=row["area__name"],
            region=row["area__region"],
            latitude=row["area__latitude"],
            longitude=row["area__longitude"],
            office_code=row["office__code"],
            events=row["events"],
            reach=row["reach"],
        )
        for row in rows
    ]


def headers() -> list[str]:
    return [
        _("Representación"),
        _("Clave"),
        _("Mes"),
        _("Programa"),
        _("Tipo de evento"),
        _("Eventos"),
        _("Asistencia presencial"),
        _("Alcance en línea"),
        _("Alcance total"),
    ]


def _cells(row: ReportRow) -> list[object]:
    return [
        row.office_name,
        row.office_code,
        row.month.strftime("%Y-%m"),
        str(Program(row.program).label),
        row.kind_name,
        row.events,
        row.in_person,
        row.online,
        row.reach,
    ]


def report_csv(rows: list[ReportRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers())
    for row in rows:
        writer.writerow([spreadsheet_cell(cell) for cell in _cells(row)])
    return buffer.getvalue()


def county_headers() -> list[str]:
    return [_("Condado"), _("Estado o provincia"), _("Clave"), _("Eventos"), _("Alcance total")]


def report_xlsx(rows: list[ReportRow], counties: list[CountyReach]) -> bytes:
    """The report's rows, and on a second sheet the reach of each county (what the map draws)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Protección preventiva"))
    sheet.append(headers())
    for row in rows:
        sheet.append([spreadsheet_cell(cell) for cell in _cells(row)])
    by_county = book.create_sheet(_("Por condado"))
    by_county.append(county_headers())
    for county in counties:
        cells = [county.name, county.region, county.office_code, county.events, county.reach]
        by_county.append([spreadsheet_cell(cell) for cell in cells])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
