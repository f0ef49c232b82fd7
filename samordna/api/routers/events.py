"""Events API: list/detail (public, or with a staff token also unpublished ones of the user's
counties), create (staff token of the organising county), register and cancel."""

from datetime import datetime
from typing import Annotated

from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from samordna.api.auth import TokenAuth, api_user
from samordna.api.pagination import Pagination
from samordna.api.schemas import ApiDateTime
from samordna.events import selectors, services
from samordna.events.ics import event_ics, public_feed
from samordna.events.models import Registration
from samordna.organisations.models import County, Organisation

router = Router(tags=["events"])

CountyCode = Annotated[str, Field(pattern=r"^\d{2}$", description="two-digit county code")]


class EventOut(Schema):
    id: int
    title: str
    type: str
    format: str
    start: datetime
    end: datetime
    capacity: int | None
    seats_left: int | None
    registration_deadline: datetime | None
    county: str
    published: bool
    url: str

    @staticmethod
    def resolve_seats_left(obj):
        return services.seats_left(obj)

    @staticmethod
    def resolve_county(obj):
        return obj.county.code

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class SessionOut(Schema):
    title: str
    start: datetime
    end: datetime


class EventDetailOut(EventOut):
    description: str
    place: str
    address: str
    target_groups: list[str]
    co_organising_counties: list[str]
    registration_open: bool
    sessions: list[SessionOut]

    @staticmethod
    def resolve_target_groups(obj):
        return obj.target_group_list

    @staticmethod
    def resolve_co_organising_counties(obj):
        return [c.code for c in obj.co_organising_counties.all()]

    @staticmethod
    def resolve_registration_open(obj):
        return obj.published and obj.registration_is_open()

    @staticmethod
    def resolve_sessions(obj):
        return list(obj.sessions.all())


class EventFilters(Schema):
    county: CountyCode | None = None
    type: str | None = None
    from_: ApiDateTime | None = Field(None, alias="from")
    to: ApiDateTime | None = None


class EventIn(Schema):
    title: Annotated[str, Field(min_length=1, max_length=200)]
    type: str
    format: str
    start: ApiDateTime
    end: ApiDateTime
    capacity: Annotated[int | None, Field(ge=0)] = None
    capacity_per_organisation: Annotated[int | None, Field(ge=0)] = None
    capacity_per_county: Annotated[int | None, Field(ge=0)] = None
    registration_deadline: ApiDateTime | None = None
    registration_opens_at: ApiDateTime | None = None
    published: bool = False
    county: CountyCode | None = None
    co_organising_counties: list[CountyCode] = []
    description: Annotated[str, Field(max_length=20000)] = ""
    place: Annotated[str, Field(max_length=200)] = ""
    address: Annotated[str, Field(max_length=300)] = ""
    link: Annotated[str, Field(max_length=200)] = ""
    target_groups: list[str] = []
    requires_approval: bool = False
    consent_text: Annotated[str, Field(max_length=5000)] = ""


class RegistrationIn(Schema):
    name: Annotated[str, Field(max_length=200)]
    email: Annotated[str, Field(max_length=254)]
    organisation: Annotated[str, Field(max_length=200)] = ""
    answers: dict = {}
    consent: bool = False


class RegistrationOut(Schema):
    id: int
    status: str
    cancel_url: str


class CancelOut(Schema):
    id: int
    status: str
    promoted: int


def _aware(value: datetime | None, field: str) -> datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


@router.get(
    "/events", response=list[EventOut], summary="Upcoming events (filter by county, type, dates)"
)
@paginate(Pagination)
def event_list(request, filters: Query[EventFilters]):
    user = api_user(request)
    event_type = ""
    if filters.type:
        event_type = services.parse_type(filters.type)
    if filters.county:
        services.county_by_code(filters.county)
    return selectors.event_search(
        user,
        county_code=filters.county or "",
        type=event_type,
        start_from=_aware(filters.from_, "from"),
        start_to=_aware(filters.to, "to"),
    )


@router.get(
    "/events.ics",
    summary="iCalendar feed of published events",
    url_name="events_feed",
    response={200: None},
)
def events_feed(request, county: CountyCode | None = None):
    response = HttpResponse(public_feed(county or ""), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="samordna.ics"'
    return response


@router.get("/events/{event_id}.ics", summary="One event as iCalendar", response={200: None})
def event_detail_ics(request, event_id: int):
    event = selectors.event_get_for_user(api_user(request), event_id)
    if event is None:
        from django.http import Http404

        raise Http404
    return HttpResponse(event_ics(event), content_type="text/calendar; charset=utf-8")


@router.get("/events/{event_id}", response=EventDetailOut, summary="One event")
def event_detail(request, event_id: int):
    event = selectors.event_get_for_user(api_user(request), event_id)
    if event is None:
        from django.http import Http404

        raise Http404
    return event


@router.post("/events", response={201: EventDetailOut}, auth=TokenAuth(), summary="Create an event")
def event_create(request, payload: EventIn):
    user = request.auth
    county = services.county_for_new_event(user, payload.county or "")
    co_counties = list(County.objects.filter(code__in=payload.co_organising_counties))
    data = payload.dict(
        exclude={"county", "co_organising_counties", "type", "format", "start", "end"}
    )
    data["registration_deadline"] = _aware(payload.registration_deadline, "registration_deadline")
    data["registration_opens_at"] = _aware(payload.registration_opens_at, "registration_opens_at")
    event = services.event_create(
        actor=user,
        county=county,
        type=services.parse_type(payload.type),
        format=services.parse_format(payload.format),
        start=_aware(payload.start, "start"),
        end=_aware(payload.end, "end"),
        co_organising_counties=co_counties,
        **data,
    )
    return Status(201, selectors.event_get_for_user(user, event.pk))


@router.post(
    "/events/{event_id}/registrations",
    response={201: RegistrationOut},
    summary="Register for an event",
)
def registration_create(request, event_id: int, payload: RegistrationIn):
    user = api_user(request)
    event = selectors.event_get_for_user(user, event_id)
    if event is None:
        from django.http import Http404

        raise Http404
    organisation = None
    organisation_name = payload.organisation.strip()
    if organisation_name:
        organisation = Organisation.objects.filter(code=organisation_name).first()
        if organisation is None:
            organisation = Organisation.objects.filter(name__iexact=organisation_name).first()
    registration = services.registration_create(
        event_id=event.pk,
        name=payload.name,
        email=payload.email,
        organisation=organisation,
        organisation_name="" if organisation else organisation_name,
        answers=payload.answers,
        consent=payload.consent,
        actor=user,
    )
    return Status(
        201,
        {
            "id": registration.pk,
            "status": registration.status,
            "cancel_url": registration.get_absolute_cancel_url(),
        },
    )


@router.post(
    "/events/registrations/{token}/cancel",
    response=CancelOut,
    summary="Cancel a registration with its personal token",
)
def registration_cancel(request, token: str):
    registration = services.registration_get_by_token(token)
    if registration is None:
        from django.http import Http404

        raise Http404
    confirmed_before = set(
        registration.event.registrations.filter(status=Registration.Status.CONFIRMED).values_list(
            "pk", flat=True
        )
    )
    registration = services.registration_cancel(
        registration_id=registration.pk, actor=api_user(request)
    )
    confirmed_after = set(
        registration.event.registrations.filter(status=Registration.Status.CONFIRMED).values_list(
            "pk", flat=True
        )
    )
    return {
        "id": registration.pk,
        "status": registration.status,
        "promoted": len(confirmed_after - confirmed_before),
    }
