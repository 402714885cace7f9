"""The provider's deadline to answer a referral: two business days, counted in the
office's time zone, without weekends or the public holidays of the office's country (the
US federal holidays for a consulate in the United States; `holidays` keeps the calendar).

A referral sent on a business day is due at the end of the second business day after it;
one sent on a weekend or a holiday counts from the next business day. Past the deadline
the provider's lawyers get a reminder; one business day later the officer who sent it is
asked to reassign it (reminders.send_due_reminders)."""

from datetime import date, datetime, time, timedelta
from functools import cache

import holidays

from amparo.network.models import Office

ANSWER_BUSINESS_DAYS = 2


@cache
def _holidays(country: str, year: int) -> frozenset[date]:
    try:
        found = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        found = holidays.country_holidays("US", years=year)
    return frozenset(found)


def is_business_day(day: date, country: str) -> bool:
    return day.weekday() < 5 and day not in _holidays(country, day.year)


def add_business_days(day: date, count: int, country: str) -> date:
    """The `count`-th business day after `day`."""
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day, country):
            count -= 1
    return day


def end_of_day(day: date, office: Office) -> datetime:
    """Midnight at the end of `day` in the office's time zone."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=office.zone)


def answer_due(sent_at: datetime, office: Office) -> datetime:
    sent_on = sent_at.astimezone(office.zone).date()
    return end_of_day(add_business_days(sent_on, ANSWER_BUSINESS_DAYS, office.country), office)


def reassign_due(sent_at: datetime, office: Office) -> datetime:
    """One business day after the answer was due."""
    sent_on = sent_at.astimezone(office.zone).date()
    return end_of_day(add_business_days(sent_on, ANSWER_BUSINESS_DAYS + 1, office.country), office)
