"""Delete attachment files that no attachment row names (see
attachment_storage.orphan_files). Run it from cron, e.g. daily; --dry-run only lists."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from amparo.cases import attachment_storage


class Command(BaseCommand):
    help = "Borra los archivos adjuntos que ningún registro menciona."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list them, delete nothing")
        parser.add_argument(
            "--older-than-hours",
            type=int,
            default=24,
            help="only files last written before this (default: %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        hours = max(1, options["older_than_hours"])
        orphans = attachment_storage.orphan_files(older_than=timedelta(hours=hours))
        for name in orphans:
            self.stdout.write(name)
            if not options["dry_run"]:
                attachment_storage.delete_stored(name)
        message = (
            _("Archivos huérfanos: %(count)s")
            if options["dry_run"]
            else _("Archivos huérfanos borrados: %(count)s")
        )
        self.stdout.write(message % {"count": len(orphans)})
