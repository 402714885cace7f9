from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amparo.network.csv_import import ImportFailedError
from amparo.network.services import jurisdiction_import


class Command(BaseCommand):
    help = (
        "Importa la circunscripción oficial desde un CSV "
        "(country, region, county_name o code, office_code; todo o nada)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Valida y muestra cambios sin guardar."
        )
        parser.add_argument("--reason", default="", help="Motivo que queda en el historial.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["csv"]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"No se pudo leer {path}: {error}") from error
        reason = options["reason"] or f"Importación de {path.name}"
        try:
            report = jurisdiction_import(
                text=text, actor=None, reason=reason, dry_run=options["dry_run"]
            )
        except ImportFailedError as failure:
            for row_error in failure.report.errors:
                self.stderr.write(str(row_error))
            raise CommandError(
                f"{len(failure.report.errors)} filas con errores; no se guardó nada."
            ) from failure
        for change in report.changes:
            self.stdout.write(change)
        prefix = "[simulación] " if report.dry_run else ""
        self.stdout.write(f"{prefix}{report.updated} reasignadas, {report.unchanged} sin cambios.")
