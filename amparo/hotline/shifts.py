"""Which shift an instant falls in. Pure: shift times come in as plain values."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class ShiftTimes:
    kind: str
    starts_at: time
    ends_at: time

    def covers(self, moment: time) -> bool:
        if self.starts_at <= self.ends_at:
            return self.starts_at <= moment < self.ends_at
        return moment >= self.starts_at or moment < self.ends_at  # runs past midnight


@dataclass(frozen=True)
class ShiftOccurrence:
    kind: str
    starts: datetime
    ends: datetime


def shift_kind_at(shifts: Iterable[ShiftTimes], moment: time) -> str | None:
    return next((shift.kind for shift in shifts if shift.covers(moment)), None)


def occurrence_at(shifts: Iterable[ShiftTimes], at: datetime, zone: str) -> ShiftOccurrence | None:
    """The shift running at `at` (aware) in time zone `zone`, with its start and end."""
    local = at.astimezone(ZoneInfo(zone))
    for shift in shifts:
        if not shift.covers(local.time().replace(tzinfo=None)):
            continue
        day: date = local.date()
        if shift.starts_at > shift.ends_at and local.time() < shift.ends_at:
            day -= timedelta(days=1)  # the night shift that began yesterday
        starts = datetime.combine(day, shift.starts_at, tzinfo=ZoneInfo(zone))
        end_day = day if shift.starts_at < shift.ends_at else day + timedelta(days=1)
        ends = datetime.combine(end_day, shift.ends_at, tzinfo=ZoneInfo(zone))
        return ShiftOccurrence(kind=shift.kind, starts=starts, ends=ends)
    return None
