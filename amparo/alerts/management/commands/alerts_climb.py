"""Cron, every minute: the alert button's clock. Raises the alerts of check-in timers that
ran out, dispatches alerts stored without their case line, pages and messages (a failure
after storing them), and climbs every alert whose minutes to acknowledge ran out (the task worker's timers do the same; a stopped worker must
not leave an alert without an owner). Running it again does nothing twice."""

from typing import Any

from django.core.management.base import BaseCommand

from amparo.alerts.checkin import raise_overdue
from amparo.alerts.dispatch import dispatch_pending
from amparo.alerts.escalation import climb_overdue


class Command(BaseCommand):
    help = "Raise check-in alerts, dispatch pending alerts, climb unacknowledged ones."

    def handle(self, *args: Any, **options: Any) -> None:
        timers = raise_overdue()
        dispatched = dispatch_pending()
        climbed = climb_overdue()
        self.stdout.write(f"{timers} check-in alert(s) raised, {dispatched} alert(s) "
                          f"dispatched, {climbed} alert(s) climbed")  # fmt: skip
