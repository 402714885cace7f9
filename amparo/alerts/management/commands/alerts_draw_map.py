from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from amparo.network import atlas

# The alert board's map, a static file (long-cached and compressed like the rest).
DRAWN = Path(settings.BASE_DIR) / "static" / "alerts" / "us-map.svg"


class Command(BaseCommand):
    help = "Draw static/alerts/us-map.svg from the shipped us-atlas outlines (network.atlas)."

    def handle(self, *args: Any, **options: Any) -> None:
        DRAWN.write_text(atlas.outline_svg(), encoding="utf-8")
        self.stdout.write(f"{DRAWN} ({DRAWN.stat().st_size} bytes)")
