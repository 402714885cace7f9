from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "amparo.guidance"
    label = "guidance"
    verbose_name = _("Guías de orientación")
