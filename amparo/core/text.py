"""Free text a service accepts: trimmed, within a length, present when it must be."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_TEXT = 10_000


def clean_text(value: str | None, field: str, *, required: bool, limit: int = MAX_TEXT) -> str:
    """`value` trimmed; ValidationError on `field` if it is missing (when `required`) or
    longer than `limit`. Every caller says whether the text is required."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Este campo es obligatorio.")})
    if len(value) > limit:
        raise ValidationError({field: _("El texto es demasiado largo.")})
    return value
