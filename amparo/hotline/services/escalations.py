"""Turning a call into a protection case of the consulate with jurisdiction.

CIAM staff write only in their own office (access rule 5); an escalation writes into the
one office that jurisdiction (or, failing that, the operator) chose through the named
grant ESCALATION_TO_OFFICE: `access.delegate` gives the operator's own actor that office
for the length of `call_escalate`. The case and person services run their usual checks
and write their usual trail, which shows the operator, their own office and the grant."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import Grant, delegate, get_for_actor
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import ActionKind, Case, IntakeChannel, Priority, Subtype
from amparo.cases.services import case_add_action, case_open
from amparo.core.text import clean_text
from amparo.hotline.models import Call, Escalation, Outcome, Urgency
from amparo.hotline.services._common import require_call_taker
from amparo.network.jurisdiction import Place
from amparo.network.models import JURISDICTION_KINDS, Office
from amparo.network.selectors import Coverage, office_covering_place
from amparo.notifications.models import Notification
from amparo.notifications.selectors import heads_of
from amparo.notifications.services import notification_acknowledge, notify_office_on_duty
from amparo.people.models import Person
from amparo.people.names import fold
from amparo.people.services import person_create

NOTIFICATION_KIND = "hotline_escalation"
ACKNOWLEDGING_ROLES = frozenset({Role.HEAD_OF_OFFICE, Role.CONSULAR_OFFICER, Role.CENTRAL_ADMIN})


def escalation_route(
    call: Call,
    *,
    latitude: float | None = None,
    longitude: float | None = None,
    chosen_office: Office | None = None,
) -> tuple[Office, str]:
    """The receiving office: by jurisdiction over the caller's place, else the office the
    operator chose. Raises ValidationError when neither gives one."""
    place = Place(
        state=call.origin_state if call.origin_country in ("US", "CA") else "",
        county=call.county,
        zip_code=call.zip_code,
        country=call.origin_country,
        latitude=latitude,
        longitude=longitude,
    )
    coverage = office_covering_place(place)
    if coverage is None and chosen_office is not None:
        coverage = Coverage(office=chosen_office, chosen_by="chosen")
    if coverage is None:
        raise ValidationError(
            {
                "office": _(
                    "No se encontró la representación por condado, código postal ni "
                    "coordenadas; elija una."
                )
            }
        )
    if coverage.office.kind not in JURISDICTION_KINDS:
        raise ValidationError({"office": _("Esa representación no atiende casos.")})
    return coverage.office, coverage.chosen_by


def call_escalate(
    *,
    actor: Actor,
    call: Call,
    subtype: Subtype,
    given_names: str,
    first_surname: str,
    second_surname: str = "",
    urgency: str = Urgency.NONE,
    note: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    chosen_office: Office | None = None,
    caller_is_affected: bool = True,
    caller_relation: str = "",
) -> Escalation:
    """Open a case for the call in the office with jurisdiction, with the person it is
    about, attach the call to the case timeline and, when urgent, page the office's on-duty
    officer. The person is the caller (the call's person if that office already holds it)
    or, when `caller_is_affected` is false, someone else the caller names: a new person,
    without the caller's phone, and the timeline says who called."""
    require_call_taker(actor)
    caller_relation = clean_text(caller_relation, "caller_relation", required=False, limit=80)
    call = get_for_actor(actor, Call.objects.all(), call.pk, write=True)
    if urgency not in Urgency.values:
        raise ValidationError({"urgency": _("Urgencia no válida.")})
    if call.escalated_case_id is not None:
        raise ValidationError({"call": _("Esta llamada ya se escaló a un caso.")})
    office, routed_by = escalation_route(
        call, latitude=latitude, longitude=longitude, chosen_office=chosen_office
    )
    urgent = urgency != Urgency.NONE
    routed = delegate(actor, Grant.ESCALATION_TO_OFFICE, office)
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        if locked.escalated_case_id is not None:
            raise ValidationError({"call": _("Esta llamada ya se escaló a un caso.")})
        names = (given_names, first_surname, second_surname)
        person = (
            _caller_as_beneficiary(routed, locked, office, *names)
            if caller_is_affected
            else _someone_else(routed, locked, office, *names)
        )
        case = case_open(
            actor=routed,
            beneficiary=person,
            subtype=subtype,
            channel=IntakeChannel.CIAM,
            office=office,
            office_chosen_by=routed_by,
            priority=Priority.URGENT if urgent else Priority.NORMAL,
            summary=clean_text(note, "note", required=False) or locked.summary,
        )
        case_add_action(
            case=case,
            kind=ActionKind.CALL,
            occurred_on=timezone.localdate(locked.started_at),
            summary=_timeline_text(locked, caller_is_affected, caller_relation),
            actor=routed,
        )
        locked.escalated_case = case
        locked.person = person if person.office_id == locked.office_id else locked.person
        locked.outcome = Outcome.CASE_OPENED
        locked.save(update_fields=["escalated_case", "person", "outcome", "updated_at"])
        escalation = Escalation.objects.create(
            call=locked,
            case=case,
            office=office,
            urgency=urgency,
            urgent=urgent,
            caller_is_affected=caller_is_affected,
            caller_relation=caller_relation,
            routed_by=routed_by,
            created_by=actor.user,
        )
        audit_record(actor=actor, action=Action.UPDATE, target=locked)
        audit_record(actor=actor, action=Action.CREATE, target=escalation)
        if urgent:
            _page_on_duty(escalation, case, office, ciam=locked.office)
    return escalation


def _caller_as_beneficiary(  # noqa: PLR0917 - a private helper of call_escalate
    routed: Actor,
    call: Call,
    office: Office,
    given_names: str,
    first_surname: str,
    second_surname: str,
) -> Person:
    if call.person is not None and call.person.office_id == office.pk:
        return call.person
    return _new_person(
        routed, office, given_names, first_surname, second_surname, call.caller_phone
    )


def _someone_else(  # noqa: PLR0917 - a private helper of call_escalate
    routed: Actor,
    call: Call,
    office: Office,
    given_names: str,
    first_surname: str,
    second_surname: str,
) -> Person:
    typed = fold(" ".join((given_names, first_surname, second_surname)))
    if call.caller_name and typed == fold(call.caller_name):
        raise ValidationError(
            {
                "given_names": _(
                    "Ese es el nombre de quien llama: escriba el de la persona afectada."
                )
            }
        )
    return _new_person(routed, office, given_names, first_surname, second_surname, "")


def _new_person(  # noqa: PLR0917 - a private helper of call_escalate
    routed: Actor,
    office: Office,
    given_names: str,
    first_surname: str,
    second_surname: str,
    phone: str,
) -> Person:
    if not (given_names or "").strip() or not (first_surname or "").strip():
        raise ValidationError(
            {"given_names": _("Escriba el nombre y el primer apellido de la persona.")}
        )
    return person_create(
        actor=routed,
        office=office,
        given_names=given_names[:120],
        first_surname=first_surname[:80],
        second_surname=(second_surname or "")[:80],
        phone=phone,
    )


def _timeline_text(call: Call, caller_is_affected: bool, caller_relation: str) -> str:
    started = timezone.localtime(call.started_at, call.office.zone).strftime("%Y-%m-%d %H:%M %Z")
    header = _("Llamada al CIAM del %(started)s · Tema: %(topic)s") % {
        "started": started,
        "topic": call.get_topic_display(),
    }
    lines = [header]
    if not caller_is_affected:
        lines.append(
            _("Llamó %(caller)s (%(relation)s), no la persona afectada.")
            % {
                "caller": call.caller_name or _("una persona sin nombre"),
                "relation": caller_relation or _("relación no indicada"),
            }
        )
    return "\n".join([*lines, call.summary]).strip()


def _page_on_duty(escalation: Escalation, case: Case, office: Office, *, ciam: Office) -> None:
    # Subjects travel by email and SMS: folio and office only, never a name.
    subject = _("Escalamiento urgente %(folio)s para %(office)s") % {
        "folio": case.folio,
        "office": office.name,
    }
    body = _("El CIAM escaló una llamada urgente (%(urgency)s). Acuse de recibo en Amparo.") % {
        "urgency": escalation.get_urgency_display()
    }
    notify_office_on_duty(
        office=office,
        subject=subject,
        body=body,
        related=escalation,
        requires_ack=True,
        kind=NOTIFICATION_KIND,
        link=reverse("hotline:escalations"),
        # Nobody on duty there: the CIAM's supervisors follow it up with central.
        also_when_nobody_on_duty=heads_of(ciam),
    )


def escalation_acknowledge(*, actor: Actor, escalation: Escalation) -> Escalation:
    """The receiving office confirms it took charge. Twice changes nothing. The actor's
    own copy of the urgent notification is acknowledged too (which closes the others)."""
    escalation = get_for_actor(actor, Escalation.objects.all(), escalation.pk, write=True)
    if actor.role not in ACKNOWLEDGING_ROLES:
        raise PermissionDenied
    with transaction.atomic():
        locked = Escalation.objects.select_for_update().get(pk=escalation.pk)
        if locked.acknowledged_at is not None:
            return locked
        locked.acknowledged_at = timezone.now()
        locked.acknowledged_by = actor.user
        locked.save(update_fields=["acknowledged_at", "acknowledged_by"])
        audit_record(actor=actor, action=Action.UPDATE, target=locked)
        own_copy = Notification.objects.filter(
            recipient=actor.user,
            kind=NOTIFICATION_KIND,
            related_type=Escalation._meta.label_lower,
            related_id=str(locked.pk),
            acknowledged_at=None,
        ).first()
        if own_copy is not None:
            notification_acknowledge(notification=own_copy, actor=actor)
    return locked


def escalation_acknowledge_from_notification(
    *, notification: Notification, actor: Actor, **_: Any
) -> None:
    """Receiver of notifications' `notification_acknowledged`: an on-duty officer who
    acknowledges the urgent notice from the inbox has acknowledged the escalation too."""
    if notification.related_type != Escalation._meta.label_lower:
        return
    escalation = (
        Escalation.objects.select_for_update()
        .filter(pk=notification.related_id, office_id=notification.office_id)
        .first()
    )
    if escalation is None or escalation.acknowledged_at is not None:
        return
    escalation.acknowledged_at = notification.acknowledged_at or timezone.now()
    escalation.acknowledged_by = actor.user
    escalation.save(update_fields=["acknowledged_at", "acknowledged_by"])
    audit_record(actor=actor, action=Action.UPDATE, target=escalation)
