from amparo.notifications.channels.sms.channel import SmsChannel
from amparo.notifications.channels.sms.providers import (
    LocalOutboxSmsProvider,
    SmsError,
    SmsProvider,
    sms_provider,
)

__all__ = ["LocalOutboxSmsProvider", "SmsChannel", "SmsError", "SmsProvider", "sms_provider"]
