"""Email through Django's configured backend: console or locmem in development and tests,
SMTP in production through the EMAIL_* settings."""

import smtplib

from django.conf import settings
from django.core.mail import send_mail

from amparo.notifications.channels.base import DeliveryResult, OutgoingMessage


class EmailChannel:
    def send(self, message: OutgoingMessage) -> DeliveryResult:
        if not message.email:
            return DeliveryResult.failed("no_address", permanent=True)
        try:
            send_mail(
                subject=f"[Amparo] {message.subject}",
                message=message.external_text(),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[message.email],
            )
        except smtplib.SMTPResponseException as error:
            # The SMTP reply text may echo the address: keep only the code.
            return DeliveryResult.failed(f"SMTP {error.smtp_code}")
        except Exception as error:  # any backend failure is recorded and retried
            return DeliveryResult.failed(type(error).__name__)
        return DeliveryResult.sent()
