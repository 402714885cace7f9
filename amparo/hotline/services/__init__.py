"""Every write on the hotline goes through these functions (one transaction + audit)."""

from amparo.hotline.services.callbacks import (
    callback_cancel,
    callback_log_attempt,
    callback_schedule,
    callbacks_hand_over,
)
from amparo.hotline.services.calls import call_log
from amparo.hotline.services.escalations import call_escalate, escalation_acknowledge
from amparo.hotline.services.shifts import shift_configure, shifts_ensure
from amparo.hotline.services.telephony import EventInput, telephony_event_record

__all__ = [
    "EventInput",
    "call_escalate",
    "call_log",
    "callback_cancel",
    "callback_log_attempt",
    "callback_schedule",
    "callbacks_hand_over",
    "escalation_acknowledge",
    "shift_configure",
    "shifts_ensure",
    "telephony_event_record",
]
