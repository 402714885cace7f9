from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "amparo.hotline"
    label = "hotline"
    verbose_name = _("Línea CIAM")

    def ready(self) -> None:
        from amparo.hotline.services.escalations import (
            escalation_acknowledge_from_notification,
        )
        from amparo.notifications.signals import notification_acknowledged

        notification_acknowledged.connect(
            escalation_acknowledge_from_notification, dispatch_uid="hotline-escalation-ack"
        )
