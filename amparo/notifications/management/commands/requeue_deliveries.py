"""Queue again the deliveries whose job was lost. Run it from cron (every 10 minutes is
plenty): `python manage.py requeue_deliveries`."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from amparo.notifications.services import requeue_stalled_deliveries
from amparo.notifications.services.deliveries import STALLED_AFTER


class Command(BaseCommand):
    help = "Vuelve a encolar los envíos pendientes cuyo trabajo se perdió."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=int(STALLED_AFTER.total_seconds() // 60),
            help="pending for longer than this (default: %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        minutes = max(1, options["older_than_minutes"])
        ids = requeue_stalled_deliveries(older_than=timedelta(minutes=minutes))
        self.stdout.write(_("Envíos encolados de nuevo: %(count)s") % {"count": len(ids)})
