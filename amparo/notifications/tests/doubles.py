"""Failing channels for tests: each raises the way a real outage would."""

from typing import Any

from django.core.mail.backends.base import BaseEmailBackend

from amparo.notifications.channels.sms import SmsError


class BrokenEmailBackend(BaseEmailBackend):
    calls = 0

    def send_messages(self, email_messages: Any) -> int:
        BrokenEmailBackend.calls += 1
        raise ConnectionRefusedError("smtp.example.org refused alice@example.org")


class BrokenSmsProvider:
    calls = 0

    def send_sms(self, *, to: str, text: str) -> str:
        BrokenSmsProvider.calls += 1
        raise SmsError("gateway_timeout")


class FlakySmsProvider:
    """Fails the first call, then works (a gateway hiccup)."""

    calls = 0

    def send_sms(self, *, to: str, text: str) -> str:
        FlakySmsProvider.calls += 1
        if FlakySmsProvider.calls % 2 == 1:
            raise SmsError("gateway_timeout")
        return "flaky-ok"
