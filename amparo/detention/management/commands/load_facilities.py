"""Load the shipped ICE facility list (or a CSV in its format), placed by ZIP code."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from amparo.detention.facilities import SHIPPED_CSV, facilities_import


class Command(BaseCommand):
    help = "Carga los centros de detención (por omisión, la lista de ICE del año fiscal 2025)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", nargs="?", default=str(SHIPPED_CSV))

    def handle(self, *args: Any, **options: Any) -> None:
        result = facilities_import(actor=None, content=Path(options["path"]).read_bytes())
        if result.errors:
            raise CommandError("\n".join(f"{e.line}: {e.message}" for e in result.errors))
        self.stdout.write(
            f"{result.created} nuevos, {result.updated} actualizados, {result.unplaced} sin circunscripción"
        )
