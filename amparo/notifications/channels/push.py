from amparo.notifications.channels.base import DeliveryResult, OutgoingMessage
from amparo.notifications.services.push import push_to, staff_subscriptions


class PushChannel:
    """Wakes the staff member's browsers. The payload names the notification only; the
    service worker shows a fixed text and opens the inbox, where the subject is."""

    def send(self, message: OutgoingMessage) -> DeliveryResult:
        rows = list(staff_subscriptions(message.user_id)) if message.user_id else []
        if not rows:
            return DeliveryResult.failed("no_address", permanent=True)
        payload = {"notification": message.notification_id}
        if push_to(rows, payload, urgent=message.urgent) == 0:
            return DeliveryResult.failed("push:none_accepted")
        return DeliveryResult.sent()
