"""Test data for coverage, built through the services as the application does."""

import datetime
from zoneinfo import ZoneInfo

from samordna.coverage import services
from samordna.coverage.models import CoverageGoal, CoverageItem
from samordna.events import services as event_services
from samordna.events.models import Event
from samordna.organisations.models import County, Organisation

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def county(code: str) -> County:
    return County.objects.get(code=code)


def organisation(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def event_held(county_obj, *, start: datetime.datetime, hours: int = 3, title: str = "") -> Event:
    return event_services.event_create(
        actor=None,
        county=county_obj,
        title=title or f"Utbildning {start:%Y-%m-%d %H}",
        type=Event.Type.TRAINING,
        format=Event.Format.IN_PERSON,
        start=start,
        end=start + datetime.timedelta(hours=hours),
        published=True,
        place="Kalmar",
    )


def attend(event: Event, organisation_obj: Organisation, *, attended: bool = True, n: int = 1):
    return [
        event_services.registration_add_by_organiser(
            actor=None,
            event=event,
            name=f"Deltagare {i}",
            email=f"deltagare{i}.{organisation_obj.code}.{event.pk}@example.se".lower(),
            organisation=organisation_obj,
            attended=attended,
        )
        for i in range(n)
    ]


def make_item(county_obj, name: str = "En kommun fri från våld", **kwargs) -> CoverageItem:
    kwargs.setdefault("kind", CoverageItem.Kind.TRAINING)
    return services.item_create(actor=None, county=county_obj, name=name, **kwargs)


def make_goal(item: CoverageItem, year: int = 2024, audience=CoverageGoal.Audience.MUNICIPALITIES):
    return services.goal_create(
        actor=None, county=item.county, item=item, target_year=year, audience=audience
    )


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)
