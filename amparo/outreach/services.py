"""Writes of preventive outreach. Each runs in one transaction with its audit record; bad
input raises ValidationError naming the field, and nothing is written."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.permissions import assignable_officers
from amparo.core.text import clean_text
from amparo.network.jurisdiction import Place
from amparo.network.models import Office
from amparo.network.selectors import area_covering_place
from amparo.outreach.models import (
    AgeBand,
    Event,
    EventKind,
    EventReport,
    EventStatus,
    Feedback,
    HeadcountCell,
    Modality,
    Program,
    Registration,
    RegistrationKind,
    Sex,
)
from amparo.outreach.permissions import can_approve_for, can_manage_kinds, can_plan_for

MAX_EVENT_HOURS = 24 * 7  # a legal-advice week is the longest thing planned as one event
CHECK_IN_OPENS_BEFORE = timedelta(hours=2)
CHECK_IN_CLOSES_AFTER = timedelta(hours=6)
PUBLIC_WRITES_PER_MINUTE = 60
"""The public forms need no sign-in and keep nothing about the sender, so a flood is bounded
per event instead: at most this many sign-ups and check-ins, and as many opinions, per event
per minute, counted from the rows themselves (the same count for every worker)."""
MAX_COUNT = 1_000_000  # one event's figure; larger is a typing mistake


@dataclass(frozen=True)
class EventDetails:
    """What a planner fills in. Times are aware datetimes (forms convert the office's
    local time; the API requires an offset)."""

    kind: EventKind
    title: str
    starts_at: datetime
    ends_at: datetime
    modality: str
    description: str = ""
    venue: str = ""
    address: str = ""
    state: str = ""
    county: str = ""
    zip_code: str = ""
    online_url: str = ""
    partners: str = ""
    topics: str = ""
    languages: str = ""
    audience: str = ""
    capacity: int | None = None
    staff: tuple[User, ...] = ()


def checked_details(details: EventDetails, office: Office) -> dict[str, object]:
    """The event's field values from `details`, checked for `office` (ValidationError naming
    every bad field); the place is resolved to its county of the jurisdiction."""
    errors: dict[str, str] = {}
    title = clean_text(details.title, "title", required=True, limit=160)
    if details.ends_at <= details.starts_at:
        errors["ends_at"] = _("El evento debe terminar después de empezar.")
    elif details.ends_at - details.starts_at > timedelta(hours=MAX_EVENT_HOURS):
        errors["ends_at"] = _("Un evento dura como máximo siete días; registre cada sesión aparte.")
    if details.modality not in Modality.values:
        errors["modality"] = _("Elija una modalidad válida.")
    in_person = details.modality in (Modality.IN_PERSON, Modality.HYBRID)
    online = details.modality in (Modality.ONLINE, Modality.HYBRID)
    if in_person and not (details.venue.strip() or details.address.strip()):
        errors["address"] = _("Indique el lugar o la dirección del evento presencial.")
    if online and not details.online_url.strip():
        errors["online_url"] = _("Indique el enlace de la transmisión en línea.")
    if details.capacity is not None and not 0 < details.capacity <= MAX_COUNT:
        errors["capacity"] = _("El cupo debe ser un número positivo.")
    area = None
    place = Place(state=details.state, county=details.county, zip_code=details.zip_code)
    if in_person and (details.county.strip() or details.zip_code.strip()):
        area = area_covering_place(place)
        if area is None:
            errors["county"] = _("No se encontró ese condado o código postal en la red.")
        elif area.office_id != office.pk:
            errors["county"] = _(
                "Ese lugar está en la circunscripción de %(office)s; el evento debe registrarlo esa representación."
            ) % {"office": area.office.name}
    allowed_staff = (
        set(assignable_officers(office.pk).values_list("pk", flat=True)) if details.staff else set()
    )
    if any(user.pk not in allowed_staff for user in details.staff):
        errors["staff"] = _("Solo puede asignarse personal de la representación.")
    if errors:
        raise ValidationError(errors)
    fields: dict[str, object] = {
        "kind": details.kind,
        "title": title,
        "description": clean_text(details.description, "description", required=False),
        "starts_at": details.starts_at,
        "ends_at": details.ends_at,
        "modality": details.modality,
        "venue": clean_text(details.venue, "venue", required=False, limit=160),
        "address": clean_text(details.address, "address", required=False, limit=255),
        "state": details.state.strip().upper()[:8],
        "county": clean_text(details.county, "county", required=False, limit=100),
        "zip_code": clean_text(details.zip_code, "zip_code", required=False, limit=10),
        "online_url": details.online_url.strip() if online else "",
        "partners": clean_text(details.partners, "partners", required=False),
        "topics": clean_text(details.topics, "topics", required=False),
        "languages": clean_text(details.languages, "languages", required=False, limit=200),
        "audience": clean_text(details.audience, "audience", required=False, limit=200),
        "capacity": details.capacity,
        "area": area,
    }
    return fields


def event_plan(*, actor: Actor, office: Office, details: EventDetails) -> Event:
    """A new event of `office`, as a draft (a head of office then approves it)."""
    if not can_plan_for(actor, office):
        raise PermissionDenied
    fields = checked_details(details, office)
    with transaction.atomic():
        event = Event(office=office, created_by=actor.user, **fields)
        event.full_clean(exclude=["public_code"])
        event.save()
        event.staff.set(details.staff)
        audit_record(actor=actor, action=Action.CREATE, target=event)
    return event


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().select_related("office", "kind").get(pk=event.pk)


def event_update(*, actor: Actor, event: Event, details: EventDetails) -> Event:
    """Change an event that is not yet published; a pending one goes back to draft."""
    if not can_plan_for(actor, event.office):
        raise PermissionDenied
    fields = checked_details(details, event.office)
    with transaction.atomic():
        locked = _locked(event)
        if locked.status not in (EventStatus.DRAFT, EventStatus.PENDING):
            raise ValidationError(
                {"status": _("Un evento publicado o cancelado ya no se modifica.")}
            )
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.status = EventStatus.DRAFT
        locked.full_clean(exclude=["public_code"])
        locked.save()
        locked.staff.set(details.staff)
        audit_record(actor=actor, action=Action.UPDATE, target=locked)
    return locked


def event_submit(*, actor: Actor, event: Event) -> Event:
    """Ask the head of office to approve a draft."""
    if not can_plan_for(actor, event.office):
        raise PermissionDenied
    return _move(actor, event, frm=(EventStatus.DRAFT,), to=EventStatus.PENDING)


def event_approve(*, actor: Actor, event: Event) -> Event:
    """Approve and publish: the event appears on the office's public page and feed."""
    if not can_approve_for(actor, event.office):
        raise PermissionDenied
    return _move(
        actor, event, frm=(EventStatus.DRAFT, EventStatus.PENDING), to=EventStatus.PUBLISHED
    )


def event_cancel(*, actor: Actor, event: Event, reason: str) -> Event:
    """Cancel an event; a published one only by whoever may approve."""
    reason = clean_text(reason, "reason", required=True, limit=255)
    allowed = (
        can_approve_for(actor, event.office)
        if event.is_public
        else can_plan_for(actor, event.office)
    )
    if not allowed:
        raise PermissionDenied
    return _move(
        actor,
        event,
        frm=(EventStatus.DRAFT, EventStatus.PENDING, EventStatus.PUBLISHED),
        to=EventStatus.CANCELLED,
        reason=reason,
    )


def _move(actor: Actor, event: Event, *, frm: Iterable[str], to: str, reason: str = "") -> Event:
    with transaction.atomic():
        locked = _locked(event)
        if locked.status not in frm:
            raise ValidationError(
                {
                    "status": _("El evento está «%(status)s»; no puede pasar a «%(new)s».")
                    % {"status": locked.get_status_display(), "new": EventStatus(to).label}
                }
            )
        locked.status = to
        update = ["status"]
        if to == EventStatus.PUBLISHED:
            locked.approved_by, locked.approved_at = actor.user, timezone.now()
            update += ["approved_by", "approved_at"]
        locked.save(update_fields=update)
        audit_record(actor=actor, action=Action.UPDATE, target=locked, reason=reason or to)
    return locked


@dataclass(frozen=True)
class Reach:
    """What an event reached. `headcount` maps (sex, age band) to people counted in person."""

    headcount: Mapping[tuple[str, str], int]
    live_viewers: int = 0
    later_views: int = 0
    reach_definition: str = ""
    advisories_given: int = 0
    cases_opened: int = 0
    alert_enrolments: int = 0


def _count(value: object, field: str, errors: dict[str, str]) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        errors[field] = _("Escriba un número entero, cero o mayor.")
        return 0
    if value > MAX_COUNT:
        errors[field] = _("El número es demasiado grande para un solo evento.")
        return 0
    return value


def event_record_reach(*, actor: Actor, event: Event, reach: Reach) -> EventReport:
    """Record (or correct) what a published event that has started reached."""
    if not can_plan_for(actor, event.office):
        raise PermissionDenied
    errors: dict[str, str] = {}
    cells: dict[tuple[str, str], int] = {}
    for (sex, band), value in reach.headcount.items():
        if sex not in Sex.values or band not in AgeBand.values:
            errors["headcount"] = _("Grupo de sexo o edad desconocido.")
            continue
        cells[(sex, band)] = _count(value, f"headcount_{sex}_{band}", errors)
    numbers = {
        name: _count(getattr(reach, name), name, errors)
        for name in (
            "live_viewers",
            "later_views",
            "advisories_given",
            "cases_opened",
            "alert_enrolments",
        )
    }
    definition = " ".join((reach.reach_definition or "").split())[:255]
    if (numbers["live_viewers"] or numbers["later_views"]) and not definition:
        errors["reach_definition"] = _(
            "Explique cómo se contó el alcance en línea (por ejemplo: reproducciones de más de 1 minuto)."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(event)
        if locked.status != EventStatus.PUBLISHED:
            raise ValidationError(
                {"status": _("Solo se registra la asistencia de eventos publicados.")}
            )
        if locked.starts_at > timezone.now():
            raise ValidationError({"status": _("El evento todavía no empieza.")})
        report, created = EventReport.objects.update_or_create(
            event=locked,
            defaults={
                **numbers,
                "reach_definition": definition,
                "in_person": sum(cells.values()),
                "recorded_by": actor.user,
            },
        )
        report.cells.all().delete()
        HeadcountCell.objects.bulk_create(
            HeadcountCell(report=report, sex=sex, age_band=band, count=count)
            for (sex, band), count in cells.items()
            if count
        )
        audit_record(actor=actor, action=Action.CREATE if created else Action.UPDATE, target=report)
    return report


def registration_add(
    *, event: Event, kind: str, consented: bool, name: str = "", phone: str = ""
) -> Registration:
    """A sign-up or self check-in through the event's public link (nobody signed in).
    Name and phone are kept only with consent; without them the row only counts."""
    name = clean_text(name, "name", required=False, limit=120)
    phone = clean_text(phone, "phone", required=False, limit=32)
    if kind not in RegistrationKind.values:
        raise ValidationError({"kind": _("Elija registro previo o asistencia.")})
    if (name or phone) and not consented:
        raise ValidationError(
            {
                "consented": _(
                    "Para guardar su nombre o teléfono debe aceptar el aviso de privacidad; si no, deje esos campos vacíos."
                )
            }
        )
    now = timezone.now()
    with transaction.atomic():
        locked = _locked(event)
        if locked.status != EventStatus.PUBLISHED:
            raise ValidationError({"kind": _("Este evento no está abierto a registro.")})
        _require_public_pace(locked.registrations.all(), "kind")
        if kind == RegistrationKind.SIGN_UP:
            if now >= locked.starts_at:
                raise ValidationError({"kind": _("El registro previo cerró al empezar el evento.")})
            taken = locked.registrations.filter(kind=RegistrationKind.SIGN_UP).count()
            if locked.capacity is not None and taken >= locked.capacity:
                raise ValidationError({"kind": _("El evento ya no tiene lugares disponibles.")})
        elif not (
            locked.starts_at - CHECK_IN_OPENS_BEFORE
            <= now
            <= locked.ends_at + CHECK_IN_CLOSES_AFTER
        ):
            raise ValidationError(
                {"kind": _("El registro de asistencia se abre dos horas antes del evento.")}
            )
        registration = Registration.objects.create(
            event=locked, kind=kind, consented=consented, name=name, phone=phone
        )
        audit_record(actor=None, action=Action.CREATE, target=registration)
    return registration


def feedback_add(*, event: Event, rating: int, comment: str = "") -> Feedback:
    """An anonymous opinion, once the event has started."""
    comment = clean_text(comment, "comment", required=False, limit=500)
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Califique de 1 a 5.")})
    if event.status != EventStatus.PUBLISHED or event.starts_at > timezone.now():
        raise ValidationError({"rating": _("Podrá opinar cuando el evento haya empezado.")})
    with transaction.atomic():
        _require_public_pace(_locked(event).feedback.all(), "rating")
        feedback = Feedback.objects.create(event=event, rating=rating, comment=comment)
        audit_record(actor=None, action=Action.CREATE, target=feedback)
    return feedback


def _require_public_pace(rows: QuerySet[Any], field: str) -> None:
    since = timezone.now() - timedelta(minutes=1)
    if rows.filter(created_at__gte=since).count() >= PUBLIC_WRITES_PER_MINUTE:
        raise ValidationError(
            {
                field: _(
                    "Hay demasiados envíos para este evento en este momento; intente en un minuto."
                )
            }
        )


def kind_create(*, actor: Actor, code: str, name_es: str, name_en: str, program: str) -> EventKind:
    """A new kind of event (central office)."""
    if not can_manage_kinds(actor):
        raise PermissionDenied
    if program not in Program.values:
        raise ValidationError({"program": _("Elija un programa válido.")})
    kind = EventKind(
        code=clean_text(code, "code", required=True, limit=40).lower(),
        name_es=clean_text(name_es, "name_es", required=True, limit=120),
        name_en=clean_text(name_en, "name_en", required=True, limit=120),
        program=program,
        position=(EventKind.objects.count() + 1) * 10,
    )
    with transaction.atomic():
        kind.full_clean()
        kind.save()
        audit_record(actor=actor, action=Action.CREATE, target=kind)
    return kind
