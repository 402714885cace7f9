"""The access trail as CSV (UTF-8 with BOM so spreadsheet programs read the accents)."""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import asdict

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from amparo.audit.models import AccessRecord
from amparo.audit.selectors import RecordFilters
from amparo.core.spreadsheets import spreadsheet_cell


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe(value: object) -> str:
    return spreadsheet_cell("" if value is None else str(value))


def header() -> list[str]:
    return [
        _("Fecha y hora (UTC)"),
        _("Cuenta"),
        _("Rol"),
        _("Representación"),
        _("Acción"),
        _("Tipo de registro"),
        _("Registro"),
        _("Representación dueña"),
        _("Resultado"),
        _("Dirección IP"),
        _("Ruta"),
        _("Motivo"),
    ]


def row(record: AccessRecord) -> list[str]:
    return [
        _safe(record.at.isoformat()),
        _safe(record.username),
        _safe(record.role),
        _safe(record.office.code if record.office else ""),
        _safe(record.action),
        _safe(record.target_type),
        _safe(record.target_id),
        _safe(record.target_office.code if record.target_office else ""),
        _safe(record.outcome),
        _safe(record.ip_address),
        _safe(record.path),
        _safe(record.reason),
    ]


def csv_lines(records: QuerySet[AccessRecord]) -> Iterator[str]:
    """Stream the records as CSV lines, reading the database in chunks."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header())
    for record in records.iterator(chunk_size=2000):
        yield writer.writerow(row(record))


def describe(filters: RecordFilters) -> str:
    """The filters used, for the audit reason: field names and ids, no personal values."""
    parts: Iterable[str] = (
        f"{name}={value}" for name, value in asdict(filters).items() if value not in ("", None)
    )
    return "; ".join(parts) or "sin filtros"
