"""Detentions: recorded for a case's national (or for someone found on a visit), moved
between facilities with their history, and ended by release or removal."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import get_for_actor, may_write, may_write_office
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.core.text import clean_text
from amparo.detention.models import Authority, Detention, DetentionStatus, Facility, Stay
from amparo.network.models import Office
from amparo.people.models import Person


def not_after_today(day: date | None, office: Office, field: str) -> None:
    """A date of something that happened: not later than today where the office is."""
    if day is not None and day > office.local_today():
        raise ValidationError({field: _("La fecha no puede estar en el futuro.")})


def detention_record(
    *,
    actor: Actor,
    facility: Facility,
    authority: str,
    case: Case | None = None,
    person: Person | None = None,
    office: Office | None = None,
    detained_on: date | None = None,
    charges: str = "",
    next_hearing_at: datetime | None = None,
) -> Detention:
    """A national held in `facility`: the beneficiary of `case` (the case's office owns the
    record), or `person` for `office` (someone found on a visit, before any case)."""
    if case is not None:
        case = get_for_actor(
            actor, Case.objects.select_related("office", "beneficiary"), case.pk, write=True
        )
        person, office = case.beneficiary, case.office
    if person is None or office is None:
        raise ValidationError({"person": _("Indique el caso o la persona detenida.")})
    if not may_write_office(actor, office.pk):
        raise PermissionDenied
    if authority not in Authority.values:
        raise ValidationError({"authority": _("Autoridad no válida.")})
    not_after_today(detained_on, office, "detained_on")
    detention = Detention(
        person=person, case=case, office=office, facility=facility, authority=authority,
        detained_on=detained_on, charges=clean_text(charges, "charges", required=False),
        next_hearing_at=next_hearing_at, created_by=actor.user, created_at=timezone.now(),
    )  # fmt: skip
    with transaction.atomic():
        detention.save()
        Stay.objects.create(detention=detention, facility=facility, arrived_on=detained_on)
        audit_record(actor=actor, action=Action.CREATE, target=detention)
    return detention


def detention_transfer(
    *, actor: Actor, detention: Detention, facility: Facility, moved_on: date
) -> Detention:
    """The person was moved: the current stay ends and a new one starts; history stays."""
    if not may_write(actor, detention):
        raise PermissionDenied
    if detention.status != DetentionStatus.HELD:
        raise ValidationError({"status": _("La persona ya no está detenida.")})
    if facility.pk == detention.facility_id:
        raise ValidationError({"facility": _("La persona ya está en ese centro.")})
    not_after_today(moved_on, detention.office, "moved_on")
    if detention.detained_on and moved_on < detention.detained_on:
        raise ValidationError({"moved_on": _("El traslado no puede ser anterior a la detención.")})
    with transaction.atomic():
        Stay.objects.filter(detention=detention, left_on__isnull=True).update(left_on=moved_on)
        Stay.objects.create(detention=detention, facility=facility, arrived_on=moved_on)
        detention.facility = facility
        detention.save(update_fields=["facility"])
        audit_record(actor=actor, action=Action.UPDATE, target=detention, reason="transfer")
    return detention


def detention_end(*, actor: Actor, detention: Detention, status: str, ended_on: date) -> Detention:
    """Released or removed: the detention ends (and its last stay with it)."""
    if not may_write(actor, detention):
        raise PermissionDenied
    if status not in (DetentionStatus.RELEASED, DetentionStatus.REMOVED):
        raise ValidationError({"status": _("Indique si fue liberada o deportada.")})
    if detention.status != DetentionStatus.HELD:
        raise ValidationError({"status": _("La persona ya no está detenida.")})
    not_after_today(ended_on, detention.office, "ended_on")
    if detention.detained_on and ended_on < detention.detained_on:
        # The database refuses it too (detention_ends_after_it_starts).
        raise ValidationError({"ended_on": _("La detención no puede terminar antes de empezar.")})
    detention.status, detention.ended_on = status, ended_on
    with transaction.atomic():
        detention.save(update_fields=["status", "ended_on"])
        Stay.objects.filter(detention=detention, left_on__isnull=True).update(left_on=ended_on)
        audit_record(actor=actor, action=Action.UPDATE, target=detention, reason=status)
    return detention
