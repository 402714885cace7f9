"""How the JSON API reads request bodies."""

import json
from typing import Any, cast

from django.http import HttpRequest
from ninja.parser import Parser


class TextSafeJsonParser(Parser):
    """JSON whose strings are all valid Unicode text. JSON may escape a lone surrogate
    ("\\ud800"), which no database column can store; refusing it here (400, like any body
    that cannot be parsed) keeps it from failing deep in a write."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # UnicodeEncodeError: a ValueError
        return cast("dict[str, Any]", data)
