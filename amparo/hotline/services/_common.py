"""Checks shared by the hotline services."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.hotline.permissions import can_log_calls

# Clocks of operators' PCs and the telephony provider drift a little.
CLOCK_SKEW = timedelta(minutes=2)


def require_call_taker(actor: Actor) -> None:
    if not can_log_calls(actor):
        raise PermissionDenied


def not_in_future(value: datetime, field: str) -> None:
    if value > timezone.now() + CLOCK_SKEW:
        raise ValidationError({field: _("La fecha no puede estar en el futuro.")})
