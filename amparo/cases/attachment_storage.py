"""Where attachment files live: the default storage (MEDIA_ROOT, outside the web root), one
folder per case, each file under a random name that reveals nothing about its content."""

import secrets
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import default_storage


def new_storage_name(case_id: int) -> str:
    return f"cases/{case_id}/{secrets.token_hex(16)}"


def store(content: Any, *, case_id: int) -> str:
    """Write `content` (an uploaded file) and return the storage name it got."""
    return default_storage.save(new_storage_name(case_id), File(content))


def open_stored(name: str) -> IO[bytes]:
    """Raises FileNotFoundError if the file is gone."""
    return default_storage.open(name, "rb")  # type: ignore[no-any-return]


def delete_stored(name: str) -> None:
    default_storage.delete(name)


def exists(name: str) -> bool:
    return default_storage.exists(name)
