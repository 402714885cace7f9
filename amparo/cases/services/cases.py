"""Opening a case and moving it along: assignment, status, notes, gestiones, notification."""

from collections.abc import Mapping
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import Reach, rule_for, visible
from amparo.accounts.actor import Actor
from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.cases import workflow
from amparo.cases.event_payloads import opened_payload, status_changed_payload
from amparo.cases.folios import allocate_folio
from amparo.cases.models import (
    CASE_FLAGS,
    ActionKind,
    Case,
    CaseStatus,
    ClosureReason,
    ConsularNotification,
    EventKind,
    IntakeChannel,
    NotificationChannel,
    Priority,
    Subtype,
)
from amparo.cases.permissions import is_assignable
from amparo.cases.selectors import jurisdiction_office_for
from amparo.cases.services._common import (
    not_in_future,
    record_event,
    require_write,
    user_ref,
)
from amparo.core.text import clean_text
from amparo.network.models import Office
from amparo.people.models import Person


def jurisdiction_office_id(beneficiary: Person) -> int:
    """The office a case belongs to by default: the one covering the beneficiary's address
    county (or ZIP code); without a usable address, the office that owns the record."""
    office = jurisdiction_office_for(beneficiary)
    return office.pk if office is not None else beneficiary.office_id


def _require_visible_person(actor: Actor, person: Person, field: str) -> None:
    if not visible(actor, Person.objects.filter(pk=person.pk)).exists():
        raise ValidationError({field: _("La persona no existe o no está a su alcance.")})


def case_open(
    *,
    actor: Actor,
    beneficiary: Person,
    subtype: Subtype,
    channel: str,
    office: Office | None = None,
    requester: Person | None = None,
    assigned_to: User | None = None,
    priority: int = Priority.NORMAL,
    flags: Mapping[str, bool] | None = None,
    summary: str = "",
    office_override_reason: str = "",
    office_chosen_by: str = "",
    opened_at: datetime | None = None,
) -> Case:
    """Open a case with a fresh folio, write its first timeline event and audit it.

    The case belongs to `office`, by default the actor's own office (central
    administration: the office covering the beneficiary's address). If that is not the
    office of the beneficiary's jurisdiction, `office_override_reason` is required, unless
    the caller already chose the office by the place where things happen and says how in
    `office_chosen_by` (an escalation: "county", "zip", "point" or "chosen"): the office is
    then decided once, and the beneficiary's address is not asked again."""
    expected_office_id = office.pk if office_chosen_by and office else None
    if expected_office_id is None:
        expected_office_id = jurisdiction_office_id(beneficiary)
    if office is None and rule_for(actor).write == Reach.EVERY_OFFICE:
        office = Office.objects.filter(pk=expected_office_id).first()
    office = office or actor.office
    require_write(actor, office.pk)
    _require_visible_person(actor, beneficiary, "beneficiary")
    if requester is not None:
        _require_visible_person(actor, requester, "requester")
    if subtype.is_retired or subtype.materia.retired_at is not None:
        raise ValidationError({"subtype": _("Ese subtipo ya no está vigente.")})
    if channel not in IntakeChannel.values:
        raise ValidationError({"channel": _("Canal de ingreso no válido.")})
    if priority not in Priority.values:
        raise ValidationError({"priority": _("Prioridad no válida.")})
    unknown_flags = set(flags or {}) - set(CASE_FLAGS)
    if unknown_flags:
        raise ValidationError({"flags": _("Indicadores no válidos.")})
    override_reason = clean_text(office_override_reason, "office_override_reason", required=False)
    if office.pk != expected_office_id and not override_reason:
        raise ValidationError(
            {
                "office_override_reason": _(
                    "La representación elegida no es la que corresponde; indique el motivo."
                )
            }
        )
    if assigned_to is not None and not is_assignable(assigned_to, office.pk):
        raise ValidationError(
            {"assigned_to": _("Solo puede asignarse a personal de la representación.")}
        )
    opened_at = opened_at or timezone.now()
    not_in_future(opened_at, "opened_at")

    with transaction.atomic():
        case = Case(
            office=office,
            office_override_reason=override_reason,
            channel=channel,
            beneficiary=beneficiary,
            requester=requester,
            assigned_to=assigned_to,
            priority=priority,
            materia=subtype.materia,
            subtype=subtype,
            summary=clean_text(summary, "summary", required=False),
            status=CaseStatus.OPEN,
            opened_at=opened_at,
            created_by=actor.user,
            **{name: bool(value) for name, value in (flags or {}).items()},
        )
        case.folio = allocate_folio(office=office, at=opened_at)
        case.full_clean(
            exclude=[
                "office",
                "beneficiary",
                "requester",
                "assigned_to",
                "materia",
                "subtype",
                "created_by",
            ]
        )
        case.save()
        record_event(
            case=case,
            kind=EventKind.OPENED,
            actor=actor,
            payload=opened_payload(
                office_code=office.code,
                office_chosen_by=office_chosen_by
                or ("address" if office.pk == expected_office_id else "override"),
                channel=channel,
                materia_code=subtype.materia.code,
                subtype_code=subtype.code,
                priority=priority,
                assigned_to=user_ref(assigned_to),
            ),
            audit_action=Action.CREATE,
        )
    return case


def _locked(case: Case) -> Case:
    """Re-read the case under a row lock so concurrent changes apply one after the other."""
    return Case.objects.select_for_update().get(pk=case.pk)


def case_assign(*, case: Case, assignee: User | None, actor: Actor) -> Case:
    """Assign (or, with None, unassign) the officer in charge."""
    require_write(actor, case.office_id)
    if assignee is not None and not is_assignable(assignee, case.office_id):
        raise ValidationError(
            {"assigned_to": _("Solo puede asignarse a personal de la representación.")}
        )
    with transaction.atomic():
        locked = _locked(case)
        before = locked.assigned_to
        if before == assignee:
            raise ValidationError({"assigned_to": _("El caso ya está asignado a esa persona.")})
        locked.assigned_to = assignee
        locked.save(update_fields=["assigned_to", "updated_at"])
        record_event(
            case=locked,
            kind=EventKind.ASSIGNED,
            actor=actor,
            payload={"before": user_ref(before), "after": user_ref(assignee)},
        )
    return locked


def case_change_status(
    *,
    case: Case,
    status: str,
    actor: Actor,
    closure_reason: str = "",
    reason: str = "",
) -> Case:
    """Move the case along the lifecycle (workflow.ALLOWED_TRANSITIONS). Concluding needs a
    closure reason; reopening a concluded case needs a written reason."""
    require_write(actor, case.office_id)
    reason = clean_text(reason, "reason", required=False)
    with transaction.atomic():
        locked = _locked(case)
        transition = workflow.Transition(
            current=locked.status, new=status, closure_reason=closure_reason, reason=reason
        )
        try:
            workflow.check_transition(transition)
        except workflow.TransitionError as error:
            raise ValidationError({"status": _(str(error))}) from error
        before = {"status": locked.status, "closure_reason": locked.closure_reason}
        locked.status = status
        if transition.is_closing:
            locked.closed_at = timezone.now()
            locked.closure_reason = ClosureReason(closure_reason)
        elif transition.is_reopening:
            locked.closed_at = None
            locked.closure_reason = ""
        locked.save(update_fields=["status", "closed_at", "closure_reason", "updated_at"])
        record_event(
            case=locked,
            kind=EventKind.STATUS_CHANGED,
            actor=actor,
            payload=status_changed_payload(
                before=before, status=locked.status, closure_reason=locked.closure_reason
            ),
            text=reason,
        )
    return locked


def case_add_note(*, case: Case, text: str, actor: Actor) -> Case:
    require_write(actor, case.office_id)
    text = clean_text(text, "text", required=True)
    with transaction.atomic():
        record_event(case=case, kind=EventKind.NOTE, actor=actor, text=text)
    return case


def case_add_action(
    *,
    case: Case,
    kind: str,
    occurred_on: date,
    summary: str,
    actor: Actor,
) -> Case:
    """Log a gestión (call, letter, visit, meeting, document) done on a given day."""
    require_write(actor, case.office_id)
    if kind not in ActionKind.values:
        raise ValidationError({"kind": _("Tipo de gestión no válido.")})
    not_in_future(occurred_on, "occurred_on")
    summary = clean_text(summary, "summary", required=True)
    with transaction.atomic():
        record_event(
            case=case,
            kind=EventKind.ACTION,
            actor=actor,
            payload={"action": kind, "occurred_on": occurred_on.isoformat()},
            text=summary,
        )
    return case


def case_record_notification(
    *,
    case: Case,
    agency: str,
    arrested_at: datetime,
    learned_at: datetime,
    channel: str,
    actor: Actor,
    notified_by: str = "",
    requested_by_detainee: bool = False,
) -> ConsularNotification:
    """Record how the consulate learned of an arrest (VCCR art. 36)."""
    require_write(actor, case.office_id)
    agency = clean_text(agency, "agency", required=True)[:160]
    if channel not in NotificationChannel.values:
        raise ValidationError({"channel": _("Medio no válido.")})
    not_in_future(arrested_at, "arrested_at")
    not_in_future(learned_at, "learned_at")
    if learned_at < arrested_at:
        raise ValidationError(
            {"learned_at": _("La fecha de conocimiento no puede ser anterior a la detención.")}
        )
    with transaction.atomic():
        notification = ConsularNotification.objects.create(
            case=case,
            agency=agency,
            notified_by=clean_text(notified_by, "notified_by", required=False)[:160],
            arrested_at=arrested_at,
            learned_at=learned_at,
            channel=channel,
            requested_by_detainee=requested_by_detainee,
            recorded_by=actor.user,
        )
        record_event(
            case=case,
            kind=EventKind.NOTIFICATION,
            actor=actor,
            payload={
                "notification_id": notification.pk,
                "channel": channel,
                "delay_hours": notification.delay.total_hours,
            },
        )
    return notification
