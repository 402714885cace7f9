from typing import Any

from django.core.management.base import BaseCommand

from amparo.alerts import usmap


class Command(BaseCommand):
    help = "Draw static/alerts/us-map.svg from the shipped us-atlas outlines (alerts.usmap)."

    def handle(self, *args: Any, **options: Any) -> None:
        usmap.DRAWN.write_text(usmap.outline_svg(), encoding="utf-8")
        self.stdout.write(f"{usmap.DRAWN} ({usmap.DRAWN.stat().st_size} bytes)")
