"""iCalendar (.ics) for one event (one VEVENT per session) and for feeds."""

from collections.abc import Iterable

import nh3
from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as IcsEvent

from .models import Event

PRODID = "-//Samordna//Kalender//SV"


def _calendar(name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _location(event: Event) -> str:
    parts = [event.place, event.address]
    if event.link:
        parts.append(event.link)
    return ", ".join(p for p in parts if p)


def _add_event(calendar: Calendar, event: Event) -> None:
    url = settings.SITE_URL.rstrip("/") + event.get_absolute_url()
    description = nh3.clean(event.description or "", tags=set()).strip()
    sessions = list(event.sessions.all()) or [None]
    for index, session in enumerate(sessions, start=1):
        item = IcsEvent()
        suffix = f"-{session.pk}" if session is not None else ""
        item.add("uid", f"event-{event.pk}{suffix}@samordna")
        summary = event.title
        if len(sessions) > 1:
            summary = f"{event.title} ({index}/{len(sessions)})"
        item.add("summary", summary)
        item.add("dtstart", session.start if session else event.start)
        item.add("dtend", session.end if session else event.end)
        item.add("dtstamp", timezone.now())
        item.add("last-modified", event.updated_at)
        item.add("url", url)
        item.add("description", f"{description}\n\n{url}".strip())
        location = _location(event)
        if location:
            item.add("location", location)
        calendar.add_component(item)


def event_ics(event: Event) -> bytes:
    calendar = _calendar()
    _add_event(calendar, event)
    return calendar.to_ical()


def events_feed(events: Iterable[Event], *, name: str = "Samordna") -> bytes:
    calendar = _calendar(name)
    for event in events:
        _add_event(calendar, event)
    return calendar.to_ical()


def event_ics_attachment(event: Event) -> dict:
    """The outbox attachment dict (text content) for confirmation e-mails."""
    return {
        "filename": f"evenemang-{event.pk}.ics",
        "content": event_ics(event).decode("utf-8"),
        "mimetype": "text/calendar",
    }


def public_feed(county_code: str = "") -> bytes:
    """The public calendar feed: published public events (from 90 days back), optionally for
    one county (organising or co-organising)."""
    from datetime import timedelta

    from django.db.models import Q

    from .selectors import public_events

    events = public_events().filter(end__gte=timezone.now() - timedelta(days=90))
    if county_code:
        events = events.filter(
            Q(county__code=county_code) | Q(co_organising_counties__code=county_code)
        ).distinct()
    events = events.select_related("county").prefetch_related("sessions").order_by("start", "pk")
    name = "Samordna"
    if county_code:
        name = f"Samordna {county_code}"
    return events_feed(events, name=name)
