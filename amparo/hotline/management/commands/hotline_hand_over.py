"""Move the open callbacks of shifts that ended to the shift on duty, in every CIAM.
The worker does this at the end of each shift by itself (hotline.tasks); this command is a
safety net for cron. Running it again changes nothing."""

from typing import Any

from django.core.management.base import BaseCommand

from amparo.hotline.services import callbacks_hand_over
from amparo.network.models import Office, OfficeKind


class Command(BaseCommand):
    help = "Hand open callbacks of ended shifts over to the shift on duty."

    def handle(self, *args: Any, **options: Any) -> None:
        moved = sum(
            callbacks_hand_over(office=office)
            for office in Office.objects.filter(kind=OfficeKind.CONTACT_CENTER)
        )
        self.stdout.write(f"{moved} callback(s) handed over")
