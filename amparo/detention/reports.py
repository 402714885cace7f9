"""The detention report: visits, people seen and advisories by office, facility, matter and
month of a year, as a page and as CSV and XLSX."""

from dataclasses import dataclass

from django.db.models import Count, F, Sum
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext as _

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.core.spreadsheets import Sheets
from amparo.detention.models import Advisory, Matter, Seen, Visit, VisitStatus


@dataclass(frozen=True)
class Report:
    year: int
    # (office code, month) → figures
    by_office_month: list[list[object]]
    # (office code, facility) → visits, people seen
    by_facility: list[list[object]]
    # (office code, matter) → advisories, people advised
    by_matter: list[list[object]]

    @property
    def sheets(self) -> Sheets:
        return {
            _("Por mes"): (
                [_("Representación"), _("Mes"), _("Visitas"), _("Personas entrevistadas"),
                 _("Asesorías"), _("Personas asesoradas")], self.by_office_month),
            _("Por centro"): (
                [_("Representación"), _("Centro"), _("Visitas"), _("Personas entrevistadas")],
                self.by_facility),
            _("Por materia"): (
                [_("Representación"), _("Materia"), _("Asesorías"), _("Personas asesoradas")],
                self.by_matter),
        }  # fmt: skip


def report(actor: Actor, year: int) -> Report:
    visits = visible(actor, Visit.objects.all()).filter(
        status=VisitStatus.DONE, planned_on__year=year
    )
    seen = visible(actor, Seen.objects.all()).filter(
        visit__status=VisitStatus.DONE, visit__planned_on__year=year
    )
    advisories = visible(actor, Advisory.objects.all()).filter(given_on__year=year)
    people = Count("person") + Sum("anonymous_count")
    months: dict[tuple[str, int], list[int]] = {}
    counted = (
        visits.values(code=F("office__code"), month=ExtractMonth("planned_on")),
        seen.values(code=F("visit__office__code"), month=ExtractMonth("visit__planned_on")),
    )
    for column, rows in enumerate(counted):
        for row in rows.annotate(n=Count("id")):
            months.setdefault((row["code"], row["month"]), [0, 0, 0, 0])[column] = row["n"]
    for row in advisories.values(code=F("office__code"), month=ExtractMonth("given_on")).annotate(
        n=Count("id"), people=people
    ):
        figures = months.setdefault((row["code"], row["month"]), [0, 0, 0, 0])
        figures[2], figures[3] = row["n"], row["people"] or 0
    by_facility = [
        [row["office__code"], row["facility__name"], row["n"], row["seen_count"]]
        for row in visits.values("office__code", "facility__name")
        .annotate(n=Count("id", distinct=True), seen_count=Count("seen"))
        .order_by("office__code", "facility__name")
    ]
    by_matter = [
        [row["office__code"], str(Matter(row["matter"]).label), row["n"], row["people"] or 0]
        for row in advisories.values("office__code", "matter")
        .annotate(n=Count("id"), people=people)
        .order_by("office__code", "matter")
    ]
    by_month = [[code, month, *figures] for (code, month), figures in sorted(months.items())]
    return Report(year, by_month, by_facility, by_matter)
