from amparo.notifications.channels.base import DeliveryResult, OutgoingMessage
from amparo.notifications.channels.sms.providers import SMS_MAX_LENGTH, SmsError, sms_provider


class SmsChannel:
    def send(self, message: OutgoingMessage) -> DeliveryResult:
        if not message.phone_e164:
            return DeliveryResult.failed("no_address", permanent=True)
        try:
            sms_provider().send_sms(
                to=message.phone_e164, text=message.external_text()[:SMS_MAX_LENGTH]
            )
        except SmsError as error:
            return DeliveryResult.failed(f"sms:{error.code}", permanent=error.permanent)
        except Exception as error:  # any provider failure is recorded and retried
            return DeliveryResult.failed(type(error).__name__)
        return DeliveryResult.sent()
