"""Writes for notifications. `notify` and `notify_office_on_duty` are what other apps call."""

from amparo.notifications.services.acknowledgements import notification_acknowledge
from amparo.notifications.services.deliveries import delivery_attempt, requeue_stalled_deliveries
from amparo.notifications.services.notify import Address, notify, notify_office_on_duty
from amparo.notifications.services.roster import shift_cancel, shift_schedule, staff_contact_set

__all__ = [
    "Address",
    "delivery_attempt",
    "notification_acknowledge",
    "notify",
    "notify_office_on_duty",
    "requeue_stalled_deliveries",
    "shift_cancel",
    "shift_schedule",
    "staff_contact_set",
]
