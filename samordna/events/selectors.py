"""Reads of events and registrations."""

import hashlib
import json
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Min, Q, QuerySet
from django.utils import timezone

from samordna.core.memo import generation_cached
from samordna.core.permissions import get_access, visible_to

from .models import EvaluationResponse, Event, Registration


def public_events() -> QuerySet[Event]:
    """Published events open to everyone (not invitation-only)."""
    return Event.objects.filter(published=True, visibility=Event.Visibility.PUBLIC)


def upcoming_public_events(*, county=None, limit: int = 20) -> list[Event]:
    """Published public events that have not ended, soonest first; ``county`` (a County or its
    code) also matches events the county co-organises."""
    now = timezone.now()
    queryset = public_events().filter(_not_ended(now)).select_related("county")
    if county is not None:
        code = getattr(county, "code", county)
        queryset = queryset.filter(Q(county__code=code) | _co_organised_by(Q(county__code=code)))
    return list(queryset.order_by("start", "pk")[:limit])


def _earliest_start_ending_after(moment: datetime) -> datetime | None:
    """The earliest start of any event (published or not) that ends at or after ``moment``."""
    # Min(…, filter=…) keeps PostgreSQL from answering MIN(start) by walking the start index
    # from the oldest event (ten years of past events): it reads the end index instead.
    not_ended = Q(end__gte=moment)
    return Event.objects.filter(not_ended).aggregate(first=Min("start", filter=not_ended))["first"]


def start_lower_bound(moment: datetime) -> datetime | None:
    """A lower bound on ``start`` for the events not ended at ``moment`` (now), so the upcoming
    list in start order scans the start index from there instead of from the oldest event (ten
    years of them at national scale); None: no event has not ended.

    It is the earliest start of those events, cached under the page-cache generation
    (``core.memo``): one entry serves every later request, because the bound computed at ``t0``
    stays a bound at any later ``t`` until a write (a new or changed event) changes the
    generation: without writes the events not ended at ``t`` are a subset of those not ended
    at ``t0``. (The month view needs no bound: it reads the end index, and a bound for an
    arbitrary month would cost a scan of every event after it.)"""
    computed_at, bound = generation_cached(
        "events:start-bound:upcoming", lambda: (moment, _earliest_start_ending_after(moment))
    )
    if computed_at > moment:  # this process's clock went back: not a bound for ``moment``
        return _earliest_start_ending_after(moment)
    return bound


def _not_ended(moment: datetime) -> Q:
    """Events that have not ended at ``moment`` (now), with the lower bound on ``start`` (if
    there is none, the condition alone already matches nothing)."""
    condition = Q(end__gte=moment)
    bound = start_lower_bound(moment)
    return condition & Q(start__gte=bound) if bound is not None else condition


def with_seat_counts(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """``confirmed_count`` per event: the seat counter kept with every status change."""
    return queryset.annotate(confirmed_count=F("seats_taken"))


def _co_organised_by(county_filter: Q) -> Q:
    """Events co-organised by the counties matching ``county_filter`` (on the through table),
    as a subquery so the calendar needs no join and no DISTINCT."""
    through = Event.co_organising_counties.through
    return Q(pk__in=through.objects.filter(county_filter).values("event_id"))


def events_visible_to(user) -> QuerySet[Event]:
    """Events the user may open: published ones, unpublished ones of their (co-)organising
    counties, everything for the national role."""
    return visible_to(Event.objects.all(), user, shared_county_field="co_organising_counties")


def events_listed_for(user) -> QuerySet[Event]:
    """Events shown in the user's calendar: invitation-only events only for the invited
    organisations' members and the organisers."""
    access = get_access(user)
    queryset = events_visible_to(user)
    readable = access.readable_county_ids()
    if readable is None:
        return queryset
    condition = Q(visibility=Event.Visibility.PUBLIC)
    if readable:
        condition |= Q(county_id__in=readable) | _co_organised_by(Q(county_id__in=readable))
    if access.member_organisation_ids:
        invited = Event.invited_organisations.through.objects.filter(
            organisation_id__in=access.member_organisation_ids
        )
        condition |= Q(pk__in=invited.values("event_id"))
    return queryset.filter(condition)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=tz),
        datetime.combine(following, time.min, tzinfo=tz),
    )


def event_search(
    user,
    *,
    q: str = "",
    county_code: str = "",
    type: str = "",  # noqa: A002
    format: str = "",  # noqa: A002
    target_group: str = "",
    month: date | None = None,
    past: bool = False,
    start_from: datetime | None = None,
    start_to: datetime | None = None,
) -> QuerySet[Event]:
    """The calendar: upcoming (or past) events the user may see, filtered."""
    now = timezone.now()
    queryset = with_seat_counts(events_listed_for(user).select_related("county"))
    if month is not None:
        start, end = month_bounds(month)
        queryset = queryset.filter(start__lt=end, end__gte=start)
    elif past:
        # start <= end (a check constraint), so start < now as well: the scan in start order
        # begins at now instead of at the last event planned.
        queryset = queryset.filter(end__lt=now, start__lt=now)
    elif start_from is None:
        queryset = queryset.filter(_not_ended(now))
    if start_from is not None:
        queryset = queryset.filter(start__gte=start_from)
    if start_to is not None:
        queryset = queryset.filter(start__lte=start_to)
    if q:
        queryset = queryset.filter(
            Q(title__icontains=q) | Q(description__icontains=q) | Q(place__icontains=q)
        )
    if county_code:
        queryset = queryset.filter(
            Q(county__code=county_code) | _co_organised_by(Q(county__code=county_code))
        )
    if type:
        queryset = queryset.filter(type=type)
    if format:
        queryset = queryset.filter(format=format)
    if target_group:
        queryset = queryset.filter(
            Q(target_groups=target_group)
            | Q(target_groups__startswith=f"{target_group},")
            | Q(target_groups__endswith=f",{target_group}")
            | Q(target_groups__contains=f",{target_group},")
        )
    ordering = ("-start", "-pk") if past and month is None else ("start", "pk")
    return queryset.order_by(*ordering)


def event_search_count(user, **filters) -> int:
    """How many events ``event_search(user, **filters)`` lists, for the pagination of the
    calendar and the archive (the archive's COUNT reads 44,000 past events at national scale).

    Cached per generation for the same filters and the same visibility (readable counties,
    member organisations), for at most ``PAGE_CACHE_SECONDS``: within that time the number can
    still include an event that has just ended (or, in the archive, miss it), as a cached
    public page can; the listed events themselves are always read afresh."""
    access = get_access(user)
    readable = access.readable_county_ids()
    scope = {
        "counties": "all" if readable is None else sorted(readable),
        "organisations": sorted(access.member_organisation_ids),
    }
    criteria = {name: str(value) for name, value in sorted(filters.items()) if value}
    digest = hashlib.sha256(json.dumps([scope, criteria]).encode()).hexdigest()
    return generation_cached(
        f"events:search-count:{digest}",
        lambda: event_search(user, **filters).order_by().count(),
    )


def event_get_for_user(user, pk: int) -> Event | None:
    return (
        with_seat_counts(events_visible_to(user).select_related("county"))
        .prefetch_related("sessions", "co_organising_counties", "questions")
        .filter(pk=pk)
        .first()
    )


def event_get_for_registration(user, pk: int) -> Event | None:
    """The event a registration form is posted to: the row and its questions only (what the
    form and ``registration_create`` need), with the same visibility as the event page."""
    return (
        events_visible_to(user)
        .select_related("county")
        .prefetch_related("questions")
        .filter(pk=pk)
        .first()
    )


def events_managed_by(user) -> QuerySet[Event]:
    """Events the user organises or co-organises (all states), newest first."""
    access = get_access(user)
    queryset = with_seat_counts(Event.objects.select_related("county"))
    if access.is_superuser:
        return queryset.order_by("-start", "-pk")
    ids = access.edit_county_ids
    if access.national and not ids:
        return queryset.order_by("-start", "-pk")
    return queryset.filter(Q(county_id__in=ids) | _co_organised_by(Q(county_id__in=ids))).order_by(
        "-start", "-pk"
    )


def events_managed_list(user) -> QuerySet[Event]:
    """``events_managed_by`` with only the columns the staff's event list shows (no
    descriptions, addresses, consent texts … per row)."""
    return events_managed_by(user).only(
        "title", "start", "published", "capacity", "seats_taken", "county__name"
    )


def events_managed_count(user) -> int:
    """How many events ``events_managed_by`` lists. Counted as the counties' own events plus
    the events they co-organise for another county: two index look-ups, where a COUNT over
    the list's OR-condition reads every event. Cached per generation and set of counties."""
    access = get_access(user)
    ids = sorted(access.edit_county_ids)
    if access.is_superuser or (access.national and not ids):
        return generation_cached("events:managed-count:all", lambda: Event.objects.count())

    def count() -> int:
        own = Event.objects.filter(county_id__in=ids).count()
        others = (
            Event.objects.filter(_co_organised_by(Q(county_id__in=ids)))
            .exclude(county_id__in=ids)
            .count()
        )
        return own + others

    return generation_cached(f"events:managed-count:{','.join(map(str, ids))}", count)


def registrations_of(event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related(
        "organisation", "municipality", "registrant_county"
    ).order_by("created_at", "pk")


def registrations_for_staff_list(event: Event) -> QuerySet[Registration]:
    """``registrations_of`` with only what the staff's registration list shows (about half the
    time per row of loading every column of three joined tables)."""
    return (
        event.registrations.select_related("organisation", "municipality")
        .only(
            "event_id",
            "created_at",
            "name",
            "email",
            "organisation__name",
            "organisation_name",
            "municipality__name",
            "status",
            "answers",
            "attended",
        )
        .order_by("created_at", "pk")
    )


def summarise_registrations(registrations) -> dict[str, int]:
    """``registration_summary`` of registrations already loaded (all of one event's)."""
    counts = {status: 0 for status in Registration.Status.values}
    for registration in registrations:
        if registration.status in counts:
            counts[registration.status] += 1
    return counts


def registration_summary(event: Event) -> dict[str, int]:
    counts = dict(
        event.registrations.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in Registration.Status.values}


def evaluation_summary(event: Event) -> dict:
    responses = list(EvaluationResponse.objects.filter(event=event).order_by("created_at"))
    count = len(responses)
    summary = {
        "count": count,
        "questions": [],
        "comments": [r.comment for r in responses if r.comment],
    }
    for field in ("overall", "content", "usefulness"):
        values = [getattr(r, field) for r in responses]
        distribution = [values.count(i) for i in range(1, 6)]
        summary["questions"].append(
            {
                "label": EvaluationResponse._meta.get_field(field).verbose_name,
                "average": round(sum(values) / count, 1) if count else None,
                "distribution": distribution,
            }
        )
    return summary
