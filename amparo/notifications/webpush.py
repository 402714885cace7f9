"""Web Push (RFC 8030) with VAPID (RFC 8292) and an encrypted payload (RFC 8291), through
pywebpush. Payloads carry ids only: whoever intercepts or reads a lock screen learns nothing;
the page or service worker that receives one asks the server what it means.

A subscription is an endpoint on the browser vendor's push service plus the browser's keys.
Only endpoints on the hosts in AMPARO_PUSH_SERVICE_HOSTS are accepted, so nobody can make the
server post to an address of their choosing."""

import base64
import fnmatch
import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

logger = logging.getLogger(__name__)

TTL_SECONDS = 3600  # a push older than an hour is no news any more
TIMEOUT_SECONDS = 10
GONE = (404, 410)  # the push service forgot the subscription: delete it
_P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


@dataclass(frozen=True)
class Subscription:
    endpoint: str
    p256dh: str
    auth: str


@dataclass(frozen=True)
class PushResult:
    ok: bool
    gone: bool = False
    error: str = ""


def configured() -> bool:
    return bool(settings.AMPARO_VAPID_PRIVATE_KEY) or not settings.PRODUCTION


@cache
def _private_key() -> ec.EllipticCurvePrivateKey:
    pem = settings.AMPARO_VAPID_PRIVATE_KEY
    if pem:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("AMPARO_VAPID_PRIVATE_KEY must be an EC P-256 key")
        return key
    # Development and tests: a stable key from the secret, so every process agrees on it.
    seed = hashlib.sha256(f"{settings.SECRET_KEY}:vapid".encode()).digest()
    return ec.derive_private_key(int.from_bytes(seed) % _P256_ORDER, ec.SECP256R1())


def application_server_key() -> str:
    """The public key browsers subscribe with (base64url, uncompressed point)."""
    raw = (
        _private_key()
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _host_allowed(host: str) -> bool:
    return any(fnmatch.fnmatch(host, pattern) for pattern in settings.AMPARO_PUSH_SERVICE_HOSTS)


def _b64_length(value: str) -> int:
    try:
        return len(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except ValueError:
        return -1


def checked(endpoint: str, p256dh: str, auth: str) -> Subscription:
    """A subscription from a browser, or ValidationError with the reason."""
    if not configured():
        raise ValidationError(_("Las notificaciones push no están configuradas."))
    parts = urlsplit(endpoint)
    local = parts.hostname in ("127.0.0.1", "localhost")
    if parts.scheme != "https" and not (local and parts.scheme == "http"):
        raise ValidationError({"endpoint": _("La dirección de notificaciones no es válida.")})
    if not parts.hostname or not _host_allowed(parts.hostname):
        raise ValidationError({"endpoint": _("Ese servicio de notificaciones no está admitido.")})
    if _b64_length(p256dh) != 65 or _b64_length(auth) != 16:  # RFC 8291 §3
        raise ValidationError({"keys": _("Las claves de la suscripción no son válidas.")})
    return Subscription(endpoint=endpoint, p256dh=p256dh, auth=auth)


def send(subscription: Subscription, payload: Mapping[str, object], *, urgent: bool) -> PushResult:
    """Post one encrypted message. Never raises: the caller records the result."""
    try:
        webpush(
            subscription_info={"endpoint": subscription.endpoint,
                               "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth}},
            data=json.dumps(payload, separators=(",", ":")),
            vapid_private_key=Vapid(private_key=_private_key()),
            vapid_claims={"sub": settings.AMPARO_VAPID_SUBJECT},
            ttl=TTL_SECONDS, timeout=TIMEOUT_SECONDS,
            headers={"Urgency": "high" if urgent else "normal"},
        )  # fmt: skip
    except WebPushException as error:
        status = error.status_code
        return PushResult(ok=False, gone=status in GONE, error=f"push:{status or 'network'}")
    except Exception as error:  # a push service down or unreachable: retried by the caller
        logger.warning("Push failed: %s", type(error).__name__)
        return PushResult(ok=False, error=type(error).__name__)
    return PushResult(ok=True)
