"""Shared by the event services: who may edit and manage an event (county staff of the event or
a co-organising county) and the event row lock."""

from __future__ import annotations

from django.utils.translation import gettext as _

from samordna.core.errors import Gone, NotPermitted
from samordna.core.permissions import get_access

from ..models import Event


def _require_edit(actor, county_id) -> None:
    if actor is not None and not get_access(actor).can_edit_county(county_id):
        raise NotPermitted()


def can_manage_event(user, event: Event) -> bool:
    """Staff of the organising county may edit; staff of co-organising counties may see and
    report (registrations, attendance) too."""
    access = get_access(user)
    if access.can_edit_county(event.county_id):
        return True
    return any(access.can_edit_county(c.pk) for c in event.co_organising_counties.all())


def _require_manage(actor, event: Event) -> None:
    if actor is None or not can_manage_event(actor, event):
        raise NotPermitted()


def _lock_event(event_id: int) -> Event:
    """Lock the event row for the rest of the transaction: the seat counter and every status
    change of its registrations are then serialised (PostgreSQL row lock; SQLite write
    transactions are IMMEDIATE and serialise anyway)."""
    # ``of``: lock the event row only, not the county row joined for ``event.county.code``.
    event = (
        Event.objects.select_for_update(of=("self",))
        .select_related("county")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        raise Gone(_("The event no longer exists."))
    return event
