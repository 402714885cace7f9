"""django-ninja names each schema in the OpenAPI document by its class name alone: two
classes with one name share one definition, and one of them is then described wrongly
(an alerts "MeOut" once stood in for the accounts one). Names must be unique."""

from collections import Counter

from ninja import Schema
from pydantic import BaseModel

import config.api  # noqa: F401 - mounts every router, importing every schema


def _subclasses(base: type) -> set[type]:
    found: set[type] = set()
    sub: type
    for sub in base.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def test_every_api_schema_has_its_own_name() -> None:
    ours = [c for c in _subclasses(BaseModel) | _subclasses(Schema)
            if c.__module__.startswith(("amparo.", "config.")) and "." not in c.__qualname__]  # fmt: skip
    repeated = [name for name, n in Counter(c.__name__ for c in ours).items() if n > 1]
    assert repeated == [], repeated
