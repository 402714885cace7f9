"""Signed telephony webhooks: HMAC-SHA256 over "<timestamp>.<raw body>" with a shared
secret, and a timestamp no older than five minutes (nor more than five in the future).

The timestamp is inside the signed text so that an old request cannot be replayed with a
fresh timestamp header."""

import hashlib
import hmac

MAX_AGE_SECONDS = 300
PREFIX = "sha256="


def signature_for(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return PREFIX + digest.hexdigest()


def is_fresh(timestamp: str, *, now: float) -> bool:
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    return abs(now - sent) <= MAX_AGE_SECONDS


def is_authentic(secret: str, *, timestamp: str, body: bytes, signature: str) -> bool:
    """Constant-time check; an empty secret authenticates nothing."""
    if not secret or not signature:
        return False
    return hmac.compare_digest(signature_for(secret, timestamp, body), signature)
