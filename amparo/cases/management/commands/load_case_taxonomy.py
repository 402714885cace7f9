from typing import Any

from django.core.management.base import BaseCommand

from amparo.cases.taxonomy import load_case_taxonomy


class Command(BaseCommand):
    help = "Carga las materias y subtipos de caso que falten (idempotente)."

    def handle(self, *args: Any, **options: Any) -> None:
        added = load_case_taxonomy()
        self.stdout.write(f"{added} registros agregados al catálogo de casos.")
