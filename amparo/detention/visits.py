"""Visits to detention centres: planned with the list of nationals known to be held there,
then logged — who was seen (including people found on the day) and, per person, the
checklist. Each "wants" (and a complaint of ill-treatment) becomes a follow-up with an
owner and a due date."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import may_write, may_write_office, visible
from amparo.accounts.actor import Actor
from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.text import clean_text
from amparo.detention.models import (
    Authority,
    Detention,
    Facility,
    FollowUp,
    FollowUpKind,
    Seen,
    Visit,
    VisitStatus,
)
from amparo.detention.services import detention_record, not_after_today
from amparo.network.models import Office
from amparo.people.services import person_create

# Days to act on each follow-up: the family waits least.
FOLLOW_UP_DAYS = {
    FollowUpKind.FAMILY_CONTACT: 2,
    FollowUpKind.ILL_TREATMENT: 2,
    FollowUpKind.PALE_REFERRAL: 5,
    FollowUpKind.VOLUNTARY_RETURN: 10,
}
WANTS = {
    "wants_family_contact": FollowUpKind.FAMILY_CONTACT,
    "wants_voluntary_return": FollowUpKind.VOLUNTARY_RETURN,
    "wants_pale_referral": FollowUpKind.PALE_REFERRAL,
    "ill_treatment": FollowUpKind.ILL_TREATMENT,
}
CHECKLIST = (
    "health", "ill_treatment", "due_process_concern", "has_lawyer", "wants_family_contact",
    "wants_voluntary_return", "wants_pale_referral", "case_opened", "notes",
)  # fmt: skip


def visit_plan(
    *,
    actor: Actor,
    office: Office,
    facility: Facility,
    planned_on: date,
    officers: Sequence[User],
    starts_at: time | None = None,
    notes: str = "",
) -> Visit:
    if not may_write_office(actor, office.pk):
        raise PermissionDenied
    if not officers:
        raise ValidationError({"officers": _("Indique quién hará la visita.")})
    strangers = [
        u for u in officers if not u.memberships.filter(office=office, is_active=True).exists()
    ]
    if strangers:
        raise ValidationError({"officers": _("Solo personal de la representación puede visitar.")})
    visit = Visit(
        office=office, facility=facility, planned_on=planned_on, starts_at=starts_at,
        notes=clean_text(notes, "notes", required=False), created_by=actor.user,
        created_at=timezone.now(),
    )  # fmt: skip
    with transaction.atomic():
        visit.save()
        visit.officers.set(officers)
        audit_record(actor=actor, action=Action.CREATE, target=visit)
    return visit


@dataclass(frozen=True)
class SeenEntry:
    """One person seen: a known detention, or someone found on the day (names given)."""

    detention: Detention | None = None
    given_names: str = ""
    first_surname: str = ""
    second_surname: str = ""
    a_number: str = ""
    checklist: dict[str, object] = field(default_factory=dict)


def visit_log(
    *, actor: Actor, visit: Visit, done_on: date, entries: Sequence[SeenEntry], notes: str = ""
) -> Visit:
    """Record the visit as done: each person seen with their checklist (people found on
    the day are registered and their detention recorded), their "last seen" date, and a
    follow-up for each thing they want. All or nothing."""
    if not may_write(actor, visit):
        raise PermissionDenied
    if visit.status != VisitStatus.PLANNED:
        raise ValidationError({"status": _("Esta visita ya fue registrada o cancelada.")})
    not_after_today(done_on, visit.office, "done_on")
    if not entries:
        raise ValidationError({"seen": _("Indique al menos a una persona entrevistada.")})
    owner = visit.officers.order_by("pk").first() or actor.user
    with transaction.atomic():
        for entry in entries:
            detention = entry.detention or _found(actor, visit, entry, done_on)
            if detention.office_id != visit.office_id or detention.facility_id != visit.facility_id:
                raise ValidationError({"seen": _("Esa persona no está registrada en este centro.")})
            checklist = _checked(entry.checklist)
            seen = Seen.objects.create(
                visit=visit,
                detention=detention,
                found_on_the_day=entry.detention is None,
                **checklist,
            )
            FollowUp.objects.bulk_create([
                FollowUp(office=visit.office, seen=seen, kind=kind, owner=owner,
                         due_on=done_on + timedelta(days=FOLLOW_UP_DAYS[kind]))
                for name, kind in WANTS.items() if checklist.get(name)
            ])  # fmt: skip
            if detention.last_seen_on is None or detention.last_seen_on < done_on:
                detention.last_seen_on = done_on
                detention.save(update_fields=["last_seen_on"])
        visit.status, visit.planned_on, visit.logged_at = VisitStatus.DONE, done_on, timezone.now()
        visit.notes = clean_text(notes or visit.notes, "notes", required=False)
        visit.save(update_fields=["status", "planned_on", "logged_at", "notes"])
        audit_record(actor=actor, action=Action.UPDATE, target=visit, reason="logged")
    return visit


def _found(actor: Actor, visit: Visit, entry: SeenEntry, done_on: date) -> Detention:
    """Someone found on the day: registered as a person of the office, held here."""
    if not entry.given_names.strip() or not entry.first_surname.strip():
        raise ValidationError(
            {"seen": _("De cada persona encontrada indique nombre y primer apellido.")}
        )
    details: dict[str, Any] = {"a_number": entry.a_number} if entry.a_number.strip() else {}
    person = person_create(
        actor=actor, office=visit.office, given_names=entry.given_names,
        first_surname=entry.first_surname, second_surname=entry.second_surname, **details,
    )  # fmt: skip
    return detention_record(
        actor=actor, facility=visit.facility, authority=Authority.ICE, person=person,
        office=visit.office, detained_on=None,
    )  # fmt: skip


def _checked(values: dict[str, object]) -> dict[str, object]:
    unknown = set(values) - set(CHECKLIST)
    if unknown:
        raise ValueError(f"not a checklist item: {sorted(unknown)}")
    checked: dict[str, object] = {}
    for name in CHECKLIST:
        if name in ("health", "notes"):
            limit = 240 if name == "health" else 500
            checked[name] = clean_text(
                str(values.get(name) or ""), name, required=False, limit=limit
            )
        else:
            checked[name] = bool(values.get(name))
    return checked


def visit_cancel(*, actor: Actor, visit: Visit) -> Visit:
    if not may_write(actor, visit):
        raise PermissionDenied
    if visit.status != VisitStatus.PLANNED:
        raise ValidationError({"status": _("Esta visita ya fue registrada o cancelada.")})
    with transaction.atomic():
        visit.status = VisitStatus.CANCELLED
        visit.save(update_fields=["status"])
        audit_record(actor=actor, action=Action.UPDATE, target=visit, reason="cancelled")
    return visit


def follow_up_done(*, actor: Actor, follow_up: FollowUp) -> FollowUp:
    if not may_write(actor, follow_up):
        raise PermissionDenied
    if follow_up.done_at is not None:
        raise ValidationError({"done_at": _("Ese seguimiento ya fue atendido.")})
    with transaction.atomic():
        follow_up.done_at = timezone.now()
        follow_up.save(update_fields=["done_at"])
        audit_record(actor=actor, action=Action.UPDATE, target=follow_up, reason="done")
    return follow_up


def follow_ups_met(*, actor: Actor, case_id: int, kind: str) -> int:
    """Marks done the open follow-ups of `kind` for the detentions of the case, when the
    step they ask for has just been taken elsewhere (a PALE referral sent for the case).
    Runs in the caller's transaction; each one audited. Returns how many."""
    met = visible(
        actor,
        FollowUp.objects.filter(kind=kind, done_at__isnull=True, seen__detention__case_id=case_id),
        write=True,
    )
    now = timezone.now()
    count = 0
    for follow_up in met.select_for_update():
        follow_up.done_at = now
        follow_up.save(update_fields=["done_at"])
        audit_record(actor=actor, action=Action.UPDATE, target=follow_up, reason="met")
        count += 1
    return count
