from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DetentionConfig(AppConfig):
    name = "amparo.detention"
    verbose_name = _("Detención")
