"""Notifications API (/api/v1/notifications/): my inbox, acknowledging, the office's
pending acknowledgements, and the on-duty roster. Someone else's notification and a
missing one both answer 404."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import AwareDatetime

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import acting
from amparo.accounts.models import User
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.api_types import PageNumber, RowId
from amparo.network.models import Office
from amparo.notifications import webpush
from amparo.notifications.models import Notification, OnDutyShift
from amparo.notifications.permissions import (
    can_manage_roster,
    can_read_roster,
    can_supervise_acks,
)
from amparo.notifications.selectors import (
    NOTIFICATION_TARGET_TYPE,
    inbox_for,
    notification_for_recipient,
    pending_acks_for,
    shifts_visible_to,
)
from amparo.notifications.services import notification_acknowledge, shift_cancel, shift_schedule
from amparo.notifications.services.push import staff_push_subscribe, staff_push_unsubscribe

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    office_id: int
    kind: str
    subject: str
    body: str
    link: str
    urgency: str
    created_at: datetime
    related_type: str
    related_id: str
    requires_ack: bool
    acknowledged_at: datetime | None
    acknowledged_by_id: int | None


class PendingAckOut(Schema):
    id: int
    office_id: int
    kind: str
    subject: str
    urgency: str
    created_at: datetime
    related_type: str
    related_id: str
    recipient_id: int | None


class OnDutyShiftIn(Schema):
    office_id: RowId
    user_id: RowId
    starts_at: AwareDatetime
    ends_at: AwareDatetime


class OnDutyShiftOut(Schema):
    id: int
    office_id: int
    user_id: int
    starts_at: datetime
    ends_at: datetime


class StaffPushKeyOut(Schema):
    key: str = Field(..., description="VAPID application server key (base64url).")


class StaffPushKeysIn(Schema):
    p256dh: str = Field(..., max_length=100)
    auth: str = Field(..., max_length=40)


class StaffPushSubscriptionIn(Schema):
    """What the browser's PushSubscription.toJSON() gives (expirationTime is ignored)."""

    endpoint: str = Field(..., max_length=1000)
    keys: StaffPushKeysIn


class StaffPushRemovalIn(Schema):
    endpoint: str = Field(..., max_length=1000)


@router.get("/push-key", response=StaffPushKeyOut)
def push_key(request: HttpRequest) -> StaffPushKeyOut:
    return StaffPushKeyOut(key=webpush.application_server_key())


@router.put("/push-subscriptions", response={204: None})
def subscribe_to_push(request: HttpRequest, payload: StaffPushSubscriptionIn) -> Status[None]:
    """This browser is woken for my urgent notifications (the push carries an id only)."""
    staff_push_subscribe(user=acting(request).user, endpoint=payload.endpoint,
                         p256dh=payload.keys.p256dh, auth=payload.keys.auth)  # fmt: skip
    return Status(204, None)


@router.post("/push-subscriptions/removal", response={204: None})
def unsubscribe_from_push(request: HttpRequest, payload: StaffPushRemovalIn) -> Status[None]:
    staff_push_unsubscribe(user=acting(request).user, endpoint=payload.endpoint)
    return Status(204, None)


@router.get("/mine", response=list[NotificationOut])
@paginate(PageNumber)
def list_my_notifications(request: HttpRequest, unacknowledged: bool = False) -> object:
    """My notifications, unacknowledged urgent ones first."""
    queryset = inbox_for(acting(request).user)
    if unacknowledged:
        queryset = queryset.filter(acknowledged_at=None)
    return queryset


@router.post("/{notification_id}/acknowledge", response=NotificationOut)
def acknowledge_notification(request: HttpRequest, notification_id: RowId) -> Notification:
    """Acknowledge one of my notifications (for the office, if it is an escalation)."""
    actor = acting(request)
    notification = notification_for_recipient(actor, notification_id)
    return notification_acknowledge(notification=notification, actor=actor)


@router.get("/pending-acks", response={200: list[PendingAckOut], 403: dict})
@paginate(PageNumber)
def list_pending_acks(request: HttpRequest) -> object:
    """Unacknowledged notifications requiring acknowledgement in the offices I supervise."""
    actor = acting(request)
    if not can_supervise_acks(actor):
        raise HttpError(403, _("No tiene permiso para esta operación."))
    audit_record(actor=actor, action=Action.LIST, target_type=NOTIFICATION_TARGET_TYPE)
    return pending_acks_for(actor)


@router.get("/shifts", response=list[OnDutyShiftOut])
def list_shifts(request: HttpRequest) -> object:
    """Current and upcoming on-duty shifts I may see."""
    actor = acting(request)
    if not can_read_roster(actor):
        raise HttpError(403, _("No tiene permiso para esta operación."))
    return list(shifts_visible_to(actor))


@router.post("/shifts", response={201: OnDutyShiftOut})
def create_shift(request: HttpRequest, payload: OnDutyShiftIn) -> Status:
    """Put a staff member on duty (heads: own office; central administration: any)."""
    actor = acting(request)
    office = get_object_or_404(Office, pk=payload.office_id)
    if not can_manage_roster(actor, office):
        raise HttpError(403, _("No tiene permiso para esta operación."))
    if payload.starts_at.tzinfo is None or payload.ends_at.tzinfo is None:
        raise HttpError(422, _("Indique la zona horaria de las fechas (p. ej. Z o -07:00)."))
    user = User.objects.filter(pk=payload.user_id).first()
    if user is None:
        raise HttpError(422, _("Esa persona no forma parte del personal de la representación."))
    try:
        shift = shift_schedule(
            office=office,
            user=user,
            starts_at=payload.starts_at,
            ends_at=payload.ends_at,
            actor=actor,
        )
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    return Status(201, shift)


@router.post("/shifts/{shift_id}/cancel", response=OnDutyShiftOut)
def cancel_shift(request: HttpRequest, shift_id: RowId) -> OnDutyShift:
    actor = acting(request)
    if not can_manage_roster(actor):
        raise Http404
    shift = get_for_actor(actor, OnDutyShift.objects.select_related("office"), shift_id, write=True)
    try:
        return shift_cancel(shift=shift, actor=actor)
    except PermissionDenied as error:
        raise Http404 from error
