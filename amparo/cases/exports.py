"""The filtered case list as CSV (streamed row by row) or XLSX (openpyxl write-only mode,
spooled to a temporary file). Both read the list through the same scoped selector."""

import csv
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.limits import XLSX_MAX_ROWS
from amparo.cases.models import CASE_FLAGS, Case
from amparo.cases.permissions import export_needs_reason
from amparo.cases.selectors import CaseFilters, capped_count, case_export_rows
from amparo.core.spreadsheets import spreadsheet_cell

FORMATS = ("csv", "xlsx")
CHUNK_ROWS = 2_000


def headers() -> list[str]:
    return [
        _("Folio"),
        _("Representación"),
        _("Estatus"),
        _("Materia"),
        _("Subtipo"),
        _("Canal de ingreso"),
        _("Prioridad"),
        _("Indicadores"),
        _("Fecha de apertura"),
        _("Fecha de cierre"),
        _("Funcionario asignado"),
        _("Persona beneficiaria"),
    ]


def _local(value: datetime | None) -> datetime | None:
    return None if value is None else timezone.localtime(value).replace(tzinfo=None)


def row(case: Case) -> list[Any]:
    officer = case.assigned_to
    return [
        case.folio,
        case.office.code,
        case.status_label,
        case.materia.label,
        case.subtype.label,
        str(case.get_channel_display()),
        case.priority_label,
        "; ".join(str(label) for name, label in CASE_FLAGS.items() if getattr(case, name)),
        _local(case.opened_at),
        _local(case.closed_at),
        (officer.get_full_name() or officer.username) if officer else "",
        case.beneficiary.full_name,
    ]


def start_export(
    *,
    actor: Actor,
    filters: CaseFilters,
    export_format: str,
    reason: str,
) -> Iterable[Case]:
    """Check the export may run, write its access record (EXPORT, with the stated reason
    and the filters) and return the rows. Raises ValidationError with a clear message."""
    reason = " ".join((reason or "").split())
    if export_format not in FORMATS:
        raise ValidationError({"export_format": _("Formato no válido: use csv o xlsx.")})
    if export_needs_reason(actor) and not reason:
        raise ValidationError(
            {
                "reason": _(
                    "Indique el motivo de la exportación: incluye datos personales y su "
                    "rol exige justificarla."
                )
            }
        )
    rows = case_export_rows(actor, filters)
    if export_format == "xlsx" and capped_count(rows, XLSX_MAX_ROWS)[1]:
        raise ValidationError(
            {"export_format": _("Demasiados casos para XLSX; use CSV o filtre la lista.")}
        )
    summary = f"{export_format}; {filters.summary()}"
    audit_record(
        actor=actor,
        action=Action.EXPORT,
        target_type="cases.case",
        reason=f"{reason} | {summary}" if reason else summary,
    )
    return rows.iterator(chunk_size=CHUNK_ROWS)  # type: ignore[attr-defined,no-any-return]


def _filename(extension: str) -> str:
    return f"casos-{timezone.localdate():%Y%m%d}.{extension}"


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(cases: Iterable[Case]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
    yield writer.writerow(headers())
    for case in cases:
        values = row(case)
        yield writer.writerow(
            [
                spreadsheet_cell(v.strftime("%Y-%m-%d %H:%M") if isinstance(v, datetime) else v)
                for v in values
            ]
        )


def csv_response(cases: Iterable[Case]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(cases), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    _private(response)
    return response


def _xlsx_file(cases: Iterable[Case]) -> IO[bytes]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Casos")[:31])
    sheet.append(headers())
    for case in cases:
        sheet.append([spreadsheet_cell(value) for value in row(case)])
    spooled = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes (and so removes) it
    workbook.save(spooled)
    spooled.seek(0)
    return spooled


def xlsx_response(cases: Iterable[Case]) -> FileResponse:
    response = FileResponse(
        _xlsx_file(cases),
        as_attachment=True,
        filename=_filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    _private(response)
    return response


def export_response(export_format: str, cases: Iterable[Case]) -> Any:
    return xlsx_response(cases) if export_format == "xlsx" else csv_response(cases)


def _private(response: Any) -> None:
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
