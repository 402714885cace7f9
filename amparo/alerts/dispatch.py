"""What a new alert sets in motion, in one transaction that also marks it dispatched (so
each alert has exactly one case line, one set of notifications and one escalation timer,
however many times its job runs):
  - a protection case in the office that acts (the routed consulate; for an alert routed to
    the CIAM, the registrant's own office), or a line on the national's open case there;
  - the routed office's on-duty officers paged (in-app, e-mail, SMS), acknowledgement
    required: nobody on duty pages its heads and central administration;
  - the trusted contacts told "received" (escalation and family go through their modules);
  - the first escalation timer.
Nothing here names the person or gives the position outside the staff's own pages."""

from typing import Any

from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.alerts import family, push
from amparo.alerts.escalation import page, schedule_climb
from amparo.alerts.models import (
    Alert,
    AlertEvent,
    AlertStatus,
    EventKind,
    FamilyStatus,
    Level,
    Registrant,
)
from amparo.alerts.system import acting_for
from amparo.cases.models import Case, CaseStatus, IntakeChannel, Priority, Subtype
from amparo.cases.models import EventKind as CaseEventKind
from amparo.cases.services import case_open
from amparo.cases.services._common import record_event
from amparo.network.models import Office
from amparo.people.models import Person
from amparo.people.services import person_create

SUBTYPE = ("MIGRATORIO", "DETENCION_DEPORTACION")
DISPATCH_PRIORITY = 50  # django-tasks: higher runs first; deliveries are 0


def case_office(alert: Alert) -> Office:
    """The office that holds the alert's case: the routed one if it holds jurisdiction."""
    return alert.office if alert.office.can_hold_jurisdiction else alert.home_office


def dispatch(alert: Alert) -> None:
    """Call inside a transaction holding the alert's row (dispatch_once)."""
    if alert.is_test:
        _dispatch_self_test(alert)
        return
    office = case_office(alert)
    actor = acting_for(office)
    alert.case = _case_for(actor, alert, office)
    alert.dispatched_at = timezone.now()
    alert.save(update_fields=["case", "dispatched_at"])
    on_case_timeline(actor, alert, "received", office=alert.office.name,
                     routed_by=alert.routed_by, accuracy=_accuracy(alert))  # fmt: skip
    AlertEvent.objects.create(alert=alert, kind=EventKind.RECEIVED, at=alert.received_at,
                              detail=alert.routed_by)  # fmt: skip
    page(alert, Level.ON_DUTY)
    family.tell_all(alert)
    family.tell_registrant(alert, FamilyStatus.RECEIVED)
    schedule_climb(alert)


def _dispatch_self_test(alert: Alert) -> None:
    """The monthly self-test the app asks for: it proves the chain from the phone to the
    routed office's queue and back (the phone's push), and wakes nobody: no case, no page,
    no family message. It closes at once."""
    now = timezone.now()
    alert.dispatched_at, alert.status, alert.closed_at = now, AlertStatus.CLOSED, now
    alert.close_reason = _("Prueba del botón")
    alert.save(update_fields=["dispatched_at", "status", "closed_at", "close_reason"])
    AlertEvent.objects.create(alert=alert, kind=EventKind.RECEIVED, at=alert.received_at,
                              detail=alert.routed_by)  # fmt: skip
    AlertEvent.objects.create(alert=alert, kind=EventKind.CLOSED, at=now, detail="test")
    push.announce(alert)


def dispatch_once(alert_id: int) -> bool:
    """Dispatch the alert unless someone already has; True if this call did. The row lock
    makes two runs of the same job (a retry, the cron) wait for each other."""
    with transaction.atomic():
        alert = (
            Alert.objects.select_for_update(of=("self",))
            .filter(pk=alert_id, dispatched_at=None)
            .first()
        )
        if alert is None:
            return False
        dispatch(alert)
    return True


@task(priority=DISPATCH_PRIORITY)
def dispatch_alert(alert_id: int) -> bool:
    """The job ingest queues with each new alert (in the alert's own transaction). Ahead of
    message deliveries in the queue: the page in the officer's inbox and on the board comes
    first, the e-mail and SMS copies after."""
    return dispatch_once(alert_id)


def dispatch_pending() -> int:
    """Dispatch the alerts stored without their side effects: a job lost with a worker
    killed mid-run (the cron's safety net)."""
    pending = Alert.objects.filter(dispatched_at=None).order_by("pk").values_list("pk", flat=True)
    return sum(dispatch_once(alert_id) for alert_id in list(pending))


def _case_for(actor: Actor, alert: Alert, office: Office) -> Case:
    # One registrant's alerts are dispatched one at a time (the worker and the cron's sweep
    # may hold two of them): the second finds the case the first opened.
    Registrant.objects.select_for_update().filter(pk=alert.registrant_id).first()
    person = _person_in(actor, alert, office)
    open_case = (
        Case.objects.filter(beneficiary=person, office=office)
        .exclude(status=CaseStatus.CONCLUDED)
        .order_by("-opened_at")
        .first()
    )
    if open_case is not None:
        return open_case
    materia, code = SUBTYPE
    subtype = Subtype.objects.get(materia__code=materia, code=code)
    return case_open(
        actor=actor, beneficiary=person, subtype=subtype, channel=IntakeChannel.ALERT_BUTTON,
        office=office, office_chosen_by="point" if alert.routed_by in ("point", "abroad") else "county",
        priority=Priority.URGENT, summary=_("Alerta del botón de alerta n.º %(number)s.")
        % {"number": alert.pk},
    )  # fmt: skip


def _person_in(actor: Actor, alert: Alert, office: Office) -> Person:
    """The registrant's person if `office` holds it; else a record there with the name,
    date of birth and phone (as an escalated call does; the duplicate check pairs them)."""
    person = alert.registrant.person
    if person.office_id == office.pk:
        return person
    return person_create(
        actor=actor, office=office, given_names=person.given_names,
        first_surname=person.first_surname, second_surname=person.second_surname,
        date_of_birth=person.date_of_birth, phone=alert.registrant.phone,
    )  # fmt: skip


def _accuracy(alert: Alert) -> str:
    fix = alert.fix
    return f"{round(fix['accuracy_m'])} m" if fix else "—"


def on_case_timeline(actor: Actor | None, alert: Alert, step: str, **details: Any) -> None:
    """A line on the alert's case for a step (cases.timeline.ALERT_STEPS); never the
    position itself, which staff read on the alert's page."""
    case = alert.case
    if case is None:
        return
    record_event(
        case=case, kind=CaseEventKind.ALERT, actor=actor or acting_for(case.office),
        payload={"alert": alert.pk, "step": step, **details},
    )  # fmt: skip
