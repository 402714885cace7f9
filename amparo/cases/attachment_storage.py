"""Where attachment files live: the default storage (MEDIA_ROOT, outside the web root), one
folder per case (and per PALE contract), each file under a random name that reveals
nothing about its content."""

import secrets
from datetime import timedelta
from typing import IO, Any

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone


def new_storage_name(case_id: int) -> str:
    return f"cases/{case_id}/{secrets.token_hex(16)}"


def store(content: Any, *, case_id: int) -> str:
    """Write `content` (an uploaded file) and return the storage name it got."""
    return default_storage.save(new_storage_name(case_id), File(content))


def store_in(content: Any, *, folder: str) -> str:
    """Like store, for a file that belongs to no case (a PALE contract's documents)."""
    return default_storage.save(f"{folder}/{secrets.token_hex(16)}", File(content))


def open_stored(name: str) -> IO[bytes]:
    """Raises FileNotFoundError if the file is gone."""
    return default_storage.open(name, "rb")  # type: ignore[no-any-return]


def delete_stored(name: str) -> None:
    default_storage.delete(name)


def exists(name: str) -> bool:
    return default_storage.exists(name)


# Each top folder of the storage, and the model whose `storage_path` names its files.
FOLDERS = {"cases": "cases.CaseAttachment", "contracts": "legal.ContractDocument"}


def orphan_files(*, older_than: timedelta) -> list[str]:
    """Stored files no row names (an attachment, a contract document), last written more
    than `older_than` ago.

    They are left behind when an outer transaction rolls back after the upload succeeded
    (the upload's own rollback already removes its file). The age keeps an upload whose
    row is being written right now out of the list."""
    cutoff = timezone.now() - older_than
    orphans = []
    for top, model_name in FOLDERS.items():
        if not default_storage.exists(top):
            continue
        rows = apps.get_model(model_name)._default_manager
        for subfolder in default_storage.listdir(top)[0]:
            folder = f"{top}/{subfolder}"
            names = [f"{folder}/{name}" for name in default_storage.listdir(folder)[1]]
            known = set(rows.filter(storage_path__in=names).values_list("storage_path", flat=True))
            orphans += [
                name
                for name in names
                if name not in known and default_storage.get_modified_time(name) < cutoff
            ]
    return sorted(orphans)
