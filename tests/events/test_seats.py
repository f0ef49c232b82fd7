"""The seat counter (``Event.seats_taken``): always the number of confirmed registrations, never
beyond the number of seats, whichever service changed a status."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from samordna.core.errors import ValidationFailed
from samordna.events import services
from samordna.events.models import Event, Registration
from samordna.organisations.models import Organisation

from .factories import make_event, register

pytestmark = pytest.mark.django_db

CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED


def assert_counter_matches(event):
    event.refresh_from_db()
    confirmed = event.registrations.filter(status=CONFIRMED).count()
    assert event.seats_taken == confirmed
    if event.capacity is not None:
        assert confirmed <= event.capacity


def test_counter_follows_every_status_change(county_08, editor_08):
    event = make_event(county_08, capacity=3)
    a, b, c, d, e = register(event, 5)
    assert_counter_matches(event)
    services.registration_cancel(registration_id=b.pk)  # promotes d
    assert_counter_matches(event)
    services.registration_cancel(registration_id=e.pk)  # waitlisted: nothing moves
    assert_counter_matches(event)
    services.event_update(actor=editor_08, event=event, capacity=5)  # promotes nobody left
    services.registration_add_by_organiser(actor=editor_08, event=event, name="F", email="f@x.se")
    assert_counter_matches(event)
    services.registration_cancel(registration_id=a.pk)
    services.registration_cancel(registration_id=c.pk)
    services.registration_cancel(registration_id=c.pk)  # twice is harmless
    assert_counter_matches(event)
    assert event.seats_taken == 2


def test_counter_follows_approval_and_moving_from_the_waiting_list(county_08, editor_08):
    nybro = Organisation.objects.get(code="0881")
    event = make_event(county_08, capacity=3, capacity_per_organisation=1)
    first, second = register(event, 2, organisation=nybro)
    assert [first.status, second.status] == [CONFIRMED, WAITLISTED]
    services.registration_move_from_waitlist(
        actor=editor_08, registration=second, reason="Behövs som handledare"
    )
    assert_counter_matches(event)
    approval = make_event(county_08, capacity=1, requires_approval=True)
    p, q = register(approval, 2, prefix="pending")
    services.registration_approve(actor=editor_08, registration=p)
    services.registration_approve(actor=editor_08, registration=q)
    p.refresh_from_db()
    q.refresh_from_db()
    assert [p.status, q.status] == [CONFIRMED, WAITLISTED]
    assert_counter_matches(approval)


def test_anonymisation_keeps_the_counter(county_08):
    from samordna.privacy.services import retention_run

    event = make_event(county_08, capacity=2)
    register(event, 3)
    # Test set-up only: the event took place long ago.
    past = timezone.now() - timedelta(days=3 * 365)
    Event.objects.filter(pk=event.pk).update(
        start=past, end=past + timedelta(hours=3), registration_deadline=None
    )
    retention_run()
    assert event.registrations.filter(anonymised_at__isnull=False).count() == 3
    assert_counter_matches(event)
    assert event.seats_taken == 2


def test_a_stale_view_of_a_free_seat_never_overbooks(county_08):
    # The form was read while one seat was free; someone else took it before the post.
    event = make_event(county_08, capacity=1)
    seen = Event.objects.select_related("county").get(pk=event.pk)
    register(event, 1, prefix="first")
    late = services.registration_create(
        event_id=event.pk, event=seen, name="Sen", email="sen@example.se"
    )
    assert late.status == WAITLISTED
    assert_counter_matches(event)


def test_a_seat_freed_while_someone_joins_the_waiting_list_goes_to_them(county_08):
    # The post was read as full; the only seat was given back (nobody waiting) before it was
    # stored: the registration ends up with the seat, not on the waiting list.
    event = make_event(county_08, capacity=1)
    (holder,) = register(event, 1, prefix="holder")
    seen = Event.objects.select_related("county").get(pk=event.pk)
    services.registration_cancel(registration_id=holder.pk)
    newcomer = services.registration_create(
        event_id=event.pk, event=seen, name="Ny", email="ny@example.se"
    )
    assert newcomer.status == CONFIRMED
    assert_counter_matches(event)


def test_seats_cannot_be_lowered_below_the_people_who_have_one(county_08, editor_08):
    event = make_event(county_08, capacity=3)
    register(event, 3)
    with pytest.raises(ValidationFailed) as excinfo:
        services.event_update(actor=editor_08, event=event, capacity=2)
    assert excinfo.value.field == "capacity"
    assert "3" in str(excinfo.value.message)
    services.event_update(actor=editor_08, event=event, capacity=3)
    event.refresh_from_db()
    assert event.capacity == 3


def test_database_refuses_more_seats_taken_than_capacity(county_08):
    event = make_event(county_08, capacity=1)
    register(event, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(seats_taken=-1)
