"""Secrets the alert button hands out: device credentials, provisioning codes, the family's
links and one-time codes. Each is random; the database keeps only its SHA-256, so a copy
of the database opens nothing."""

import hashlib
import hmac
import secrets


def new_token(nbytes: int = 32) -> str:
    """An opaque credential (256 bits by default) or link token, URL-safe."""
    return secrets.token_urlsafe(nbytes)


def new_code(digits: int = 6) -> str:
    """A short numeric code someone types (a family member, from an SMS)."""
    return f"{secrets.randbelow(10**digits):0{digits}d}"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def matches(secret: str, stored_digest: str) -> bool:
    return bool(stored_digest) and hmac.compare_digest(digest(secret), stored_digest)
