"""The one bulk writer for large writes (a CSV import of cases, the demo's million cases and
calls): model instances or {attname: value} rows go in without the ORM's per-value SQL
compilation, which costs more than the database work at 100,000+ rows (docs/decisions.md).

Values go through the same conversions as Field.get_db_prep_save, with shortcuts for plain
columns; encrypted fields always use their own conversion, so they are encrypted here too.
Timestamps with auto_now or auto_now_add are "now", as pre_save would set them. A column a
row does not give takes the field's default, so fields added later still work. No save() and
no signals: instances get their derived fields (blind indexes, search names) as bulk_create
gives them; rows must carry theirs.

PostgreSQL: the primary keys are reserved from the table's sequence and the rows streamed with
COPY (psycopg adapts every parameter of a large INSERT on the client). SQLite: multi-row
INSERT … RETURNING, which returns keys in VALUES order.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from django.db import connection, models
from django.utils import timezone

from amparo.core.crypto import EncryptedTextField, refresh_derived

MAX_PARAMETERS = 30_000  # under SQLite's 32,766 parameters per statement
MAX_ROWS = 1000


def insert_objects[M: models.Model](objects: Sequence[M]) -> Sequence[M]:
    """INSERT unsaved instances of one model and set their primary keys, as bulk_create."""
    if not objects:
        return objects
    model = type(objects[0])
    for obj in objects:
        refresh_derived(obj)
    names = [field.attname for field in _fields(model)]
    ids = insert_rows(model, [{name: getattr(obj, name) for name in names} for obj in objects])
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
    return objects


def insert_rows(model: type[models.Model], rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """INSERT rows given as {attname: python value}; returns their new primary keys, in order."""
    if not rows:
        return []
    fields = _fields(model)
    now = timezone.now()
    # (name a row may give, its conversion, the converted default, whether a missing value
    # means the default). auto_now is always now; auto_now_add is now unless the row dates
    # itself (historical rows: demo data), as an unsaved instance's None means "now".
    plan = [
        (
            "" if getattr(field, "auto_now", False) else field.attname,
            convert,
            convert(now if _is_timestamp(field) else field.get_default()),
            _is_timestamp(field),
        )
        for field, convert in ((field, _converter(field)) for field in fields)
    ]
    values = (
        [
            convert(row[name]) if name in row and not (stamped and row[name] is None) else default
            for name, convert, default, stamped in plan
        ]
        for row in rows
    )
    if connection.vendor == "postgresql":
        return _copy(model, fields, values, len(rows))
    return _insert_returning(model, fields, values, len(rows))


def _copy(
    model: type[models.Model], fields: list[models.Field], values: Iterator[list[Any]], count: int
) -> list[int]:
    quote = connection.ops.quote_name
    table, primary_key = str(model._meta.db_table), _primary_key(model)
    columns = ", ".join(quote(name) for name in [primary_key, *(str(f.column) for f in fields)])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [quote(table), primary_key, count],
        )
        ids = [row[0] for row in cursor.fetchall()]
        # Identifiers come from the model's metadata, quoted; values are streamed as data.
        with cursor.cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
            for pk, row in zip(ids, values, strict=True):
                copy.write_row([pk, *row])
    return ids


def _insert_returning(
    model: type[models.Model], fields: list[models.Field], values: Iterator[list[Any]], count: int
) -> list[int]:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, min(MAX_ROWS, MAX_PARAMETERS // len(fields)))
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, count, per_statement):
            chunk = [next(values) for _ in range(min(per_statement, count - start))]
            parameters = [value for row in chunk for value in row]
            # Identifiers come from the model's metadata, quoted; every value is a parameter.
            sql = (
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
                f"VALUES {', '.join([row_sql] * len(chunk))} "
                f"RETURNING {quote(_primary_key(model))}"
            )
            cursor.execute(sql, parameters)
            ids.extend(row[0] for row in cursor.fetchall())
    return ids


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def _primary_key(model: type[models.Model]) -> str:
    assert model._meta.pk is not None
    return str(model._meta.pk.column)


def _is_timestamp(field: models.Field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _text(value: Any) -> Any:
    return None if value is None else str(value)  # TextChoices → str


def _integer(value: Any) -> Any:
    return None if value is None else int(value)  # IntegerChoices → int


def _converter(field: models.Field) -> Callable[[Any], Any]:
    """How a Python value of `field` becomes a parameter (as Field.get_db_prep_save)."""
    if isinstance(field, EncryptedTextField):
        return partial(field.get_db_prep_save, connection=connection)
    kind = field.get_internal_type()
    if field.is_relation or kind.endswith(("IntegerField", "AutoField")):
        return _integer
    plain: dict[str, Callable[[Any], Any]] = {
        "CharField": _text,
        "TextField": _text,
        "SlugField": _text,
        "EmailField": _text,
        "BooleanField": bool,
        "DateTimeField": connection.ops.adapt_datetimefield_value,
        "DateField": connection.ops.adapt_datefield_value,
    }
    return plain.get(kind) or partial(field.get_db_prep_save, connection=connection)
