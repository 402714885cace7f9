"""SMS providers. The provider class is chosen by dotted path in the AMPARO_SMS_PROVIDER
setting (or environment variable); the default keeps messages in a local outbox table so
development and demos never touch the network.

A real provider is a class with `send_sms(*, to, text) -> str` that raises SmsError with
a short code (no number, no text) when the provider refuses or cannot be reached.
"""

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from amparo.core.env import env_str

DEFAULT_SMS_PROVIDER = "amparo.notifications.channels.sms.providers.LocalOutboxSmsProvider"
SMS_MAX_LENGTH = 320


class SmsError(Exception):
    """A provider failure. str(error) must be a short code, never a number or a text."""

    def __init__(self, code: str, *, permanent: bool = False) -> None:
        super().__init__(code)
        self.code = code
        self.permanent = permanent


class SmsProvider(Protocol):
    def send_sms(self, *, to: str, text: str) -> str:
        """Send and return the provider's reference for the message."""
        ...


class LocalOutboxSmsProvider:
    """Stores each message in SmsOutboxMessage instead of sending it."""

    def send_sms(self, *, to: str, text: str) -> str:
        from amparo.notifications.models import SmsOutboxMessage

        message = SmsOutboxMessage.objects.create(to=to, text=text[:SMS_MAX_LENGTH])
        return f"outbox-{message.pk}"


def sms_provider_path() -> str:
    return (
        getattr(settings, "AMPARO_SMS_PROVIDER", "")
        or env_str("AMPARO_SMS_PROVIDER")
        or DEFAULT_SMS_PROVIDER
    )


def sms_provider() -> SmsProvider:
    provider: SmsProvider = import_string(sms_provider_path())()
    return provider
