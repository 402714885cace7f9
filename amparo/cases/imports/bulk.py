"""Multi-row INSERT … VALUES for large imports, without the ORM's per-value compilation
(which costs more than the database work at 100,000+ rows, see demo/cases.py).

Values go through the same conversions as Field.get_db_prep_save, with shortcuts for plain
columns; encrypted fields always use their own conversion, so they are encrypted here too.
Columns a row does not give take the field's default, so fields added later still work.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from django.db import connection, models
from django.utils import timezone

from amparo.core.crypto import EncryptedTextField

MAX_PARAMETERS = 30_000  # under SQLite's 32,766 and PostgreSQL's 65,535 per statement
MAX_ROWS = 1000


def _text(value: Any) -> Any:
    return None if value is None else str(value)  # TextChoices → str


def _integer(value: Any) -> Any:
    return None if value is None else int(value)  # IntegerChoices → int


def _converter(field: models.Field) -> Callable[[Any], Any]:
    kind = field.get_internal_type()
    plain: dict[str, Callable[[Any], Any]] = {
        "CharField": _text,
        "TextField": _text,
        "SlugField": _text,
        "EmailField": _text,
        "BooleanField": bool,
        "DateTimeField": connection.ops.adapt_datetimefield_value,
        "DateField": connection.ops.adapt_datefield_value,
    }
    if isinstance(field, EncryptedTextField):
        return partial(field.get_db_prep_save, connection=connection)
    if field.is_relation or kind.endswith(("IntegerField", "AutoField")):
        return _integer
    return plain.get(kind) or partial(field.get_db_prep_save, connection=connection)


def _is_timestamp(field: models.Field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def insert_rows(
    model: type[models.Model],
    rows: Sequence[Mapping[str, Any]],
    *,
    returning: bool = False,
) -> list[int]:
    """INSERT `rows` ({attname: python value}); with `returning`, their new primary keys
    in the same order (PostgreSQL and SQLite ≥ 3.35 return them in VALUES order)."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    converters = [_converter(field) for field in fields]
    now = timezone.now()
    # (name a row may give, its conversion, the converted default); timestamps are always
    # "now", as pre_save would set them.
    plan = [
        (
            "" if _is_timestamp(field) else field.attname,
            convert,
            convert(now if _is_timestamp(field) else field.get_default()),
        )
        for field, convert in zip(fields, converters, strict=True)
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, min(MAX_ROWS, MAX_PARAMETERS // len(fields)))
    primary_key = str(model._meta.pk.column) if model._meta.pk else "id"
    suffix = f" RETURNING {quote(primary_key)}" if returning else ""
    ids: list[int] = []
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, per_statement):
            parameters: list[Any] = []
            for row in chunk:
                parameters.extend(
                    convert(row[name]) if name in row else default
                    for name, convert, default in plan
                )
            values = ", ".join([row_sql] * len(chunk))
            # Identifiers come from model metadata, quoted; every value is a parameter.
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {values}{suffix}"  # noqa: S608
            cursor.execute(sql, parameters)
            if returning:
                ids.extend(row[0] for row in cursor.fetchall())
    return ids


def _chunks[T](items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
