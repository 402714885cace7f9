from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

# Each language is offered under its own name (autonym), never translated.
AUTONYMS = {"es": "Español", "en": "English"}


def languages(request: HttpRequest) -> dict[str, Any]:
    """The languages the page is not shown in, for the header's switcher: (code, autonym)."""
    current = get_language()
    return {
        "other_languages": [
            (code, AUTONYMS.get(code.split("-")[0], str(name)))
            for code, name in settings.LANGUAGES
            if code != current
        ]
    }
