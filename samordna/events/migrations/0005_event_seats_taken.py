"""The seat counter on Event (``seats_taken`` = confirmed registrations), filled from the
registrations, then the check that it never exceeds the number of seats."""

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill_seats_taken(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Registration = apps.get_model("events", "Registration")
    confirmed = (
        Registration.objects.filter(event=OuterRef("pk"), status="confirmed")
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Event.objects.update(seats_taken=Coalesce(Subquery(confirmed), 0))
    # Lowering the seats below the confirmed registrations was allowed before this migration
    # (it is refused from now on): such an event keeps its people and counts as exactly full.
    overbooked = Event.objects.filter(capacity__isnull=False, seats_taken__gt=models.F("capacity"))
    overbooked.update(capacity=models.F("seats_taken"))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_event_end_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="seats_taken",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="seats taken"
            ),
        ),
        migrations.RunPython(fill_seats_taken, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(("capacity__isnull", True))
                | models.Q(("seats_taken__lte", models.F("capacity"))),
                name="event_seats_taken_within_capacity",
                violation_error_message=(
                    "More people already have a seat than the number of seats given."
                ),
            ),
        ),
    ]
