"""The short signed code an alert carries by SMS when the network fails: the phone offers an
`sms:` link to the CIAM with "ALERTA <code>", and the SMS webhook (api.receive_sms) turns it
into the same alert the outbox holds (the same id), so it is stored once either way.

The code is "A1." and the URL-safe base64 of 42 bytes: the device's id (4), the alert's id
(16), the time it was raised in Unix seconds (4), latitude and longitude in 1e-5 degrees
(4 + 4; NO_POSITION in both without a fix), the fix's accuracy in metres (2, capped), and
the first 8 bytes of an HMAC-SHA256 of those 34 bytes keyed with the SHA-256 of the device
credential: the phone computes that key from its credential (static/alerts/outbox.js),
the server has it as `Device.credential_hash`. Nothing in it names or places anyone without
the key; the position is there because the CIAM needs it and SMS is the last resort."""

import base64
import hashlib
import hmac
import struct
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

PREFIX = "A1."
LAYOUT = ">I16sIiiH"
NO_POSITION = -(2**31)
MAC_BYTES = 8


class InvalidCodeError(ValueError):
    pass


@dataclass(frozen=True)
class SmsAlert:
    device_id: int
    client_id: uuid.UUID
    raised_at: datetime
    latitude: float | None
    longitude: float | None
    accuracy_m: int


def _mac(key_hex: str, payload: bytes) -> bytes:
    return hmac.new(bytes.fromhex(key_hex), payload, hashlib.sha256).digest()[:MAC_BYTES]


def encode(alert: SmsAlert, credential_hash: str) -> str:
    """What the phone writes (the tests and the bench use it to play the phone)."""
    positioned = alert.latitude is not None and alert.longitude is not None
    payload = struct.pack(
        LAYOUT, alert.device_id, alert.client_id.bytes, int(alert.raised_at.timestamp()),
        round(alert.latitude * 1e5) if positioned else NO_POSITION,  # type: ignore[operator]
        round(alert.longitude * 1e5) if positioned else NO_POSITION,  # type: ignore[operator]
        min(alert.accuracy_m, 65_535),
    )  # fmt: skip
    raw = payload + _mac(credential_hash, payload)
    return PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def peek_device(code: str) -> int:
    """The device id a code claims (to find the key that checks it)."""
    return struct.unpack(LAYOUT, _raw(code)[: struct.calcsize(LAYOUT)])[0]  # type: ignore[no-any-return]


def _raw(code: str) -> bytes:
    if not code.startswith(PREFIX):
        raise InvalidCodeError(code)
    text = code[len(PREFIX) :]
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError as error:
        raise InvalidCodeError(code) from error
    if len(raw) != struct.calcsize(LAYOUT) + MAC_BYTES:
        raise InvalidCodeError(code)
    return raw


def decode(code: str, credential_hash: str) -> SmsAlert:
    """The alert in a code, if the device's key signed it."""
    raw = _raw(code)
    payload, mac = raw[:-MAC_BYTES], raw[-MAC_BYTES:]
    if not hmac.compare_digest(_mac(credential_hash, payload), mac):
        raise InvalidCodeError(code)
    device_id, client, seconds, lat, lon, accuracy = struct.unpack(LAYOUT, payload)
    positioned = NO_POSITION not in (lat, lon)
    return SmsAlert(
        device_id=device_id, client_id=uuid.UUID(bytes=client),
        raised_at=datetime.fromtimestamp(seconds, tz=UTC),
        latitude=lat / 1e5 if positioned else None, longitude=lon / 1e5 if positioned else None,
        accuracy_m=accuracy,
    )  # fmt: skip


def code_in(text: str) -> str:
    """The code in an SMS's text ("ALERTA A1.xxxx", whatever the phone added around it)."""
    for word in (text or "").split():
        if word.startswith(PREFIX):
            return word
    raise InvalidCodeError(text)
