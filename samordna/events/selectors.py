"""Reads of events and registrations."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from samordna.core.permissions import get_access, visible_to

from .models import EvaluationResponse, Event, Registration


def public_events() -> QuerySet[Event]:
    """Published events open to everyone (not invitation-only)."""
    return Event.objects.filter(published=True, visibility=Event.Visibility.PUBLIC)


def upcoming_public_events(*, county=None, limit: int = 20) -> list[Event]:
    """Published public events that have not ended, soonest first; ``county`` (a County or its
    code) also matches events the county co-organises."""
    queryset = public_events().filter(end__gte=timezone.now()).select_related("county")
    if county is not None:
        code = getattr(county, "code", county)
        queryset = queryset.filter(Q(county__code=code) | _co_organised_by(Q(county__code=code)))
    return list(queryset.order_by("start", "pk")[:limit])


def with_seat_counts(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """``confirmed_count`` per event as a correlated subquery (one index range per listed
    event), not a join with GROUP BY over every registration of every matching event."""
    confirmed = (
        Registration.objects.filter(event=OuterRef("pk"), status=Registration.Status.CONFIRMED)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(confirmed_count=Coalesce(Subquery(confirmed), 0))


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
        queryset = queryset.filter(end__lt=now)
    elif start_from is None:
        queryset = queryset.filter(end__gte=now)
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


def event_get_for_user(user, pk: int) -> Event | None:
    return (
        with_seat_counts(events_visible_to(user).select_related("county"))
        .prefetch_related("sessions", "co_organising_counties", "questions")
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


def registrations_of(event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related(
        "organisation", "municipality", "registrant_county"
    ).order_by("created_at", "pk")


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
