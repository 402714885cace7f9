"""Limits of the cases app that operators may tune through the environment.

AMPARO_MAX_ATTACHMENT_MB (default 20) caps one attachment. A Django setting of the same
name, if present, wins (tests use it)."""

from django.conf import settings

from amparo.core.env import env_int

DEFAULT_MAX_ATTACHMENT_MB = env_int("AMPARO_MAX_ATTACHMENT_MB", 20)
# An XLSX sheet holds 1,048,576 rows including the header.
XLSX_MAX_ROWS = 1_048_575


def max_attachment_bytes() -> int:
    megabytes = int(getattr(settings, "AMPARO_MAX_ATTACHMENT_MB", DEFAULT_MAX_ATTACHMENT_MB))
    return megabytes * 1024 * 1024
