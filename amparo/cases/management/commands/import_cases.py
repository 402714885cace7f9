"""Import protection cases and their beneficiaries from a CSV file (docs/import-format.md).

    manage.py import_cases casos.csv --user adan --dry-run
    manage.py import_cases casos.csv --user carla --office LAX

The user's membership decides the scope: central administration imports into any office,
heads of office and consular officers only into their own. Every bad row is listed with
its line number (rows skipped as already imported with -v 2); a real run writes all rows
or none. Exit status 1 when the file has errors.
"""

import time
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from amparo.accounts.actor import Actor, active_memberships
from amparo.accounts.models import Role, User
from amparo.cases.imports.services import IMPORT_ROLES, ImportReport, cases_import


class Command(BaseCommand):
    help = "Import cases from a CSV file (see docs/import-format.md); --dry-run only checks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="Username of the person importing.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument("--office", default="", help="Import every row into this office.")

    def handle(
        self, *args: Any, file: Path, user: str, dry_run: bool, office: str, **options: Any
    ) -> None:
        actor = _actor(user)
        if not file.is_file():
            raise CommandError(f"No existe el archivo {file}.")
        started = time.perf_counter()
        try:
            with file.open("rb") as source:
                report = cases_import(
                    actor=actor,
                    source=source,
                    file_name=file.name,
                    dry_run=dry_run,
                    office_code=office,
                )
        except PermissionDenied as error:
            raise CommandError("Esa persona usuaria no puede importar casos.") from error
        self._print(report, time.perf_counter() - started, verbose=options["verbosity"] > 1)
        if not report.ok:
            raise CommandError(
                f"{report.bad_lines} filas con errores: no se escribió nada.", returncode=1
            )

    def _print(self, report: ImportReport, seconds: float, *, verbose: bool) -> None:
        for error in report.errors:
            column = f" [{error.column}]" if error.column else ""
            self.stderr.write(f"línea {error.line}{column}: {error.message}")
        for skipped in report.skipped if verbose else ():
            self.stdout.write(f"línea {skipped.line}: ya importado ({skipped.reference})")
        verb = "se importarían" if report.dry_run or not report.written else "importados"
        self.stdout.write(
            f"{report.rows} filas leídas; {report.cases} casos {verb}; "
            f"{report.new_people} personas nuevas, {report.reused_people} reutilizadas; "
            f"{len(report.skipped)} ya importados; {seconds:.1f} s"
        )
        for code, count in report.per_office.items():
            self.stdout.write(f"  {code}: {count}")
        if report.written:
            self.stdout.write(self.style.SUCCESS(f"Importación {report.batch} registrada."))


def _actor(username: str) -> Actor:
    """The user's membership that may import, central administration first."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No existe una persona usuaria activa «{username}».")
    memberships = [m for m in active_memberships(user) if m.role in IMPORT_ROLES]
    if not memberships:
        raise CommandError("Esa persona usuaria no puede importar casos.")
    memberships.sort(key=lambda m: m.role != Role.CENTRAL_ADMIN)
    return Actor(user=user, membership=memberships[0])
