"""`cases_import`: the one entry point of the command, the page and the API.

Rules (tested in tests/test_import_*.py):
  1. Central administration imports into any office; heads of office and consular officers
     only into their own office (a row for another office is an error). Nobody else imports.
  2. A dry run checks every row and writes nothing.
  3. A real run checks the same way and writes all rows or none (one transaction).
  4. A row whose external reference was already imported into its office is skipped, and
     reported as such, in dry and real runs alike.
  5. A beneficiary whose CURP or A-number matches a person of the same office is reused.
  6. A real run appends one access record (target type "cases.import"); the cases' opening
     events carry the import batch id and the row's external reference.
"""

import secrets
from collections import Counter
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.access import may_write_office
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.imports.matching import Resolution, SkippedRow, resolve
from amparo.cases.imports.rows import (
    FileFormatError,
    ImportRow,
    Lookups,
    OfficeInfo,
    RowError,
    RowValidator,
    SubtypeInfo,
    office_zone,
    read_rows,
)
from amparo.cases.imports.writer import folio_key, lock_counters, write_import
from amparo.cases.models import Materia, Subtype
from amparo.network.models import Office
from amparo.network.selectors import current_jurisdiction

IMPORT_ROLES = frozenset({Role.CENTRAL_ADMIN, Role.HEAD_OF_OFFICE, Role.CONSULAR_OFFICER})
AUDIT_TARGET_TYPE = "cases.import"


@dataclass
class ImportReport:
    """What an import found and (for a real run without errors) wrote."""

    file_name: str
    dry_run: bool
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    cases: int = 0
    new_people: int = 0
    reused_people: int = 0
    per_office: dict[str, int] = field(default_factory=dict)
    batch: str = ""
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_lines(self) -> int:
        return len({error.line for error in self.errors})


class _AbortImportError(Exception):
    """Leaves the transaction (rolling back) when checks inside it find errors."""


def can_import(actor: Actor | None) -> bool:
    return actor is not None and actor.role in IMPORT_ROLES


def can_import_into(actor: Actor, office_id: int) -> bool:
    return can_import(actor) and may_write_office(actor, office_id)


def build_lookups(actor: Actor, default_office: OfficeInfo | None = None) -> Lookups:
    offices = {
        code: OfficeInfo(pk, code, office_zone(zone))
        for pk, code, zone in Office.objects.values_list("pk", "code", "time_zone")
    }
    subtypes = {
        (materia, code): SubtypeInfo(materia_id, pk, retired is not None)
        for pk, code, materia_id, materia, retired in Subtype.objects.values_list(
            "pk", "code", "materia_id", "materia__code", "retired_at"
        )
    }
    materias = {
        code: retired is not None
        for code, retired in Materia.objects.values_list("code", "retired_at")
    }
    return Lookups(
        offices=offices,
        materias=materias,
        subtypes=subtypes,
        jurisdiction=current_jurisdiction(),
        can_import_into=lambda office_id: can_import_into(actor, office_id),
        default_office=default_office,
    )


def cases_import(
    *,
    actor: Actor,
    source: IO[bytes],
    file_name: str,
    dry_run: bool = True,
    office_code: str = "",
) -> ImportReport:
    """Check (and unless `dry_run`, write) a file in the import format. Errors never raise:
    they come back in the report, with nothing written. PermissionDenied if the actor may
    not import at all."""
    if not can_import(actor):
        raise PermissionDenied
    report = ImportReport(file_name=file_name[:120], dry_run=dry_run)
    default_office = None
    if office_code:
        default_office = _default_office(actor, office_code.strip().upper(), report)
        if default_office is None:
            return report
    rows = _checked_rows(source, build_lookups(actor, default_office), report)
    if not report.ok:
        return report
    if dry_run:
        _apply(report, resolve(rows))
        return report
    report.batch = secrets.token_hex(8)
    try:
        with transaction.atomic():
            counters = lock_counters(folio_key(row) for row in rows)
            resolution = resolve(rows)  # after the locks: no concurrent import slips in
            _apply(report, resolution)
            if not report.ok:
                raise _AbortImportError
            write_import(resolution=resolution, counters=counters, actor=actor, batch=report.batch)
            audit_record(
                actor=actor,
                action=Action.CREATE,
                target_type=AUDIT_TARGET_TYPE,
                target_id=report.batch,
                reason=_summary(report),
            )
    except _AbortImportError:
        return report
    report.written = True
    return report


def _default_office(actor: Actor, code: str, report: ImportReport) -> OfficeInfo | None:
    office = Office.objects.filter(code=code).values_list("pk", "code", "time_zone").first()
    if office is None:
        message = _("Clave de representación desconocida «%(code)s».") % {"code": code[:20]}
    elif not can_import_into(actor, office[0]):
        message = _("No puede importar casos en la representación %(code)s.") % {"code": code}
    else:
        return OfficeInfo(office[0], office[1], office_zone(office[2]))
    report.errors.append(RowError(0, "representacion", message))
    return None


def _checked_rows(source: IO[bytes], lookups: Lookups, report: ImportReport) -> list[ImportRow]:
    validator = RowValidator(lookups)
    rows: list[ImportRow] = []
    try:
        for line, values in read_rows(source):
            report.rows += 1
            checked = validator.validate(line, values)
            if isinstance(checked, ImportRow):
                rows.append(checked)
            else:
                report.errors.extend(checked)
    except FileFormatError as error:
        report.errors.append(RowError(error.line, "", error.message))
    return rows


def _apply(report: ImportReport, resolution: Resolution) -> None:
    report.errors.extend(resolution.errors)
    report.errors.sort(key=lambda error: error.line)
    report.skipped = resolution.skipped
    report.cases = len(resolution.rows)
    report.new_people = len(resolution.new_people)
    report.reused_people = len(resolution.reused_people)
    report.per_office = dict(sorted(Counter(row.office.code for row in resolution.rows).items()))


def _summary(report: ImportReport) -> str:
    """The access record's reason: file name and counts, never personal values."""
    return _(
        "%(file)s: %(cases)s casos, %(new)s personas nuevas, %(reused)s reutilizadas, "
        "%(skipped)s ya importados"
    ) % {
        "file": report.file_name[:100],
        "cases": report.cases,
        "new": report.new_people,
        "reused": report.reused_people,
        "skipped": len(report.skipped),
    }
