"""The start page's charts: caseload by matter and month, time to acknowledge escalations,
calls per hour of the day. Counts only, each read scoped by the access rules; the year shown
is the latest with cases the actor may see, so a quiet January still shows last year."""

from collections import Counter
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Max
from django.db.models.functions import ExtractHour, ExtractMonth, ExtractYear
from django.utils import formats
from django.utils.translation import gettext as _

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.cases.models import Case, Materia
from amparo.core.charts import Chart, Series, stacked_bars
from amparo.hotline.models import Call, Escalation
from amparo.hotline.permissions import can_use_hotline
from amparo.hotline.selectors import ciam_offices

MATTERS_SHOWN = 5
# Buckets of the time from escalation to acknowledgement, upper bounds (None: no bound).
ACK_BUCKETS: list[tuple[timedelta | None, str]] = [
    (timedelta(minutes=15), "< 15 min"),
    (timedelta(hours=1), "15-60 min"),
    (timedelta(hours=4), "1-4 h"),
    (timedelta(hours=24), "4-24 h"),
    (None, "> 24 h"),
]


def chart_year(actor: Actor) -> int | None:
    latest = visible(actor, Case.objects.all()).aggregate(latest=Max("opened_at"))["latest"]
    return latest.astimezone(ZoneInfo(actor.office.time_zone)).year if latest else None


def caseload_by_matter(actor: Actor, year: int) -> Chart:
    """Cases opened each month of `year` (the actor's office time zone), the largest matters
    stacked and the rest together."""
    zone = ZoneInfo(actor.office.time_zone)
    rows = (
        visible(actor, Case.objects.all())
        .annotate(year=ExtractYear("opened_at", tzinfo=zone))
        .filter(year=year)
        .annotate(month=ExtractMonth("opened_at", tzinfo=zone))
        .order_by()
        .values_list("materia_id", "month")
        .annotate(n=Count("id"))
    )
    per_matter: dict[int, list[int]] = {}
    for materia_id, month, count in rows:
        per_matter.setdefault(materia_id, [0] * 12)[month - 1] += count
    ranked = sorted(per_matter, key=lambda pk: -sum(per_matter[pk]))
    labels = dict(Materia.objects.filter(pk__in=ranked).values_list("pk", "label"))
    series = [Series(labels[pk], per_matter[pk]) for pk in ranked[:MATTERS_SHOWN]]
    rest = ranked[MATTERS_SHOWN:]
    if rest:
        series.append(
            Series(_("Otras materias"), [sum(per_matter[pk][m] for pk in rest) for m in range(12)])
        )
    return stacked_bars(
        slug="caseload",
        title=_("Casos abiertos por materia y mes, %(year)s") % {"year": year},
        category_heading=_("Mes"),
        categories=_month_names(),
        series=series,
    )


def acknowledgement_times(actor: Actor, year: int) -> Chart:
    """How long the receiving offices took to acknowledge the year's escalations."""
    zone = ZoneInfo(actor.office.time_zone)
    pairs = (
        visible(actor, Escalation.objects.all())
        .annotate(year=ExtractYear("created_at", tzinfo=zone))
        .filter(year=year)
        .values_list("created_at", "acknowledged_at")
    )
    counts: Counter[str] = Counter()
    for created, acknowledged in pairs:
        counts[_bucket(acknowledged - created) if acknowledged else "pending"] += 1
    categories = [label for _bound, label in ACK_BUCKETS]
    pending = _("Sin acuse")
    return stacked_bars(
        slug="acknowledgement",
        title=_("Tiempo hasta el acuse de los escalamientos, %(year)s") % {"year": year},
        category_heading=_("Tiempo"),
        categories=[*categories, pending],
        series=[
            Series(
                _("Escalamientos"), [counts[label] for label in categories] + [counts["pending"]]
            )
        ],
    )


def calls_per_hour(actor: Actor, year: int) -> Chart | None:
    """Calls of the year by hour of the day, in each CIAM's time zone. None for roles that
    do not see calls."""
    if not can_use_hotline(actor):
        return None
    per_hour = [0] * 24
    for office in ciam_offices(actor):
        zone = ZoneInfo(office.time_zone)
        rows = (
            visible(actor, Call.objects.filter(office=office))
            .annotate(year=ExtractYear("started_at", tzinfo=zone))
            .filter(year=year)
            .annotate(hour=ExtractHour("started_at", tzinfo=zone))
            .order_by()
            .values_list("hour")
            .annotate(n=Count("id"))
        )
        for hour, count in rows:
            per_hour[hour] += count
    return stacked_bars(
        slug="calls-per-hour",
        title=_("Llamadas al CIAM por hora del día, %(year)s") % {"year": year},
        category_heading=_("Hora"),
        categories=[f"{hour:02d}" for hour in range(24)],
        series=[Series(_("Llamadas"), per_hour)],
    )


def _bucket(elapsed: timedelta) -> str:
    for bound, label in ACK_BUCKETS:
        if bound is None or elapsed < bound:
            return label
    raise AssertionError("the last bucket has no bound")


def _month_names() -> list[str]:
    return [str(formats.date_format(date(2000, month, 1), "M")) for month in range(1, 13)]
