"""Each officer's private calendar feed (iCalendar, with VTIMEZONE blocks so every
calendar shows each office's local time, DST included): the visits they are planned on and
the hearings of the detained nationals whose case is theirs, and the hearings PALE providers
report on the referrals of their cases (or the ones they sent).

A calendar application cannot sign in with a second factor, so the feed's address carries
a signed token instead. The token includes a digest of the user's password hash: changing
the password revokes every address given before. The feed names facilities and case
folios, never a national's name (calendars are synced to phones and third-party servers)."""

import hashlib
import operator
from datetime import UTC, datetime, timedelta
from functools import reduce

from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from amparo.accounts.access import visibility_filter
from amparo.accounts.actor import Actor, active_memberships
from amparo.accounts.models import User
from amparo.detention.models import Detention, DetentionStatus, Visit, VisitStatus
from amparo.legal.models import OPEN_STATUSES, ReferralUpdate, UpdateKind

SALT = "amparo.detention.calendar"
VISIT_HOURS = 3
HEARING_HOURS = 1
PAST_DAYS = 30


def _password_digest(user: User) -> str:
    return hashlib.sha256(user.password.encode()).hexdigest()[:16]


def feed_token(user: User) -> str:
    return signing.Signer(salt=SALT).sign(f"{user.pk}.{_password_digest(user)}")


def user_for_token(token: str) -> User | None:
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    user_id, _sep, digest = value.partition(".")
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id.isdigit() else None
    if user is None or digest != _password_digest(user):
        return None
    return user


def _readable_by(user: User, model: type[models.Model]) -> models.Q:
    """What any of the user's active memberships may read of `model` (the access rules:
    the feed has no session, so no chosen membership)."""
    actors = [Actor(user=user, membership=m) for m in active_memberships(user)]
    return reduce(operator.or_, (visibility_filter(a, model) for a in actors), models.Q(pk__in=[]))


def officer_feed(user: User) -> bytes:
    since = timezone.now() - timedelta(days=PAST_DAYS)
    feed = Calendar()
    feed.add("prodid", "-//SRE//Amparo deteccion y visitas//ES")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", _("Visitas y audiencias"))
    visits = (
        Visit.objects.filter(_readable_by(user, Visit), officers=user,
                             status=VisitStatus.PLANNED, planned_on__gte=since.date())
        .select_related("facility", "office")
    )  # fmt: skip
    for visit in visits:
        starts = datetime.combine(visit.planned_on, visit.starts_at or datetime.min.time().replace(hour=9),
                                  tzinfo=visit.office.zone)  # fmt: skip
        entry = _entry(f"visit-{visit.pk}", starts, VISIT_HOURS)
        entry.add("summary", _("Visita consular: %(facility)s") % {"facility": visit.facility.name})
        entry.add(
            "location", f"{visit.facility.address}, {visit.facility.city}, {visit.facility.state}"
        )
        feed.add_component(entry)
    hearings = (
        Detention.objects.filter(_readable_by(user, Detention), case__assigned_to=user,
                                 status=DetentionStatus.HELD, next_hearing_at__gte=since)
        .select_related("case", "office", "facility")
    )  # fmt: skip
    for detention in hearings:
        assert detention.next_hearing_at is not None and detention.case is not None
        starts = timezone.localtime(detention.next_hearing_at, detention.office.zone)
        entry = _entry(f"hearing-{detention.pk}-{int(starts.timestamp())}", starts, HEARING_HOURS)
        entry.add("summary", _("Audiencia: caso %(folio)s") % {"folio": detention.case.folio})
        feed.add_component(entry)
    _add_pale_hearings(feed, user, since)
    feed.add_missing_timezones()
    return feed.to_ical()


def _add_pale_hearings(feed: Calendar, user: User, since: datetime) -> None:
    reported = (
        ReferralUpdate.objects.filter(
            _readable_by(user, ReferralUpdate), kind=UpdateKind.HEARING, hearing_at__gte=since,
            referral__status__in=OPEN_STATUSES,
        )
        .filter(models.Q(referral__case__assigned_to=user) | models.Q(referral__sent_by=user))
        .select_related("referral__case", "referral__office", "referral__provider")
    )  # fmt: skip
    for update in reported:
        assert update.hearing_at is not None
        referral = update.referral
        starts = timezone.localtime(update.hearing_at, referral.office.zone)
        entry = _entry(f"pale-hearing-{update.pk}", starts, HEARING_HOURS)
        entry.add("summary", _("Audiencia (PALE, %(provider)s): caso %(folio)s") % {
            "provider": referral.provider.name, "folio": referral.case.folio})  # fmt: skip
        feed.add_component(entry)


def _entry(uid: str, starts: datetime, hours: int) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", f"{uid}@amparo")
    entry.add("dtstamp", datetime.now(tz=UTC))
    entry.add("dtstart", starts)
    entry.add("dtend", starts + timedelta(hours=hours))
    return entry
