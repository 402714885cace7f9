"""Signals other modules listen to, so notifications never import them."""

from django.dispatch import Signal

# Sent inside the acknowledging transaction with `notification` and `actor` (and `request`).
# The module that raised the notice (e.g. the hotline's escalations) closes its own record.
notification_acknowledged = Signal()
