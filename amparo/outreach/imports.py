"""Past events from a CSV file: every line is checked first (errors carry their line
number), then all are written in one transaction, or none. Lines whose reference the
office already imported are skipped, so a file can be sent again."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.network.models import Office
from amparo.outreach.models import Event, EventKind, EventReport, EventStatus
from amparo.outreach.permissions import can_approve_for
from amparo.outreach.services import MAX_COUNT, EventDetails, checked_details

COLUMNS = [
    "referencia",
    "tipo",
    "titulo",
    "fecha",
    "hora_inicio",
    "hora_fin",
    "modalidad",
    "lugar",
    "direccion",
    "estado",
    "condado",
    "codigo_postal",
    "enlace",
    "asistencia_presencial",
    "personas_en_vivo",
    "reproducciones",
    "definicion_alcance",
    "asesorias",
    "casos_abiertos",
]
REQUIRED = ("referencia", "tipo", "titulo", "fecha", "hora_inicio", "hora_fin", "modalidad")
COUNTS = {
    "asistencia_presencial": "in_person",
    "personas_en_vivo": "live_viewers",
    "reproducciones": "later_views",
    "asesorias": "advisories_given",
    "casos_abiertos": "cases_opened",
}
MAX_LINES = 5_000
MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class LineError:
    line: int
    message: str


@dataclass
class ImportResult:
    valid: int = 0
    skipped: int = 0
    created: int = 0
    errors: list[LineError] = field(default_factory=list)


@dataclass(frozen=True)
class _Line:
    reference: str
    fields: dict[str, object]  # checked by services.checked_details
    counts: dict[str, int]
    reach_definition: str


def template_csv() -> str:
    return (
        ",".join(COLUMNS)
        + "\n"
        + (
            "2025-001,campaign_event,Conoce tus derechos en Fresno,2025-03-14,18:00,20:00,"
            "in_person,Parroquia San Juan,,CA,Fresno,93701,,85,0,0,,12,1\n"
        )
    )


def _text(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("El archivo debe estar en UTF-8.")) from error


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(m)}" for name, m in error.message_dict.items())
    return " ".join(error.messages)


def _parse_line(row: dict[str, str], office: Office, kinds: dict[str, EventKind]) -> _Line:
    missing = [name for name in REQUIRED if not (row.get(name) or "").strip()]
    if missing:
        raise ValidationError(
            _("faltan columnas obligatorias: %(names)s") % {"names": ", ".join(missing)}
        )
    kind = kinds.get(row["tipo"].strip())
    if kind is None:
        raise ValidationError(
            _("tipo de evento desconocido: %(code)s") % {"code": row["tipo"].strip()}
        )
    try:
        day = date.fromisoformat(row["fecha"].strip())
        starts, ends = (time.fromisoformat(row[n].strip()) for n in ("hora_inicio", "hora_fin"))
    except ValueError as error:
        raise ValidationError(_("fecha (AAAA-MM-DD) u hora (HH:MM) no válida")) from error
    if day > office.local_today():
        raise ValidationError(_("solo se importan eventos pasados"))
    counts = {}
    for column, name in COUNTS.items():
        value = (row.get(column) or "0").strip() or "0"
        if not value.isdigit() or int(value) > MAX_COUNT:
            raise ValidationError(
                _("%(column)s debe ser un número entero, cero o mayor") % {"column": column}
            )
        counts[name] = int(value)
    definition = (row.get("definicion_alcance") or "").strip()
    if (counts["live_viewers"] or counts["later_views"]) and not definition:
        raise ValidationError(_("el alcance en línea necesita su definición (definicion_alcance)"))
    zone = office.zone
    details = EventDetails(
        kind=kind,
        title=row["titulo"],
        starts_at=datetime.combine(day, starts, tzinfo=zone),
        ends_at=datetime.combine(day, ends, tzinfo=zone),
        modality=row["modalidad"].strip(),
        venue=row.get("lugar") or "",
        address=row.get("direccion") or "",
        state=row.get("estado") or "",
        county=row.get("condado") or "",
        zip_code=row.get("codigo_postal") or "",
        online_url=row.get("enlace") or "",
    )
    return _Line(
        reference=row["referencia"].strip()[:60],
        fields=checked_details(details, office),
        counts=counts,
        reach_definition=definition[:255],
    )


def events_import(*, actor: Actor, office: Office, content: bytes, dry_run: bool) -> ImportResult:
    """Check every line of `content`; unless `dry_run`, write them all (or, with any
    error, nothing)."""
    if not can_approve_for(actor, office):
        raise PermissionDenied
    if len(content) > MAX_BYTES:
        raise ValidationError(_("El archivo es demasiado grande (máximo 2 MB)."))
    reader = csv.DictReader(io.StringIO(_text(content)))
    unknown = set(reader.fieldnames or []) - set(COLUMNS)
    absent = set(REQUIRED) - set(reader.fieldnames or [])
    if unknown or absent:
        raise ValidationError(
            _("Encabezados no válidos. Faltan: %(absent)s. Sobran: %(unknown)s.")
            % {
                "absent": ", ".join(sorted(absent)) or "—",
                "unknown": ", ".join(sorted(unknown)) or "—",
            }
        )
    kinds = {kind.code: kind for kind in EventKind.objects.all()}
    done = set(
        Event.objects.filter(office=office)
        .exclude(import_reference="")
        .values_list("import_reference", flat=True)
    )
    result, lines, seen = ImportResult(), [], set()
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_LINES:
            result.errors.append(
                LineError(number, _("demasiadas líneas (máximo %(max)s)") % {"max": MAX_LINES})
            )
            break
        try:
            line = _parse_line(row, office, kinds)
        except ValidationError as error:
            result.errors.append(LineError(number, _messages(error)))
            continue
        if line.reference in seen:
            result.errors.append(
                LineError(
                    number,
                    _("referencia repetida en el archivo: %(ref)s") % {"ref": line.reference},
                )
            )
            continue
        seen.add(line.reference)
        if line.reference in done:
            result.skipped += 1
            continue
        lines.append(line)
    result.valid = len(lines)
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        now = timezone.now()
        for line in lines:
            event = Event(
                office=office,
                created_by=actor.user,
                status=EventStatus.PUBLISHED,
                approved_by=actor.user,
                approved_at=now,
                import_reference=line.reference,
                **line.fields,
            )
            event.save()
            EventReport.objects.create(
                event=event,
                recorded_by=actor.user,
                reach_definition=line.reach_definition,
                **line.counts,
            )
            audit_record(actor=actor, action=Action.CREATE, target=event, reason="csv import")
        result.created = len(lines)
    return result
