"""How the JSON API reads request bodies and query strings."""

import json
from typing import Any, cast

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.parser import Parser


def _storable(value: Any) -> bool:
    """Every string in `value` can be stored as text: no NUL character (PostgreSQL refuses
    it) and no lone surrogate (JSON may escape one, "\\ud800"; no encoding can store it)."""
    if isinstance(value, str):
        if "\x00" in value:
            return False
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_storable(key) and _storable(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_storable(item) for item in value)
    return True


class StorableTextParser(Parser):
    """Refuses (400, like any body that cannot be parsed) text that no column can store,
    instead of letting it fail deep in a write as a 500."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        if not _storable(data):
            raise BadRequest("text that cannot be stored")
        return cast("dict[str, Any]", data)

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        parsed = super().parse_querydict(data, list_fields, request)
        if not _storable(parsed):
            raise BadRequest("text that cannot be stored")
        return parsed
