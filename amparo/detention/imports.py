"""Detentions from a CSV file (e.g. a list a facility or ICE sends the consulate): one line
per detained national with a case of the office. Every line is checked first (errors carry
their line number: an unknown facility, a case out of reach, a bad date), then all are
written in one transaction, or none."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from amparo.accounts.access import may_write_office, visible
from amparo.accounts.actor import Actor
from amparo.cases.folios import typed_folio
from amparo.cases.models import Case
from amparo.detention.models import Authority, Facility
from amparo.detention.services import detention_record
from amparo.network.models import Office

COLUMNS = ("folio", "centro", "autoridad", "fecha_detencion", "cargos", "proxima_audiencia")
REQUIRED = ("folio", "centro", "autoridad")
MAX_BYTES = 2_000_000
MAX_LINES = 5_000


@dataclass(frozen=True)
class LineError:
    line: int
    message: str


@dataclass
class ImportResult:
    created: int = 0
    errors: list[LineError] = field(default_factory=list)


@dataclass(frozen=True)
class _Line:
    case: Case
    facility: Facility
    authority: str
    detained_on: date | None
    charges: str
    next_hearing_at: datetime | None


def template_csv() -> str:
    return (
        ",".join(COLUMNS)
        + "\nCHI-2026-000123,BROADVIEW SERVICE STAGING,ice,2026-03-01,,2026-03-20 09:30\n"
    )


def detentions_import(*, actor: Actor, content: bytes) -> ImportResult:
    """Check every line; then record them all for the actor's office, or nothing."""
    office = actor.office
    if not may_write_office(actor, office.pk):
        raise PermissionDenied
    if len(content) > MAX_BYTES:
        raise ValidationError(_("El archivo es demasiado grande (máximo 2 MB)."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("El archivo debe estar en UTF-8.")) from error
    reader = csv.DictReader(io.StringIO(text))
    absent = set(REQUIRED) - set(reader.fieldnames or [])
    if absent:
        raise ValidationError(
            _("Faltan encabezados: %(names)s.") % {"names": ", ".join(sorted(absent))}
        )
    facilities = {f.name.casefold(): f for f in Facility.objects.filter(is_active=True)}
    cases = visible(actor, Case.objects.select_related("office")).filter(office=office)
    result, lines = ImportResult(), []
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_LINES:
            result.errors.append(
                LineError(number, _("demasiadas líneas (máximo %(max)s)") % {"max": MAX_LINES})
            )
            break
        try:
            lines.append(_parse(row, facilities, cases, office))
        except ValidationError as error:
            result.errors.append(LineError(number, " ".join(error.messages)))
    if result.errors:
        return result
    with transaction.atomic():
        for line in lines:
            detention_record(
                actor=actor, case=line.case, facility=line.facility, authority=line.authority,
                detained_on=line.detained_on, charges=line.charges,
                next_hearing_at=line.next_hearing_at,
            )  # fmt: skip
            result.created += 1
    return result


def _parse(
    row: dict[str, str], facilities: dict[str, Facility], cases: QuerySet[Case], office: Office
) -> _Line:
    missing = [name for name in REQUIRED if not (row.get(name) or "").strip()]
    if missing:
        raise ValidationError(
            _("faltan columnas obligatorias: %(names)s") % {"names": ", ".join(missing)}
        )
    facility = facilities.get(row["centro"].strip().casefold())
    if facility is None:
        raise ValidationError(_("centro desconocido: %(name)s") % {"name": row["centro"].strip()})
    folio = typed_folio(row["folio"].strip()) or ""
    case = cases.filter(folio=folio).first()
    if case is None:
        raise ValidationError(
            _("no hay un caso de su representación con el folio %(folio)s")
            % {"folio": row["folio"].strip()}
        )
    authority = row["autoridad"].strip().lower()
    if authority not in Authority.values:
        raise ValidationError(_("autoridad desconocida: %(value)s") % {"value": authority})
    try:
        detained = (row.get("fecha_detencion") or "").strip()
        hearing = (row.get("proxima_audiencia") or "").strip()
        detained_on = date.fromisoformat(detained) if detained else None
        next_hearing_at = (
            datetime.fromisoformat(hearing).replace(tzinfo=office.zone) if hearing else None
        )
    except ValueError as error:
        raise ValidationError(
            _("fecha (AAAA-MM-DD) u hora (AAAA-MM-DD HH:MM) no válida")
        ) from error
    if detained_on and detained_on > office.local_today():
        raise ValidationError(_("la fecha de detención está en el futuro"))
    return _Line(
        case, facility, authority, detained_on, (row.get("cargos") or "").strip(), next_hearing_at
    )
