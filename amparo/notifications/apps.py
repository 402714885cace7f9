from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "amparo.notifications"
    label = "notifications"
    verbose_name = _("Notificaciones")

    def ready(self) -> None:
        from amparo.accounts.access import register_scoped_model
        from amparo.notifications.models import Notification, OnDutyShift

        # Supervisors see their office's notifications (pending acknowledgements); the
        # inbox itself is scoped by recipient, not by office.
        register_scoped_model(Notification, office_lookup="office_id")
        register_scoped_model(OnDutyShift, office_lookup="office_id")
