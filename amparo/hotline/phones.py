"""Caller numbers in one canonical form (E.164), so earlier calls are found by equality."""

import phonenumbers

# Callers dial from the United States and Canada (one numbering plan) and from Mexico.
REGIONS = ("US", "MX")


class InvalidPhoneError(ValueError):
    pass


def normalize_phone(raw: str, *, origin_country: str = "US") -> str:
    """ "(520) 623-7874", "+52 55 1234 5678", "001 520 623 7874" → E.164. A number without
    a country code is read as from `origin_country` first, then the US, then Mexico.
    Raises InvalidPhoneError for anything that is not a valid number; "" stays ""."""
    text = (raw or "").strip()
    if not text:
        return ""
    if text.startswith("00"):
        text = "+" + text[2:]
    regions = dict.fromkeys(
        [origin_country if origin_country in ("US", "CA", "MX") else "US", *REGIONS]
    )
    for region in regions:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise InvalidPhoneError(raw)
