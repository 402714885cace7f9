"""Reads: a user's inbox, an office's pending acknowledgements, who is on duty."""

from datetime import datetime

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from amparo.accounts.access import visible
from amparo.accounts.actor import Actor
from amparo.accounts.models import Role, User
from amparo.network.models import Office
from amparo.notifications.models import Notification, OnDutyShift, Urgency
from amparo.notifications.permissions import ON_DUTY_ROLES

NOTIFICATION_TARGET_TYPE = "notifications.notification"


def inbox_for(user: User) -> QuerySet[Notification]:
    """The user's own notifications: unacknowledged urgent first, then unacknowledged,
    then the rest, newest first within each group."""
    rank = Case(
        When(acknowledged_at=None, urgency=Urgency.URGENT, then=Value(0)),
        When(acknowledged_at=None, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Notification.objects.filter(recipient=user)
        .select_related("office", "acknowledged_by")
        .annotate(rank=rank)
        .order_by("rank", "-created_at", "-id")
    )


def unread_count(user: User) -> tuple[int, int]:
    """(unacknowledged, of which urgent) for the header badge."""
    pending = Notification.objects.filter(recipient=user, acknowledged_at=None)
    return pending.count(), pending.filter(urgency=Urgency.URGENT).count()


def notification_for_recipient(actor: Actor, pk: int | str) -> Notification:
    """One notification addressed to the actor's user. Anyone else's, or a missing one,
    is a 404; someone else's is written to the access trail as denied."""
    from amparo.audit.services import audit_denied

    try:
        return Notification.objects.get(pk=pk, recipient=actor.user)
    except (Notification.DoesNotExist, ValueError, TypeError):
        pass
    hidden = Notification.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if hidden is not None:
        audit_denied(actor=actor, target=hidden, write=True)
    raise Http404


def pending_acks_for(actor: Actor) -> QuerySet[Notification]:
    """Unacknowledged notifications that require acknowledgement, in offices the actor
    supervises (access module: own office for heads, all for central)."""
    queryset = Notification.objects.filter(requires_ack=True, acknowledged_at=None)
    return (
        visible(actor, queryset)
        .select_related("office", "recipient")
        .prefetch_related("deliveries")
        .order_by("created_at", "id")
    )


def acknowledgement_of(*, related_type: str, related_id: object) -> Notification | None:
    """The first acknowledged notification about a record (e.g. a hotline escalation),
    or None while the office has not acknowledged it."""
    return (
        Notification.objects.filter(
            related_type=related_type, related_id=str(related_id), acknowledged_at__isnull=False
        )
        .select_related("acknowledged_by")
        .order_by("acknowledged_at")
        .first()
    )


def _active_staff_of(office: Office) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        memberships__office=office,
        memberships__is_active=True,
        memberships__role__in=ON_DUTY_ROLES,
    )


def staff_on_duty(office: Office, at: datetime | None = None) -> list[User]:
    """Who is on duty for `office` at `at` (now by default): users with a shift covering
    that instant who still hold an active membership there."""
    at = at or timezone.now()
    shift_user_ids = OnDutyShift.objects.filter(
        office=office, starts_at__lte=at, ends_at__gt=at, cancelled_at=None
    ).values("user_id")
    on_duty = _active_staff_of(office).filter(pk__in=shift_user_ids).distinct()
    return list(on_duty.order_by("username"))


def heads_of(office: Office) -> list[User]:
    heads = User.objects.filter(
        is_active=True,
        memberships__office=office,
        memberships__role=Role.HEAD_OF_OFFICE,
        memberships__is_active=True,
    )
    return list(heads.distinct().order_by("username"))


def on_duty_for(office: Office, at: datetime | None = None) -> list[User]:
    """Who answers for `office` at `at`: its staff on duty, or nobody on duty → its heads."""
    return staff_on_duty(office, at) or heads_of(office)


def central_administrators() -> list[User]:
    admins = User.objects.filter(
        is_active=True,
        memberships__role=Role.CENTRAL_ADMIN,
        memberships__is_active=True,
    )
    return list(admins.distinct().order_by("username"))


def shifts_visible_to(
    actor: Actor, *, office: Office | None = None, upcoming_only: bool = True
) -> QuerySet[OnDutyShift]:
    queryset = OnDutyShift.objects.filter(cancelled_at=None)
    if office is not None:
        queryset = queryset.filter(office=office)
    if upcoming_only:
        queryset = queryset.filter(ends_at__gt=timezone.now())
    return visible(actor, queryset).select_related("office", "user").order_by("starts_at", "id")


def staff_for_roster(offices: QuerySet[Office]) -> QuerySet[User]:
    """Users who can be put on duty in any of these offices."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__office__in=offices,
            memberships__is_active=True,
            memberships__role__in=ON_DUTY_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
