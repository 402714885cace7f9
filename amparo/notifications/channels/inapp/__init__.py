"""The in-app inbox: the notification row is the message, so delivering it only checks
that it has a staff recipient who can sign in to read it."""

from amparo.notifications.channels.base import DeliveryResult, OutgoingMessage


class InAppChannel:
    def send(self, message: OutgoingMessage) -> DeliveryResult:
        if message.user_id is None:
            return DeliveryResult.failed("no_user", permanent=True)
        return DeliveryResult.sent()
