"""Cron, every minute: the alert button's safety net. Dispatches alerts stored without their
case line, pages and messages (a failure after storing them), and climbs every alert whose
minutes to acknowledge ran out (the task worker's timers do the same; a stopped worker must
not leave an alert without an owner). Running it again does nothing twice."""

from typing import Any

from django.core.management.base import BaseCommand

from amparo.alerts.dispatch import dispatch_pending
from amparo.alerts.escalation import climb_overdue


class Command(BaseCommand):
    help = "Dispatch pending alerts and climb the unacknowledged ones whose time ran out."

    def handle(self, *args: Any, **options: Any) -> None:
        dispatched = dispatch_pending()
        climbed = climb_overdue()
        self.stdout.write(f"{dispatched} alert(s) dispatched, {climbed} alert(s) climbed")
