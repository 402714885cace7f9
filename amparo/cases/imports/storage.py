"""Uploaded files kept between the dry run and the confirmed import, under
MEDIA_ROOT/imports/. A file is named after its owner and a random token, so a token only
ever opens a file of the user who uploaded it; files are deleted after the import, and
forgotten ones after a day."""

import json
import re
import secrets
import time
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404

from amparo.accounts.models import User

MAX_AGE_SECONDS = 24 * 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _paths(user: User, token: str) -> tuple[Path, Path]:
    if not TOKEN.match(token or ""):
        raise Http404
    base = _folder() / f"{user.pk}-{token}"
    return base.with_suffix(".csv"), base.with_suffix(".json")


def store_upload(*, user: User, upload: UploadedFile, office_code: str = "") -> str:
    """Keep the upload for `user`; returns its token."""
    purge_stale()
    token = secrets.token_urlsafe(24)
    data_path, meta_path = _paths(user, token)
    with data_path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    meta = {"name": (upload.name or "archivo.csv")[:120], "office": office_code}
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return token


def stored_meta(*, user: User, token: str) -> dict[str, str]:
    """Name and office of a stored upload; Http404 if it is not this user's or is gone."""
    data_path, meta_path = _paths(user, token)
    if not data_path.exists() or not meta_path.exists():
        raise Http404
    return dict(json.loads(meta_path.read_text(encoding="utf-8")))


def open_stored(*, user: User, token: str) -> IO[bytes]:
    data_path, _meta = _paths(user, token)
    try:
        return data_path.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error


def delete_stored(*, user: User, token: str) -> None:
    for path in _paths(user, token):
        path.unlink(missing_ok=True)


def purge_stale(*, now: float | None = None) -> int:
    """Delete stored uploads older than a day; returns how many files went."""
    limit = (now or time.time()) - MAX_AGE_SECONDS
    removed = 0
    for path in _folder().iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
