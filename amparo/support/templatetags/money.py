"""{{ cents|money:"USD" }} → "USD 1,234.56": amounts are stored in minor units."""

from django import template

register = template.Library()


@register.filter
def money(cents: int | None, currency: str = "") -> str:
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{currency} {sign}{whole:,}.{rest:02d}".strip()
