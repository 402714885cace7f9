"""How long the consulate took to learn of an arrest (VCCR art. 36). Plain values only."""

from dataclasses import dataclass
from datetime import datetime, timedelta

# The US Consular Notification and Access manual reads "without delay" as, in general,
# within 72 hours of learning the person is a foreign national (GK, see domain.md §1).
LATE_AFTER = timedelta(hours=72)


@dataclass(frozen=True)
class NotificationDelay:
    delta: timedelta

    @property
    def total_hours(self) -> int:
        return int(self.delta.total_seconds() // 3600)

    @property
    def days(self) -> int:
        return self.total_hours // 24

    @property
    def hours(self) -> int:
        """Hours left over after whole days."""
        return self.total_hours % 24

    @property
    def is_late(self) -> bool:
        return self.delta > LATE_AFTER


def notification_delay(*, arrested_at: datetime, learned_at: datetime) -> NotificationDelay:
    """The time between the arrest and the moment the consulate learned of it (never < 0)."""
    return NotificationDelay(delta=max(learned_at - arrested_at, timedelta(0)))
