"""The demo's on-duty rosters: every office with demo staff has someone de guardia around
the clock, from yesterday to DAYS_AHEAD days on, one local day per shift, its staff in turn.
`scripts/serve` seeds on every start, so the roster always reaches past today; a day that
already has a shift is left alone (idempotent).

Without it an urgent escalation to a demo consulate found nobody on duty (issue 9)."""

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from amparo.accounts.models import Membership, Role, User
from amparo.network.models import Office
from amparo.notifications.models import OnDutyShift

DAYS_AHEAD = 30
ON_DUTY_ROLES = (Role.CONSULAR_OFFICER, Role.HEAD_OF_OFFICE)


def staff_rosters(now: datetime | None = None) -> int:
    """Write the missing days of every staffed office's roster; how many shifts it added."""
    now = now or timezone.now()
    author = User.objects.filter(
        memberships__role=Role.CENTRAL_ADMIN, memberships__is_active=True
    ).first()
    if author is None:
        return 0
    staff: dict[int, list[int]] = {}
    memberships = Membership.objects.filter(
        is_active=True, role__in=ON_DUTY_ROLES, user__is_active=True
    ).order_by("office_id", "user__username")
    for office_id, user_id in memberships.values_list("office_id", "user_id"):
        staff.setdefault(office_id, []).append(user_id)
    added = []
    for office in Office.objects.filter(pk__in=staff):
        added += _missing_days(office, staff[office.pk], author, now)
    OnDutyShift.objects.bulk_create(added)
    return len(added)


def _missing_days(
    office: Office, users: list[int], author: User, now: datetime
) -> list[OnDutyShift]:
    today = timezone.localtime(now, office.zone).date()
    shifts = []
    for offset in range(-1, DAYS_AHEAD + 1):
        day = today + timedelta(days=offset)
        starts = datetime.combine(day, time(), tzinfo=office.zone)
        ends = datetime.combine(day + timedelta(days=1), time(), tzinfo=office.zone)
        covered = OnDutyShift.objects.filter(
            Q(starts_at__lt=ends) & Q(ends_at__gt=starts), office=office, cancelled_at=None
        )
        if covered.exists():
            continue
        shifts.append(
            OnDutyShift(
                office=office,
                user_id=users[day.toordinal() % len(users)],
                starts_at=starts,
                ends_at=ends,
                created_by=author,
            )
        )
    return shifts
