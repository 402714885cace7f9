"""The PALE reminders cron runs (manage.py pale_reminders): a provider that has not
answered a referral within two business days (deadlines.answer_due) is reminded; one
business day later the officer who sent it is asked to reassign it. Each is sent once."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.legal.deadlines import ANSWER_BUSINESS_DAYS, answer_due, reassign_due
from amparo.legal.models import Referral, ReferralStatus
from amparo.notifications.services import notify


def send_answer_reminders(now: datetime | None = None) -> tuple[int, int]:
    """(providers reminded, officers asked to reassign)."""
    now = now or timezone.now()
    waiting = Referral.objects.filter(
        status=ReferralStatus.SENT, sent_at__lt=now - timedelta(days=ANSWER_BUSINESS_DAYS)
    ).select_related("office", "provider", "sent_by")
    reminded = asked = 0
    for referral in waiting.filter(reminded_at=None):
        if answer_due(referral.sent_at, referral.office) <= now and _remind_provider(referral, now):
            reminded += 1
    for referral in waiting.filter(reassign_asked_at=None):
        if reassign_due(referral.sent_at, referral.office) <= now and _ask_reassign(referral, now):
            asked += 1
    return reminded, asked


def _claim(referral: Referral, field: str, now: datetime) -> bool:
    """Mark the reminder as sent, once, even with two crons at once."""
    return bool(
        Referral.objects.filter(pk=referral.pk, status=ReferralStatus.SENT, **{field: None})
        .update(**{field: now})
    )  # fmt: skip


def _remind_provider(referral: Referral, now: datetime) -> bool:
    lawyers = list(User.objects.filter(pale_lawyer__provider=referral.provider, is_active=True))
    with transaction.atomic():
        if not _claim(referral, "reminded_at", now):
            return False
        if lawyers:
            notify(
                recipients=lawyers, kind="pale_answer_due", office=referral.office,
                related=referral, link=f"/pale/portal/{referral.pk}/",
                subject=_("Canalización PALE n.º %(number)s: venció el plazo para responder")
                % {"number": referral.pk},
                body=_("Acéptela o recházala hoy; de lo contrario la representación la reasignará."),
            )  # fmt: skip
    return True


def _ask_reassign(referral: Referral, now: datetime) -> bool:
    with transaction.atomic():
        if not _claim(referral, "reassign_asked_at", now):
            return False
        notify(
            recipients=[referral.sent_by], kind="pale_reassign", office=referral.office,
            related=referral, link=f"/pale/canalizaciones/{referral.pk}/",
            subject=_("Canalización PALE n.º %(number)s sin respuesta: reasígnela")
            % {"number": referral.pk},
            body=_("El proveedor no respondió en dos días hábiles ni tras el recordatorio. "
                   "Revoque la canalización y elija otro proveedor."),
        )  # fmt: skip
    return True
