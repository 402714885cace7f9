"""A person must acknowledge every alert. Until someone does, it climbs a level every N
minutes (the routed office's OfficePolicy, 5 by default): the office's on-duty officers,
then its heads, then the CIAM's supervision, then headquarters, which keeps it. Each step
is paged, timed and on the record.

The timer is a task queued with run_after (django-tasks' database backend keeps it across
restarts); `manage.py alerts_climb`, run every minute from cron, climbs whatever a stopped
worker left overdue. Both go through `climb`, which moves an alert one level at most once."""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import task, task_backends
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.alerts.models import Alert, AlertEvent, AlertStatus, EventKind, Level, OfficePolicy
from amparo.alerts.system import ciam
from amparo.network.models import Office
from amparo.notifications.models import Urgency
from amparo.notifications.selectors import central_administrators, heads_of, staff_on_duty
from amparo.notifications.services import notify, notify_office_on_duty
from amparo.notifications.services.notify import ALL_CHANNELS

logger = logging.getLogger(__name__)
NOTIFICATION_KIND = "alert"
DEFAULT_ACK_MINUTES = 5


def ack_minutes(office: Office) -> int:
    policy = OfficePolicy.objects.filter(office=office).first()
    return policy.ack_minutes if policy else DEFAULT_ACK_MINUTES


def recipients_at(alert: Alert, level: int) -> tuple[list[User], Office]:
    """Who owns an unacknowledged alert at `level`, and the office that pages them."""
    if level == Level.HEAD:
        return heads_of(alert.office), alert.office
    center = ciam()
    if level == Level.CIAM and center is not None:
        supervisors = {u.pk: u for u in [*heads_of(center), *staff_on_duty(center)]}
        return list(supervisors.values()), center
    return central_administrators(), alert.office


def page(alert: Alert, level: int) -> None:
    """Tell whoever owns the alert at `level`: in-app (with sound), e-mail and SMS, the
    alert's number and office only."""
    subject = _("Alerta urgente n.º %(number)s para %(office)s") % {
        "number": alert.pk, "office": alert.office.code}  # fmt: skip
    body = (
        _("Alerta bajo coacción: la persona indicó que no puede hablar libremente.")
        if alert.duress
        else _("Una persona inscrita en el botón de alerta pide ayuda. Ábrala y acuse recibo.")
    )
    link = reverse("alerts:detail", args=[alert.pk])
    if level == Level.ON_DUTY:
        try:
            notify_office_on_duty(office=alert.office, subject=subject, body=body,
                                  related=alert, kind=NOTIFICATION_KIND, link=link)  # fmt: skip
        except ValidationError:  # nobody at all to page: the boards show it, and it climbs
            logger.warning("Alert %s: nobody to page at %s", alert.pk, alert.office.code)
        return
    recipients, office = recipients_at(alert, level)
    if not recipients:  # nobody at this level: headquarters keeps it
        recipients, office = central_administrators(), alert.office
    if recipients:
        notify(recipients=recipients, subject=subject, body=body, kind=NOTIFICATION_KIND,
               urgency=Urgency.URGENT, office=office, related=alert, requires_ack=True,
               channels=ALL_CHANNELS, link=link)  # fmt: skip


@task(priority=50)  # as urgent as a new alert's dispatch (dispatch.DISPATCH_PRIORITY)
def climb_alert(alert_id: int, level: int) -> bool:
    return climb(alert_id, level)


def schedule_climb(alert: Alert) -> None:
    """Queue the next level for when the current one's minutes run out (after commit)."""
    if alert.level >= Level.HEADQUARTERS:
        return
    job = climb_alert
    if not task_backends[job.backend].supports_defer:
        return  # the immediate backend cannot wait: `alerts_climb` from cron climbs
    run_after = alert.level_at + timedelta(minutes=ack_minutes(alert.office))
    transaction.on_commit(
        lambda: job.using(run_after=run_after).enqueue(alert.pk, alert.level + 1), robust=True
    )


def climb(alert_id: int, level: int) -> bool:
    """Move an unacknowledged alert to `level` if it is still one below and its minutes
    have run out; page the new owners and queue the next step. False if nothing to do."""
    from amparo.alerts.dispatch import on_case_timeline

    with transaction.atomic():
        alert = Alert.objects.select_for_update(of=("self",)).select_related("office").filter(
            pk=alert_id, status=AlertStatus.RECEIVED, level=level - 1
        ).first()  # fmt: skip
        if alert is None or level > Level.HEADQUARTERS:
            return False
        now = timezone.now()
        if alert.level_at + timedelta(minutes=ack_minutes(alert.office)) > now:
            return False
        alert.level, alert.level_at = level, now
        alert.save(update_fields=["level", "level_at"])
        AlertEvent.objects.create(alert=alert, kind=EventKind.ESCALATED, at=now,
                                  detail=str(Level(level).label))  # fmt: skip
        on_case_timeline(None, alert, "escalated", level=level)
        page(alert, level)
        schedule_climb(alert)
    return True


def climb_overdue() -> int:
    """Climb every alert whose minutes ran out (the cron's safety net)."""
    climbed = 0
    waiting = Alert.objects.filter(status=AlertStatus.RECEIVED, level__lt=Level.HEADQUARTERS)
    for alert_id, level in waiting.values_list("pk", "level"):
        climbed += climb(alert_id, level + 1)
    return climbed
