"""Cron, every hour: PALE referrals past their answer deadline, and capital cases' court
dates as they near. Running it again sends nothing twice."""

from typing import Any

from django.core.management.base import BaseCommand

from amparo.legal.capital import send_capital_reminders
from amparo.legal.reminders import send_answer_reminders


class Command(BaseCommand):
    help = "Send the PALE answer reminders and the capital cases' date reminders that are due."

    def handle(self, *args: Any, **options: Any) -> None:
        reminded, asked = send_answer_reminders()
        capital = send_capital_reminders()
        self.stdout.write(
            f"{reminded} provider reminder(s), {asked} reassignment request(s), "
            f"{capital} capital date reminder(s)"
        )
