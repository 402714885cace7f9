from typing import Any

from django.core.management.base import BaseCommand

from amparo.network.areas import OFFICES_CSV
from amparo.network.models import JurisdictionArea
from amparo.network.services import jurisdiction_assign_defaults, office_import


class Command(BaseCommand):
    help = "Carga la red consular incluida (representaciones y circunscripción por defecto)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = office_import(text=OFFICES_CSV.read_text(encoding="utf-8"))
        created = jurisdiction_assign_defaults()
        self.stdout.write(
            f"Representaciones: {report.created} nuevas, {report.updated} actualizadas, "
            f"{report.unchanged} sin cambios. Áreas nuevas: {created} "
            f"(total {JurisdictionArea.objects.count()})."
        )
