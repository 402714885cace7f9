"""Re-encrypt every encrypted column with the primary key (first of AMPARO_FIELD_KEYS), and
with --reindex recompute every blind index with the current AMPARO_INDEX_KEY.

Idempotent and resumable: values already under the primary key are skipped, each batch
commits on its own, so an interrupted run is simply started again. See docs/encryption.md.
"""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, models, transaction

from amparo.core.crypto import (
    encrypted_fields,
    forget_keys,
    is_under_primary_key,
    refresh_blind_indexes,
    rotate,
)


class Command(BaseCommand):
    help = "Re-encrypt encrypted columns with the primary field key; --reindex rebuilds indexes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument(
            "--reindex", action="store_true", help="Recompute blind indexes (new index key)."
        )

    def handle(self, *args: Any, batch_size: int, reindex: bool, **options: Any) -> None:
        forget_keys()
        for model in apps.get_models():
            fields = encrypted_fields(model)
            if not fields:
                continue
            for field in fields:
                rotated = rotate_column(model, str(field.column), batch_size=batch_size)
                self.stdout.write(f"{model._meta.label}.{field.name}: {rotated} re-encrypted")
            if reindex and any(f.blind_index for f in fields):
                count = reindex_model(model, batch_size=batch_size)
                self.stdout.write(f"{model._meta.label}: {count} rows reindexed")


def rotate_column(model: type[models.Model], column: str, *, batch_size: int) -> int:
    """Walk the table by primary key, re-encrypting the tokens the primary key cannot
    read. Raw SQL, so the ORM never decrypts and re-encrypts values that need nothing."""
    quote = connection.ops.quote_name
    assert model._meta.pk is not None
    table, pk = quote(model._meta.db_table), quote(str(model._meta.pk.column))
    col = quote(column)
    last, rotated = None, 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            where = f"{col} IS NOT NULL AND {col} <> ''"
            params: list[Any] = []
            if last is not None:
                where += f" AND {pk} > %s"
                params.append(last)
            cursor.execute(
                f"SELECT {pk}, {col} FROM {table} WHERE {where} ORDER BY {pk} LIMIT %s",  # noqa: S608 - names quoted, values bound
                [*params, batch_size],
            )
            rows = cursor.fetchall()
            if not rows:
                return rotated
            changes = [
                (rotate(token), key) for key, token in rows if not is_under_primary_key(token)
            ]
            if changes:
                cursor.executemany(
                    f"UPDATE {table} SET {col} = %s WHERE {pk} = %s",  # noqa: S608
                    changes,
                )
            rotated += len(changes)
            last = rows[-1][0]


def reindex_model(model: type[models.Model], *, batch_size: int) -> int:
    index_names = [f.blind_index for f in encrypted_fields(model) if f.blind_index]
    manager = model._base_manager
    last, count = 0, 0
    while True:
        batch = list(manager.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return count
        for row in batch:
            refresh_blind_indexes(row)
        with transaction.atomic():
            manager.bulk_update(batch, index_names)
        count += len(batch)
        last = batch[-1].pk
