"""Test data for events: built through the services, as the application does."""

from datetime import timedelta

from django.utils import timezone

from samordna.events import services
from samordna.events.models import Event


def make_event(county, **overrides) -> Event:
    start = overrides.pop("start", timezone.now() + timedelta(days=14))
    end = overrides.pop("end", start + timedelta(hours=3))
    fields = {
        "title": "FREDA-utbildning",
        "type": Event.Type.TRAINING,
        "format": Event.Format.IN_PERSON,
        "published": True,
        "capacity": 10,
        "registration_deadline": start - timedelta(days=2),
        "place": "Residenset, Kalmar",
    }
    fields.update(overrides)
    co = fields.pop("co_organising_counties", ())
    return services.event_create(
        actor=None, county=county, start=start, end=end, co_organising_counties=co, **fields
    )


def register(event, n: int, *, prefix: str = "person", **kwargs):
    return [
        services.registration_create(
            event_id=event.pk,
            name=f"{prefix.title()} {i}",
            email=f"{prefix}{i}@example.se",
            **kwargs,
        )
        for i in range(n)
    ]
