from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "amparo.alerts"
    verbose_name = _("Botón de alerta")

    def ready(self) -> None:
        from amparo.alerts.handling import acknowledge_from_notification
        from amparo.notifications.signals import notification_acknowledged

        notification_acknowledged.connect(
            acknowledge_from_notification, dispatch_uid="alerts-acknowledge-from-notification"
        )
