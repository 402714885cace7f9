"""POST /api/v1/cases/import: the same import as the page and the command, as JSON.

Mount with `api.add_router("/cases/import", build_router())` (config/api.py). A clean file
answers 200 (dry run: what would be written; real run: what was written); a file with
errors answers 422 with {"detail": ..., "errors": [{line, column, message}], ...} and
nothing written; a role that may not import answers 403."""

from typing import IO, Any, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.responses import Status

from amparo.accounts.actor import acting
from amparo.cases.imports.forms import MAX_UPLOAD_BYTES
from amparo.cases.imports.services import ImportReport, cases_import


class InvalidInputOut(Schema):
    """The request itself was invalid (no file, a wrong field): no report was made."""

    detail: str
    errors: list[dict[str, Any]]


class RowErrorOut(Schema):
    line: int
    column: str
    message: str


class SkippedOut(Schema):
    line: int
    reference: str


class ImportReportOut(Schema):
    detail: str
    dry_run: bool
    written: bool
    batch: str
    rows: int
    cases: int
    new_people: int
    reused_people: int
    per_office: dict[str, int]
    skipped: list[SkippedOut]
    errors: list[RowErrorOut]


def _out(report: ImportReport) -> ImportReportOut:
    if not report.ok:
        detail = _("El archivo tiene %(lines)s filas con errores; no se importó nada.") % {
            "lines": report.bad_lines
        }
    elif report.written:
        detail = _("Importación terminada: %(cases)s casos.") % {"cases": report.cases}
    else:
        detail = _("Revisión sin errores: %(cases)s casos se importarían.") % {
            "cases": report.cases
        }
    return ImportReportOut(
        detail=detail,
        dry_run=report.dry_run,
        written=report.written,
        batch=report.batch,
        rows=report.rows,
        cases=report.cases,
        new_people=report.new_people,
        reused_people=report.reused_people,
        per_office=report.per_office,
        skipped=[SkippedOut(line=s.line, reference=s.reference) for s in report.skipped],
        errors=[
            RowErrorOut(line=e.line, column=e.column, message=e.message) for e in report.errors
        ],
    )


def build_router() -> Router:
    """A fresh router (a ninja router belongs to one API; tests mount their own)."""
    router = Router(tags=["cases"])

    @router.post("", response={200: ImportReportOut, 422: ImportReportOut | InvalidInputOut})
    def import_cases(
        request: HttpRequest,
        file: File[UploadedFile],
        dry_run: Form[bool] = True,
        office: Form[str] = "",
    ) -> Status[ImportReportOut]:
        """Import cases and beneficiaries from a CSV file (docs/import-format.md).
        dry_run (default true) only checks; a real run writes every row or none."""
        actor = acting(request)
        if (file.size or 0) > MAX_UPLOAD_BYTES:
            raise HttpError(413, _("El archivo pasa de 64 MB; use el comando import_cases."))
        try:
            report = cases_import(
                actor=actor,
                source=cast("IO[bytes]", file.file),
                file_name=file.name or "archivo.csv",
                dry_run=dry_run,
                office_code=office,
            )
        except PermissionDenied as error:
            raise HttpError(403, _("No tiene permiso para importar casos.")) from error
        return Status(200 if report.ok else 422, _out(report))

    return router


router = build_router()
