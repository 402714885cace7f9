from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Deterministic synthetic demo data (`manage.py seed_demo`) for every other app. It
    depends on them; none of them depends on it."""

    name = "amparo.demo"
    label = "demo"
    verbose_name = _("Datos de demostración")
