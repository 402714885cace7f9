"""Reading import files: CSV rows with their line numbers, and the report of an import."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Línea %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do). With errors, nothing was written."""

    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFailedError(Exception):
    """Raised when any row is invalid; the whole import was rolled back."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("; ".join(str(error) for error in report.errors))
        self.report = report


def decode_upload(data: bytes) -> str:
    """Text of an uploaded CSV: UTF-8 (with or without BOM), else Latin-1 as Excel saves it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_rows(
    text: str, *, required: Iterable[str], one_of: Iterable[str] = ()
) -> tuple[list[tuple[int, dict[str, str]]], list[RowError]]:
    """Rows as (line number, {column: stripped value}); header problems as errors."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in required if name not in header]
    alternatives = list(one_of)
    if alternatives and not any(name in header for name in alternatives):
        missing.append(" o ".join(alternatives))
    if not header:
        return [], [RowError(1, _("El archivo está vacío o no tiene encabezados."))]
    if missing:
        message = _("Faltan columnas: %(columns)s.") % {"columns": ", ".join(missing)}
        return [], [RowError(1, message)]
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, str]]] = []
    errors: list[RowError] = []
    try:
        for row in reader:
            if None in row:
                errors.append(RowError(reader.line_num, _("La fila tiene columnas de más.")))
                continue
            values = {key: (value or "").strip() for key, value in row.items()}
            if any(values.values()):
                rows.append((reader.line_num, values))
    except csv.Error as error:
        errors.append(RowError(reader.line_num, _("CSV mal formado: %(error)s") % {"error": error}))
    return rows, errors
