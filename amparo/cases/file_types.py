"""Which files a case may hold: the type is recognised from the content (magic bytes) and
must agree with the file name's extension. No Django here, so it is tested without a
database; callers pass an open binary file positioned anywhere."""

import codecs
import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from amparo.cases.workflow import gettext_noop

CHUNK = 64 * 1024
TEXT_CONTROL_ALLOWED = {"\t", "\n", "\r", "\f"}


class FileTypeError(ValueError):
    """The file is not acceptable. `message` is a Spanish msgid, `params` fill its %(...)s."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class FileType:
    name: str
    content_type: str
    extensions: frozenset[str]


PDF = FileType("pdf", "application/pdf", frozenset({".pdf"}))
JPEG = FileType("jpeg", "image/jpeg", frozenset({".jpg", ".jpeg"}))
PNG = FileType("png", "image/png", frozenset({".png"}))
WEBP = FileType("webp", "image/webp", frozenset({".webp"}))
TEXT = FileType("text", "text/plain; charset=utf-8", frozenset({".txt"}))
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    frozenset({".docx"}),
)
XLSX = FileType(
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    frozenset({".xlsx"}),
)
_MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
ALLOWED_TYPES = (PDF, JPEG, PNG, WEBP, TEXT, DOCX, XLSX)
ALLOWED_EXTENSIONS = frozenset(ext for kind in ALLOWED_TYPES for ext in kind.extensions)


@dataclass(frozen=True)
class CheckedFile:
    file_type: FileType
    size: int
    sha256: str


def safe_display_name(name: str) -> str:
    """The uploaded name without any directory part or control characters, at most 255
    characters (it is only ever shown and sent back as Content-Disposition)."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    if len(cleaned) > 255:
        ext = extension_of(cleaned)[:16]
        cleaned = cleaned[: 255 - len(ext)] + ext
    return cleaned or "documento"


def extension_of(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


def _sniff_zip(stream: IO[bytes]) -> FileType | None:
    """An Office Open XML document by the parts it lists (nothing is decompressed)."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None  # macro-enabled documents are refused whatever their extension
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def _is_text(stream: IO[bytes]) -> bool:
    """UTF-8 throughout, without NUL or other control characters."""
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        while chunk := stream.read(CHUNK):
            if not _plain(decoder.decode(chunk)):
                return False
        return _plain(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        return False


def _plain(text: str) -> bool:
    return all(ch in TEXT_CONTROL_ALLOWED or unicodedata.category(ch) != "Cc" for ch in text)


def sniff(stream: IO[bytes]) -> FileType | None:
    """The allowed type the content is, by its first bytes; None if it is none of them."""
    stream.seek(0)
    head = stream.read(16)
    for magic, file_type in _MAGIC:
        if head.startswith(magic):
            return file_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(stream)
    return TEXT if _is_text(stream) else None


def _digest(stream: IO[bytes]) -> tuple[int, str]:
    stream.seek(0)
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    stream.seek(0)
    return size, digest.hexdigest()


def check_file(stream: IO[bytes], *, name: str, max_bytes: int) -> CheckedFile:
    """Accept the file or raise FileTypeError: not empty, not over `max_bytes`, content of
    an allowed type, and an extension that matches that content."""
    size, sha256 = _digest(stream)
    if size == 0:
        raise FileTypeError(gettext_noop("El archivo está vacío."))
    if size > max_bytes:
        raise FileTypeError(
            gettext_noop("El archivo excede el tamaño máximo de %(megabytes)s MB."),
            megabytes=max_bytes // (1024 * 1024),
        )
    extension = extension_of(name)
    if extension not in ALLOWED_EXTENSIONS:
        raise FileTypeError(
            gettext_noop("Tipo de archivo no permitido. Use PDF, JPG, PNG, WEBP, TXT, DOCX o XLSX.")
        )
    file_type = sniff(stream)
    stream.seek(0)
    if file_type is None or extension not in file_type.extensions:
        raise FileTypeError(gettext_noop("El contenido del archivo no corresponde a su extensión."))
    return CheckedFile(file_type=file_type, size=size, sha256=sha256)
