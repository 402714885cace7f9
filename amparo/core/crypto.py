"""Field encryption at rest and keyed blind indexes, with keys kept apart from SECRET_KEY.

Keys come from the environment:
  AMPARO_FIELD_KEYS  comma-separated Fernet keys; the first encrypts, all decrypt (rotation).
  AMPARO_INDEX_KEY   the HMAC key of the blind indexes (any long random string).
Outside production, missing keys are generated once and kept in VAR_DIR/keys (mode 0600,
never committed). They are never derived from SECRET_KEY: leaking one must not leak both.
docs/encryption.md describes rotation.
"""

import hashlib
import hmac
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

FIELD_KEYS_ENV = "AMPARO_FIELD_KEYS"
INDEX_KEY_ENV = "AMPARO_INDEX_KEY"


def _key_dir() -> Path:
    return Path(settings.VAR_DIR) / "keys"


def _read_or_create(name: str, make: Callable[[], str]) -> str:
    """Development and tests only: a key generated once and kept beside the database."""
    if getattr(settings, "PRODUCTION", False):
        raise ImproperlyConfigured(f"Set {name} in the environment (see docs/encryption.md).")
    path = _key_dir() / name.lower()
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # O_EXCL: two processes starting together must not write two different keys.
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(make())
    return path.read_text().strip()


def field_keys() -> list[str]:
    raw = os.environ.get(FIELD_KEYS_ENV, "").strip()
    if not raw:
        raw = _read_or_create(FIELD_KEYS_ENV, lambda: Fernet.generate_key().decode())
    keys = [key.strip() for key in raw.split(",") if key.strip()]
    if not keys:
        raise ImproperlyConfigured(f"{FIELD_KEYS_ENV} holds no key.")
    return keys


def index_key() -> bytes:
    raw = os.environ.get(INDEX_KEY_ENV, "").strip()
    if not raw:
        raw = _read_or_create(INDEX_KEY_ENV, lambda: Fernet.generate_key().decode())
    if len(raw) < 32:
        raise ImproperlyConfigured(f"{INDEX_KEY_ENV} must be at least 32 characters long.")
    return raw.encode()


@cache
def _fernets() -> tuple[MultiFernet, Fernet]:
    try:
        fernets = [Fernet(key.encode()) for key in field_keys()]
    except ValueError as error:
        raise ImproperlyConfigured(f"{FIELD_KEYS_ENV} holds a malformed Fernet key.") from error
    return MultiFernet(fernets), fernets[0]


@cache
def _index_key() -> bytes:
    return index_key()


def forget_keys() -> None:
    """Re-read the keys on next use (after the environment changed: rotation, tests)."""
    _fernets.cache_clear()
    _index_key.cache_clear()


def encrypt(value: str) -> str:
    return _fernets()[0].encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernets()[0].decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "An encrypted value cannot be read with the configured keys."
        ) from error


def is_under_primary_key(token: str) -> bool:
    try:
        _fernets()[1].decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def rotate(token: str) -> str:
    """The same plaintext, encrypted with the primary key."""
    return _fernets()[0].rotate(token.encode()).decode()


# --- Blind indexes ------------------------------------------------------------------------


def digits_only(value: str) -> str:
    return re.sub(r"\D", "", value or "")


def upper_alphanumerics(value: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", (value or "").upper())


NORMALIZERS: dict[str, Callable[[str], str]] = {
    "digits": digits_only,
    "alphanumeric": upper_alphanumerics,
}


def blind_index(value: str, kind: str) -> str:
    """HMAC-SHA256 of the normalised value ("" for an empty one): equal inputs give equal
    indexes, and the index reveals nothing without the index key."""
    normalized = NORMALIZERS[kind](value)
    if not normalized:
        return ""
    return hmac.new(_index_key(), normalized.encode(), hashlib.sha256).hexdigest()


# --- The model field -----------------------------------------------------------------------


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token. Python sees plaintext; the database never does.

    `blind_index` names a sibling CharField(max_length=64) that holds the keyed hash of the
    value normalised by `index_kind` ("digits" or "alphanumeric"); models keep it current
    with `refresh_blind_indexes` (called from save and bulk_create). Encrypted values
    cannot be filtered on: look them up through their index.
    """

    def __init__(
        self, *args: Any, blind_index: str = "", index_kind: str = "digits", **kwargs: Any
    ) -> None:
        if index_kind not in NORMALIZERS:
            raise ValueError(f"Unknown index kind {index_kind!r}")
        self.blind_index = blind_index
        self.index_kind = index_kind
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.blind_index:
            kwargs["blind_index"] = self.blind_index
            kwargs["index_kind"] = self.index_kind
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if not value:
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt(str(value))


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def refresh_blind_indexes(instance: models.Model) -> list[str]:
    """Recompute the blind indexes of `instance` from its plaintext; the index field names."""
    names = []
    for field in encrypted_fields(type(instance)):
        if field.blind_index:
            value = getattr(instance, field.attname) or ""
            setattr(instance, field.blind_index, blind_index(value, field.index_kind))
            names.append(field.blind_index)
    return names


def refresh_derived(instance: models.Model) -> None:
    """What save() derives before writing: the model's `refresh_derived_fields` if it has one
    (blind indexes and more), else its blind indexes."""
    refresh = getattr(instance, "refresh_derived_fields", None)
    if refresh is not None:
        refresh()
    else:
        refresh_blind_indexes(instance)


class BlindIndexedQuerySet[M: models.Model](models.QuerySet[M]):
    """bulk_create keeps blind indexes (and any `refresh_derived_fields`) current too."""

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[M]:
        objs = list(objs)
        for obj in objs:
            refresh_derived(obj)
        return super().bulk_create(objs, *args, **kwargs)


def encrypt_clear_columns(schema_editor: Any, columns_by_table: dict[str, tuple[str, ...]]) -> None:
    """For a data migration that turns text columns into EncryptedTextFields: the rows
    written before it hold clear text, encrypted here in place (raw SQL, since the field
    now decrypts whatever it reads)."""
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        for table, columns in columns_by_table.items():
            listed = ", ".join(quote(column) for column in columns)
            cursor.execute(f"SELECT id, {listed} FROM {quote(table)}")  # noqa: S608 - names from code
            assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
            for pk, *values in cursor.fetchall():
                cursor.execute(
                    f"UPDATE {quote(table)} SET {assignments} WHERE id = %s",  # noqa: S608
                    [encrypt(value) if value else value for value in values] + [pk],
                )
