"""Capital cases (cases.Case.is_capital_case), followed with the Mexican Capital Legal
Assistance Program (MCLAP): their court dates, and reminders that climb as a date nears —
the case's officer first, then the head of office, then headquarters. Each level is sent
once per date, the highest one due when a date is recorded late."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import may_write, visible
from amparo.accounts.actor import Actor
from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case, EventKind
from amparo.cases.services._common import record_event
from amparo.core.text import clean_text
from amparo.legal.models import CapitalDeadline, DeadlineKind
from amparo.network.models import Office, OfficeKind
from amparo.notifications.models import Urgency
from amparo.notifications.selectors import central_administrators, heads_of
from amparo.notifications.services import notify


@dataclass(frozen=True)
class ReminderLevel:
    days_before: int
    urgency: str


# Level 1 (90 days before): the case's officer. Level 2 (30 days): also the head of the
# office. Level 3 (7 days): also headquarters.
REMINDER_LEVELS = (
    ReminderLevel(90, Urgency.NORMAL),
    ReminderLevel(30, Urgency.NORMAL),
    ReminderLevel(7, Urgency.URGENT),
)


def deadline_add(
    *, actor: Actor, case: Case, kind: str, due_on: date, court: str = "", notes: str = ""
) -> CapitalDeadline:
    if not may_write(actor, case):
        raise PermissionDenied
    if not case.is_capital_case:
        raise ValidationError({"case": _("El caso no está marcado como de pena capital.")})
    if kind not in DeadlineKind.values:
        raise ValidationError({"kind": _("Tipo de fecha no válido.")})
    with transaction.atomic():
        deadline = CapitalDeadline.objects.create(
            case=case, office=case.office, kind=kind, due_on=due_on,
            court=clean_text(court, "court", required=False, limit=160),
            notes=clean_text(notes, "notes", required=False, limit=500),
            created_by=actor.user, created_at=timezone.now(),
        )  # fmt: skip
        audit_record(actor=actor, action=Action.CREATE, target=deadline)
        record_event(
            case=case, kind=EventKind.PALE, actor=actor,
            payload={"step": "capital_deadline", "deadline": kind, "day": due_on.isoformat()},
        )  # fmt: skip
    return deadline


def deadlines_for(actor: Actor) -> QuerySet[CapitalDeadline]:
    return visible(actor, CapitalDeadline.objects.select_related("case", "office"))


def level_due(deadline: CapitalDeadline, today: date) -> int:
    """The highest reminder level whose time has come (0: none yet)."""
    left = (deadline.due_on - today).days
    if left < 0:
        return 0
    return sum(1 for level in REMINDER_LEVELS if left <= level.days_before)


def _recipients(deadline: CapitalDeadline, level: int) -> list[User]:
    officer = deadline.case.assigned_to
    people: list[User] = [officer] if officer is not None else heads_of(deadline.office)
    if level >= 2:
        people += heads_of(deadline.office)
    if level >= 3:
        headquarters = Office.objects.filter(kind=OfficeKind.HEADQUARTERS).first()
        people += central_administrators() + (heads_of(headquarters) if headquarters else [])
    return list({user.pk: user for user in people}.values())


def send_capital_reminders() -> int:
    """Send each date's reminder level that has come and was not sent; returns how many
    dates were reminded. Safe to run as often as wanted (cron)."""
    sent = 0
    pending = CapitalDeadline.objects.filter(reminded_level__lt=len(REMINDER_LEVELS)).select_related(
        "case__assigned_to", "office")  # fmt: skip
    for deadline in pending:
        level = level_due(deadline, deadline.office.local_today())
        if level <= deadline.reminded_level:
            continue
        recipients = _recipients(deadline, level)
        with transaction.atomic():
            locked = CapitalDeadline.objects.select_for_update().get(pk=deadline.pk)
            if locked.reminded_level >= level:
                continue
            if recipients:
                notify(
                    recipients=recipients, kind="pale_capital_deadline", office=deadline.office,
                    urgency=REMINDER_LEVELS[level - 1].urgency, related=deadline.case,
                    subject=_("Pena capital: %(kind)s del caso %(folio)s en %(days)s días") % {
                        "kind": DeadlineKind(deadline.kind).label, "folio": deadline.case.folio,
                        "days": (deadline.due_on - deadline.office.local_today()).days},
                    body=deadline.notes, link=f"/casos/{deadline.case_id}/",
                )  # fmt: skip
            locked.reminded_level = level
            locked.save(update_fields=["reminded_level"])
        sent += 1
    return sent
