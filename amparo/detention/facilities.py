"""The facility registry: the shipped ICE list (and any CSV in its format) placed by ZIP
code in an office's jurisdiction, and the visiting rules staff keep up to date.

Import: every line is checked first (errors carry their line number), then all are written
in one transaction, or none. A facility already known (same name and ZIP) gets its
address, type and population refreshed, never its visiting rules."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.access import may_write
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.text import clean_text
from amparo.detention.models import Facility, FacilityKind
from amparo.network.jurisdiction import Place, office_covering
from amparo.network.models import Office

SHIPPED_CSV = Path(__file__).resolve().parent / "data" / "ice-detention-facilities-fy25.csv"
REQUIRED = ("name", "address", "city", "state", "zip")
MAX_BYTES = 2_000_000
# ICE's facility types (ERO FY2025 detention statistics) and what each is, for the registry.
ICE_TYPES = {
    "CDF": FacilityKind.ICE_CENTER,  # contract detention facility
    "SPC": FacilityKind.ICE_CENTER,  # ICE service processing center
    "DIGSA": FacilityKind.ICE_CENTER,  # dedicated intergovernmental agreement
    "STAGING": FacilityKind.ICE_CENTER,
    "FAMILY": FacilityKind.ICE_CENTER,  # family residential center
    "IGSA": FacilityKind.COUNTY_JAIL,  # a local jail holding ICE detainees under agreement
    "USMS IGA": FacilityKind.COUNTY_JAIL,
    "USMS CDF": FacilityKind.FEDERAL_PRISON,
    "BOP": FacilityKind.FEDERAL_PRISON,
    "DOD": FacilityKind.OTHER,
}
RULE_FIELDS = (
    "operator", "phones", "visiting_hours", "blackout_dates", "id_rules", "dress_rules", "visit_request",
    "phones_allowed", "notes",
)  # fmt: skip


@dataclass(frozen=True)
class LineError:
    line: int
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unplaced: int = 0
    errors: list[LineError] = field(default_factory=list)


def placed_office(state: str, zip_code: str) -> Office | None:
    """The office whose jurisdiction holds the ZIP code (none when nothing covers it)."""
    covering = office_covering(Place(state=state, zip_code=zip_code, country="US"))
    return Office.objects.filter(code=covering.office_code).first() if covering else None


def _parse(row: dict[str, str]) -> dict[str, Any]:
    missing = [name for name in REQUIRED if not (row.get(name) or "").strip()]
    if missing:
        raise ValidationError(
            _("faltan columnas obligatorias: %(names)s") % {"names": ", ".join(missing)}
        )
    ice_type = (row.get("type_detailed") or "").strip().upper()
    kind = (row.get("kind") or "").strip() or ICE_TYPES.get(ice_type)
    if kind not in FacilityKind.values:
        raise ValidationError(
            _("tipo de centro desconocido: %(type)s") % {"type": ice_type or kind}
        )
    zip_code = row["zip"].strip()[:10]
    if not zip_code[:5].isdigit():
        raise ValidationError(_("código postal no válido: %(zip)s") % {"zip": zip_code})
    try:
        population = Decimal(row["fy25_adp"]) if (row.get("fy25_adp") or "").strip() else None
    except InvalidOperation as error:
        raise ValidationError(_("población no válida")) from error
    state = row["state"].strip().upper()[:2]
    return {
        "name": row["name"].strip()[:160], "kind": kind, "ice_type": ice_type[:16],
        "address": row["address"].strip()[:200], "city": row["city"].strip()[:80],
        "state": state, "zip_code": zip_code.zfill(5) if len(zip_code) < 5 else zip_code,
        "average_population": population, "operator": (row.get("operator") or "").strip()[:160],
    }  # fmt: skip


def facilities_import(*, actor: Actor | None, content: bytes) -> ImportResult:
    """Check every line; then write them all, or (with any error) nothing. Central
    administration only (`actor` None: the shipped list, loaded by a command)."""
    if actor is not None and actor.role != Role.CENTRAL_ADMIN:
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
    result, lines = ImportResult(), []
    for number, row in enumerate(reader, start=2):
        try:
            lines.append(_parse(row))
        except ValidationError as error:
            result.errors.append(LineError(number, " ".join(error.messages)))
    if result.errors:
        return result
    with transaction.atomic():
        for values in lines:
            office = placed_office(values["state"], values["zip_code"])
            result.unplaced += office is None
            _facility, created = Facility.objects.update_or_create(
                name=values["name"],
                zip_code=values["zip_code"],
                defaults={**values, "office": office},
            )
            result.created += created
            result.updated += not created
        if actor is not None:
            audit_record(actor=actor, action=Action.CREATE, target_type="detention.facility",
                         reason=f"import created={result.created} updated={result.updated}")  # fmt: skip
    return result


def load_shipped_facilities() -> ImportResult:
    return facilities_import(actor=None, content=SHIPPED_CSV.read_bytes())


def facility_update_rules(*, actor: Actor, facility: Facility, **rules: Any) -> Facility:
    """Staff of the facility's office (or central administration) keep its rules."""
    if not may_write(actor, facility):
        raise PermissionDenied
    unknown = set(rules) - set(RULE_FIELDS)
    if unknown:
        raise ValueError(f"not a rule: {sorted(unknown)}")
    for name, value in rules.items():
        if name == "phones_allowed":
            facility.phones_allowed = bool(value)
        else:
            limit = {"visit_request": 10_000, "notes": 10_000, "operator": 160}.get(name, 200)
            setattr(facility, name, clean_text(value, name, required=False, limit=limit))
    with transaction.atomic():
        facility.save(update_fields=list(rules))
        audit_record(actor=actor, action=Action.UPDATE, target=facility, reason="visiting_rules")
    return facility
