from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "amparo.support"
    verbose_name = _("Apoyos económicos")
