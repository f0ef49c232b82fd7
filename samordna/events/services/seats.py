"""Seats: ``Event.seats_taken`` and the waiting list (docs/decisions/0005-seat-counter.md).
Every change of a registration to or from "confirmed" goes through here, in the transaction of
that change."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from samordna.core.audit import log_action

from ..models import Event, Registration
from .common import _lock_event
from .mail import _email_promoted


def _confirmed_counts(event: Event, registration: Registration) -> tuple[int, int]:
    """Confirmed registrations of the registrant's organisation and county (for the limits)."""
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    result = confirmed.aggregate(
        same_org=Count(
            "pk",
            filter=Q(organisation_id=registration.organisation_id)
            if registration.organisation_id
            else Q(pk__in=[]),
        ),
        same_county=Count(
            "pk",
            filter=Q(registrant_county_id=registration.registrant_county_id)
            if registration.registrant_county_id
            else Q(pk__in=[]),
        ),
    )
    return result["same_org"], result["same_county"]


def _has_group_limits(event: Event) -> bool:
    return event.capacity_per_organisation is not None or event.capacity_per_county is not None


def _fits(event: Event, registration: Registration, *, ignore_limits: bool = False) -> bool:
    """Is there a seat for this registration? Call only while holding the event lock (then
    ``event.seats_taken`` is exact)."""
    if event.capacity is not None and event.seats_taken >= event.capacity:
        return False
    org_limit = event.capacity_per_organisation if registration.organisation_id else None
    county_limit = event.capacity_per_county if registration.registrant_county_id else None
    if ignore_limits or (org_limit is None and county_limit is None):
        return True
    same_org, same_county = _confirmed_counts(event, registration)
    if org_limit is not None and same_org >= org_limit:
        return False
    return not (county_limit is not None and same_county >= county_limit)


def seats_left(event: Event) -> int | None:
    """Free seats now: from the row as the selectors read it (``confirmed_count``), else read
    again, since an event object held across registrations has an old ``seats_taken``."""
    if event.capacity is None:
        return None
    taken = getattr(event, "confirmed_count", None)
    if taken is None:
        taken = Event.objects.filter(pk=event.pk).values_list("seats_taken", flat=True).first()
    return max(event.capacity - (taken or 0), 0)


# ``Event.seats_taken`` is the number of confirmed registrations. Two functions write it and
# everything that makes a registration confirmed or not goes through them, in the same
# transaction as the status change: ``_seats_change`` (the counter itself) and
# ``_registration_set_status`` (an existing registration's status). Taking a seat is one
# conditional UPDATE, and the database refuses more than ``capacity``
# (``event_seats_taken_within_capacity``).


def _open_now_q(now) -> Q:
    """``Event.registration_is_open`` (and published) as a filter."""
    return (
        Q(published=True, registration_closed=False)
        & (Q(registration_opens_at__isnull=True) | Q(registration_opens_at__lte=now))
        & (
            Q(registration_deadline__gte=now)
            | Q(registration_deadline__isnull=True, start__gte=now)
        )
    )


def _seats_change(event: Event, delta: int, *, only_if_open: bool = False) -> bool:
    """Take (``delta=1``) or give back (``delta=-1``) one seat. Taking succeeds only while a
    seat is free (and, with ``only_if_open``, while registration is open); returns whether it
    did. The UPDATE holds the event's row lock until commit: make it the last statement."""
    if delta not in (1, -1):
        raise ValueError("one seat at a time")
    rows = Event.objects.filter(pk=event.pk)
    if delta == 1:
        rows = rows.filter(Q(capacity__isnull=True) | Q(seats_taken__lt=F("capacity")))
        if only_if_open:
            rows = rows.filter(_open_now_q(timezone.now()))
    if not rows.update(seats_taken=F("seats_taken") + delta):
        return False
    event.seats_taken += delta
    return True


def _registration_set_status(registration: Registration, status: str, *, event: Event) -> bool:
    """Change a stored registration's status and keep the seat counter right. Returns False,
    changing nothing, when it should be confirmed and no seat is free."""
    confirmed = Registration.Status.CONFIRMED
    now = timezone.now()
    if status == confirmed and registration.status != confirmed:
        if not _seats_change(event, 1):
            return False
        registration.confirmed_at = now
    elif registration.status == confirmed and status != confirmed:
        _seats_change(event, -1)
    if status == Registration.Status.CANCELLED:
        registration.cancelled_at = now
    registration.status = status
    registration.save(update_fields=["status", "confirmed_at", "cancelled_at", "updated_at"])
    return True


def _promote_if_seats_free(event_id: int, *, actor=None) -> list[Registration]:
    """The second half of the hand-shake between waitlisting without the lock and freeing a
    seat: both check *after* their own commit whether a seat is free while someone waits, so
    at least one of them sees the other and fills the seat (in order, under the lock)."""
    seats = Event.objects.filter(pk=event_id).values_list("capacity", "seats_taken").first()
    if seats is None or seats[0] is None or seats[1] >= seats[0]:
        return []  # the usual case: full (or unlimited, where nobody waits)
    waiting = Registration.objects.filter(event_id=event_id, status=Registration.Status.WAITLISTED)
    if not waiting.exists():
        return []
    with transaction.atomic():
        event = _lock_event(event_id)
        return _fill_free_seats(event, actor=actor)


def _fill_free_seats(event: Event, *, actor=None) -> list[Registration]:
    """Promote waitlisted people in registration order while they fit. Holds the event lock."""
    promoted: list[Registration] = []
    free = None if event.capacity is None else event.capacity - event.seats_taken
    if free is not None and free <= 0:
        return promoted
    waitlisted = Registration.objects.filter(
        event=event, status=Registration.Status.WAITLISTED
    ).order_by("created_at", "pk")
    if free is not None and not _has_group_limits(event):
        waitlisted = waitlisted[:free]  # everyone fits: no need to read the whole list
    for registration in waitlisted:
        if event.capacity is not None and event.seats_taken >= event.capacity:
            break
        registration.event = event
        if not _fits(event, registration):
            continue
        if not _registration_set_status(registration, Registration.Status.CONFIRMED, event=event):
            break  # pragma: no cover - _fits said a seat was free, under the lock
        log_action(
            actor=actor,
            action="events.registration.promoted",
            obj=registration,
            county_code=event.county.code,
            data={"event": event.pk},
        )
        _email_promoted(registration)
        promoted.append(registration)
    return promoted
