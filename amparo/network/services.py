"""Writes for the network: importing offices, assigning and reassigning jurisdiction."""

import datetime
import re
import zoneinfo
from functools import cache
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.network.areas import shipped_areas
from amparo.network.csv_import import ImportFailedError, ImportReport, RowError, read_rows
from amparo.network.default_assignment import Site, default_office, eligible_sites
from amparo.network.jurisdiction import Area, JurisdictionMap
from amparo.network.models import (
    JurisdictionArea,
    JurisdictionChange,
    Office,
    OfficeKind,
)
from amparo.network.permissions import can_edit_jurisdiction
from amparo.network.selectors import invalidate_jurisdiction

OFFICE_REQUIRED = (
    "code",
    "slug",
    "kind",
    "name",
    "country",
    "city",
    "time_zone",
    "latitude",
    "longitude",
)
OFFICE_OPTIONAL = (
    "region",
    "phone",
    "emergency_phone",
    "email",
    "address",
    "active_from",
    "active_until",
)
CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,11}$")
COUNTRY_PATTERN = re.compile(r"^[A-Z]{2}$")
DEFAULT_REASON = "Asignación inicial: representación más cercana"


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(str(m) for m in messages)}"
            for field, messages in error.message_dict.items()
        )
    return " ".join(str(message) for message in error.messages)


def _number(value: str, label: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValidationError(
            _("%(field)s no es un número: «%(value)s».") % {"field": label, "value": value}
        ) from None
    if not low <= number <= high:
        raise ValidationError(
            _("%(field)s fuera de rango: %(value)s.") % {"field": label, "value": value}
        )
    return number


def _date(value: str, label: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            _("%(field)s debe ser una fecha AAAA-MM-DD: «%(value)s».")
            % {"field": label, "value": value}
        ) from None


def _office_values(row: dict[str, str]) -> dict[str, Any]:
    code = row["code"].upper()
    if not CODE_PATTERN.match(code):
        raise ValidationError(
            _("Clave no válida «%(code)s»: 1 a 12 letras mayúsculas, cifras o guiones.")
            % {"code": row["code"]}
        )
    if row["kind"] not in OfficeKind.values:
        raise ValidationError(_("Tipo desconocido «%(kind)s».") % {"kind": row["kind"]})
    country = row["country"].upper()
    if not COUNTRY_PATTERN.match(country):
        raise ValidationError(
            _("País no válido «%(country)s»: use el código ISO de dos letras.")
            % {"country": row["country"]}
        )
    if row["time_zone"] not in _time_zones():
        raise ValidationError(
            _("Zona horaria desconocida «%(zone)s».") % {"zone": row["time_zone"]}
        )
    values: dict[str, Any] = {
        "code": code,
        "slug": row["slug"],
        "kind": row["kind"],
        "name": row["name"],
        "country": country,
        "city": row["city"],
        "time_zone": row["time_zone"],
        "latitude": _number(row["latitude"], _("Latitud"), -90, 90),
        "longitude": _number(row["longitude"], _("Longitud"), -180, 180),
        "active_from": _date(row.get("active_from", ""), _("Activa desde")),
        "active_until": _date(row.get("active_until", ""), _("Activa hasta")),
    }
    for name in ("region", "phone", "emergency_phone", "email", "address"):
        values[name] = row.get(name, "")
    values["region"] = values["region"].upper()
    return values


def _upsert_office(values: dict[str, Any]) -> tuple[Office, str]:
    office = Office.objects.filter(code=values["code"]).first()
    if office is None:
        office = Office(**values)
        office.full_clean(exclude=["parent"])
        office.save()
        return office, "created"
    changed = [name for name, value in values.items() if getattr(office, name) != value]
    if not changed:
        return office, "unchanged"
    for name in changed:
        setattr(office, name, values[name])
    office.full_clean(exclude=["parent"])
    office.save(update_fields=changed)
    return office, "updated"


def office_import(*, text: str, dry_run: bool = False) -> ImportReport:
    """Create or update offices by code from CSV text. All rows or none: any invalid row
    raises ImportFailedError listing every bad line, and nothing is written."""
    report = ImportReport(dry_run=dry_run)
    rows, report.errors = read_rows(text, required=OFFICE_REQUIRED)
    if report.errors and not rows:
        raise ImportFailedError(report)
    with transaction.atomic():
        seen: dict[str, int] = {}
        pending_parents: list[tuple[int, Office, str, str]] = []
        for line, row in rows:
            code = row.get("code", "").upper()
            if code in seen:
                report.errors.append(
                    RowError(
                        line,
                        _("La clave %(code)s ya aparece en la línea %(first)s.")
                        % {"code": code, "first": seen[code]},
                    )
                )
                continue
            seen[code] = line
            try:
                office, outcome = _upsert_office(_office_values(row))
            except ValidationError as error:
                report.errors.append(RowError(line, _messages(error)))
                continue
            pending_parents.append((line, office, row.get("parent", "").upper(), outcome))
        for line, office, parent_code, outcome in pending_parents:
            final = _set_parent(report, line, office, parent_code, outcome)
            setattr(report, final, getattr(report, final) + 1)
        if report.errors or dry_run:
            transaction.set_rollback(True)
    if report.errors:
        raise ImportFailedError(report)
    return report


def _set_parent(
    report: ImportReport, line: int, office: Office, parent_code: str, outcome: str
) -> str:
    parent = Office.objects.filter(code=parent_code).first() if parent_code else None
    if parent_code and parent is None:
        report.errors.append(
            RowError(
                line,
                _("La representación de la que depende (%(code)s) no existe.")
                % {"code": parent_code},
            )
        )
        return outcome
    if parent is not None and parent.pk == office.pk:
        report.errors.append(RowError(line, _("Una representación no puede depender de sí misma.")))
        return outcome
    new_parent_id = parent.pk if parent is not None else None
    if office.parent_id == new_parent_id:
        return outcome
    office.parent_id = new_parent_id
    office.save(update_fields=["parent"])
    return "updated" if outcome == "unchanged" else outcome


def _reassign(
    *,
    area: JurisdictionArea,
    office: Office,
    reason: str,
    actor: Actor | None,
) -> JurisdictionChange:
    change = JurisdictionChange.objects.create(
        area=area,
        from_office=area.office,
        to_office=office,
        changed_by=actor.user if actor is not None else None,
        reason=reason,
    )
    area.office = office
    area.save(update_fields=["office", "updated_at"])
    audit_record(actor=actor, action=Action.UPDATE, target=area, reason=reason)
    return change


def _check_target(area: JurisdictionArea, office: Office) -> None:
    if not office.can_hold_jurisdiction:
        raise ValidationError(
            {"office": _("%(office)s no puede tener circunscripción.") % {"office": office.name}}
        )
    if office.country != area.country:
        raise ValidationError(
            {"office": _("La representación debe estar en el mismo país que el área.")}
        )


def _forget_cached_map() -> None:
    invalidate_jurisdiction()
    transaction.on_commit(invalidate_jurisdiction)


def jurisdiction_reassign(
    *,
    area: JurisdictionArea,
    office: Office,
    reason: str,
    actor: Actor,
) -> JurisdictionArea:
    """Move one area to another office (central administration only); recorded in the
    area's history and the access trail in the same transaction."""
    if not can_edit_jurisdiction(actor):
        raise PermissionDenied(_("Solo la administración central reasigna circunscripciones."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indique el motivo del cambio.")})
    _check_target(area, office)
    with transaction.atomic():
        locked = (
            JurisdictionArea.objects.select_for_update().select_related("office").get(pk=area.pk)
        )
        if locked.office_id == office.pk:
            raise ValidationError({"office": _("El área ya pertenece a esa representación.")})
        _reassign(area=locked, office=office, reason=reason, actor=actor)
        _forget_cached_map()
    return locked


def jurisdiction_import(
    *,
    text: str,
    actor: Actor | None,
    reason: str,
    dry_run: bool = False,
) -> ImportReport:
    """Apply an official list (country, region, county_name or code, office_code). All rows
    or none; a dry run validates and reports without writing. `actor` None means the
    command line."""
    if actor is not None and not can_edit_jurisdiction(actor):
        raise PermissionDenied(_("Solo la administración central importa circunscripciones."))
    report = ImportReport(dry_run=dry_run)
    rows, report.errors = read_rows(
        text, required=("country", "region", "office_code"), one_of=("county_name", "code")
    )
    if report.errors and not rows:
        raise ImportFailedError(report)
    reason = (reason or "").strip() or _("Importación de circunscripciones")
    areas = {area.code: area for area in JurisdictionArea.objects.select_related("office")}
    names = JurisdictionMap(
        Area(a.code, a.country, a.region, a.name, a.latitude, a.longitude, a.office.code)
        for a in areas.values()
    )
    offices = {office.code: office for office in Office.objects.all()}
    planned: dict[str, tuple[int, Office]] = {}
    for line, row in rows:
        try:
            area, office = _resolve_row(row, areas, names, offices)
        except ValidationError as error:
            report.errors.append(RowError(line, _messages(error)))
            continue
        if area.code in planned and planned[area.code][1] != office:
            first = planned[area.code][0]
            report.errors.append(
                RowError(
                    line,
                    _("%(area)s ya se asignó a otra representación en la línea %(first)s.")
                    % {"area": area.name, "first": first},
                )
            )
            continue
        planned[area.code] = (line, office)
    if report.errors:
        raise ImportFailedError(report)
    with transaction.atomic():
        for code, (_line, office) in planned.items():
            area = areas[code]
            if area.office_id == office.pk:
                report.unchanged += 1
                continue
            report.updated += 1
            report.changes.append(f"{area.code}: {area.office.code} → {office.code}")
            if not dry_run:
                _reassign(area=area, office=office, reason=reason, actor=actor)
        if not dry_run:
            _forget_cached_map()
    return report


def _resolve_row(
    row: dict[str, str],
    areas: dict[str, JurisdictionArea],
    names: JurisdictionMap,
    offices: dict[str, Office],
) -> tuple[JurisdictionArea, Office]:
    country, region = row["country"].upper(), row["region"].upper()
    code, county = row.get("code", "").upper(), row.get("county_name", "")
    if code:
        area = areas.get(code)
        if area is None:
            raise ValidationError(_("No existe el área con clave %(code)s.") % {"code": code})
        if (area.country, area.region) != (country, region):
            raise ValidationError(
                _("El área %(code)s no está en %(region)s, %(country)s.")
                % {"code": code, "region": region, "country": country}
            )
    else:
        match = names.area_for(region, county, country=country)
        if match is None:
            raise ValidationError(
                _("No se encontró «%(county)s» en %(region)s, %(country)s.")
                % {"county": county, "region": region, "country": country}
            )
        area = areas[match.code]
    office_code = row["office_code"].upper()
    office = offices.get(office_code)
    if office is None:
        raise ValidationError(_("No existe la representación %(code)s.") % {"code": office_code})
    _check_target(area, office)
    return area, office


def _default_sites() -> list[Site]:
    today = timezone.localdate()
    return eligible_sites(
        Site(o.code, o.kind, o.country, o.region, o.city, o.latitude, o.longitude)
        for o in Office.objects.all()
        if o.active_until is None or o.active_until >= today
    )


@transaction.atomic
def jurisdiction_assign_defaults() -> int:
    """Create every shipped area still missing, each owned by its nearest consulate.
    Existing areas keep their office (central edits are never undone). Returns how many
    areas were created."""
    existing = set(JurisdictionArea.objects.values_list("code", flat=True))
    sites = _default_sites()
    offices = {office.code: office for office in Office.objects.all()}
    new_areas: list[JurisdictionArea] = []
    for record in shipped_areas():
        if record.code in existing:
            continue
        code = default_office(
            country=record.country,
            region=record.region,
            latitude=record.latitude,
            longitude=record.longitude,
            sites=sites,
        )
        if code is None:
            continue
        new_areas.append(
            JurisdictionArea(
                code=record.code,
                country=record.country,
                region=record.region,
                name=record.name,
                latitude=record.latitude,
                longitude=record.longitude,
                office=offices[code],
            )
        )
    if not new_areas:
        return 0
    JurisdictionArea.objects.bulk_create(new_areas)
    # New areas are exactly those without history; avoids a 3,000-item IN list.
    created = JurisdictionArea.objects.filter(changes__isnull=True).only("id", "office_id")
    JurisdictionChange.objects.bulk_create(
        [
            JurisdictionChange(
                area=area, from_office=None, to_office_id=area.office_id, reason=DEFAULT_REASON
            )
            for area in created
        ]
    )
    _forget_cached_map()
    return len(new_areas)
