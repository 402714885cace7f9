"""The iCalendar feed of an office's published events, with the VTIMEZONE blocks
(icalendar) so every calendar shows the office's local time, DST included."""

from datetime import UTC, datetime

from django.urls import reverse
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from amparo.network.models import Office
from amparo.outreach.models import Event


def office_feed(office: Office, events: list[Event], base_url: str) -> bytes:
    feed = Calendar()
    feed.add("prodid", "-//SRE//Amparo proteccion preventiva//ES")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", office.name)
    feed.add("x-wr-timezone", office.time_zone)
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"outreach-{event.public_code}@amparo")
        entry.add("dtstamp", event.approved_at or datetime.now(tz=UTC))
        entry.add("dtstart", event.local_start)
        entry.add("dtend", event.local_end)
        entry.add("summary", event.title)
        entry.add("description", event.description)
        place = ", ".join(part for part in (event.venue, event.address) if part)
        if place:
            entry.add("location", place)
        entry.add(
            "url", base_url.rstrip("/") + reverse("outreach_public:event", args=[event.public_code])
        )
        feed.add_component(entry)
    feed.add_missing_timezones()
    return feed.to_ical()
