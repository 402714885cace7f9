"""`manage.py load_guidance`: create the initial guidance scripts (safe to rerun)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from amparo.guidance.seed import load_guidance_seed


class Command(BaseCommand):
    help = "Carga las guías de orientación iniciales del CIAM (no sobrescribe las existentes)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_guidance_seed()
        self.stdout.write(_("Guías creadas: %(count)s") % {"count": created})
