"""The one interface every channel implements, and the registry the delivery task uses."""

from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext as _

# External channels never carry the body: only the subject and this pointer.
SIGN_IN_POINTER = "Ingrese a Amparo para ver el detalle."


@dataclass(frozen=True)
class OutgoingMessage:
    """What a channel needs to send one notification; addresses already resolved."""

    notification_id: int
    subject: str
    body: str
    urgent: bool
    user_id: int | None = None
    email: str = ""
    phone_e164: str = ""

    def external_text(self) -> str:
        """The text for channels outside Amparo: subject and a pointer, never the body."""
        prefix = _("URGENTE") + ": " if self.urgent else ""
        return f"{prefix}{self.subject} · {_(SIGN_IN_POINTER)}"


@dataclass(frozen=True)
class DeliveryResult:
    """ok, or an error code (an exception class name or provider code; no personal data).
    permanent=True means retrying cannot help (for example, no address)."""

    ok: bool
    error: str = ""
    permanent: bool = False

    @classmethod
    def sent(cls) -> "DeliveryResult":
        return cls(ok=True)

    @classmethod
    def failed(cls, error: str, *, permanent: bool = False) -> "DeliveryResult":
        return cls(ok=False, error=error[:120], permanent=permanent)


class Channel(Protocol):
    def send(self, message: OutgoingMessage) -> DeliveryResult: ...


def channel_for(kind: str) -> Channel:
    """The channel implementation for a ChannelKind value."""
    from amparo.notifications.channels.email import EmailChannel
    from amparo.notifications.channels.inapp import InAppChannel
    from amparo.notifications.channels.push import PushChannel
    from amparo.notifications.channels.sms import SmsChannel

    channels: dict[str, type[Channel]] = {
        "inapp": InAppChannel,
        "email": EmailChannel,
        "sms": SmsChannel,
        "push": PushChannel,
    }
    try:
        return channels[kind]()
    except KeyError as error:
        raise LookupError(f"Unknown notification channel {kind!r}") from error
