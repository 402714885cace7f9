"""The PALE report for a year: the use of each contract (referrals, hours and amount
approved against the ceiling), referrals by matter and outcome, and how fast each provider
answered, per provider and office. A page, and CSV and XLSX."""

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q, Sum
from django.utils.translation import gettext as _

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.core.spreadsheets import Sheets
from amparo.legal.models import (
    Contract,
    InvoiceLine,
    InvoiceStatus,
    Outcome,
    Referral,
    ReferralStatus,
)


@dataclass(frozen=True)
class Report:
    year: int
    contracts: list[list[object]]
    by_matter: list[list[object]]
    answers: list[list[object]]

    @property
    def sheets(self) -> Sheets:
        return {
            _("Uso de contratos"): (
                [_("Representación"), _("Proveedor"), _("Inicio"), _("Fin"), _("Canalizaciones"),
                 _("Horas aprobadas"), _("Aprobado (USD)"), _("Techo (USD)"), _("% del techo")],
                self.contracts),
            _("Por materia y resultado"): (
                [_("Representación"), _("Materia"), _("Resultado"), _("Canalizaciones")],
                self.by_matter),
            _("Tiempo de respuesta"): (
                [_("Representación"), _("Proveedor"), _("Enviadas"), _("Aceptadas"),
                 _("Rechazadas"), _("Horas promedio para responder")], self.answers),
        }  # fmt: skip


def _dollars(cents: int) -> str:
    return f"{cents / 100:.2f}"


def report(actor: Actor, year: int) -> Report:
    referrals = visible(actor, Referral.objects.all()).filter(sent_at__year=year)
    contracts = (
        visible(actor, Contract.objects.all())
        .filter(starts_on__year__lte=year, ends_on__year__gte=year)
        .values("pk", "office__code", "provider__name", "starts_on", "ends_on", "ceiling")
        .order_by("office__code", "provider__name", "starts_on")
    )
    sent = dict(referrals.values_list("contract").annotate(n=Count("id")))
    approved = {
        row["contract"]: row
        for row in visible(actor, InvoiceLine.objects.all())
        .filter(status=InvoiceStatus.APPROVED, month__year=year)
        .values("contract")
        .annotate(hours=Sum("hours"), amount=Sum("amount"))
    }
    use = []
    for row in contracts:
        billed = approved.get(row["pk"], {"hours": 0, "amount": 0})
        use.append([
            row["office__code"], row["provider__name"], row["starts_on"], row["ends_on"],
            sent.get(row["pk"], 0), billed["hours"], _dollars(billed["amount"]),
            _dollars(row["ceiling"]), round(billed["amount"] * 100 / row["ceiling"], 1),
        ])  # fmt: skip
    by_matter = [
        [row["office__code"], row["case__subtype__materia__label"],
         str(Outcome(row["outcome"]).label) if row["outcome"] else _("Sin concluir"), row["n"]]
        for row in referrals.values("office__code", "case__subtype__materia__label", "outcome")
        .annotate(n=Count("id")).order_by("office__code", "case__subtype__materia__label", "outcome")
    ]  # fmt: skip
    answers = [
        [row["office__code"], row["provider__name"], row["n"], row["accepted"], row["declined"],
         round(row["wait"].total_seconds() / 3600, 1) if row["wait"] is not None else ""]
        for row in referrals.values("office__code", "provider__name")
        .annotate(
            n=Count("id"),
            accepted=Count("id", filter=Q(answered_at__isnull=False) & ~Q(status=ReferralStatus.DECLINED)),
            declined=Count("id", filter=Q(status=ReferralStatus.DECLINED)),
            wait=Avg(F("answered_at") - F("sent_at")),
        )
        .order_by("office__code", "provider__name")
    ]  # fmt: skip
    return Report(year, use, by_matter, answers)
