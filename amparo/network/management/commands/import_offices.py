from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amparo.network.csv_import import ImportFailedError
from amparo.network.services import office_import


class Command(BaseCommand):
    help = "Importa representaciones desde un CSV (alta o actualización por clave; todo o nada)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Valida sin guardar.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["csv"]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"No se pudo leer {path}: {error}") from error
        try:
            report = office_import(text=text, dry_run=options["dry_run"])
        except ImportFailedError as failure:
            for row_error in failure.report.errors:
                self.stderr.write(str(row_error))
            raise CommandError(
                f"{len(failure.report.errors)} filas con errores; no se guardó nada."
            ) from failure
        prefix = "[simulación] " if report.dry_run else ""
        self.stdout.write(
            f"{prefix}{report.created} nuevas, {report.updated} actualizadas, "
            f"{report.unchanged} sin cambios."
        )
