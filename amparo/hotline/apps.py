from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotlineConfig(AppConfig):
    name = "amparo.hotline"
    label = "hotline"
    verbose_name = _("Línea CIAM")

    def ready(self) -> None:
        # Imported here: models may only load once the app registry is ready.
        from amparo.accounts.access import register_scoped_model
        from amparo.hotline.models import Call, Callback, Escalation, HotlineShift, TelephonyEvent

        register_scoped_model(Call, office_lookup="office_id")
        register_scoped_model(Callback, office_lookup="call__office_id")
        # The receiving consulate sees (and acknowledges) the escalation, never the call;
        # the CIAM reaches its escalations through its calls.
        register_scoped_model(Escalation, office_lookup="office_id")
        register_scoped_model(HotlineShift, office_lookup="office_id")
        register_scoped_model(TelephonyEvent, office_lookup="office_id")

        from amparo.hotline.services.escalations import (
            escalation_acknowledge_from_notification,
        )
        from amparo.notifications.signals import notification_acknowledged

        notification_acknowledged.connect(
            escalation_acknowledge_from_notification, dispatch_uid="hotline-escalation-ack"
        )
