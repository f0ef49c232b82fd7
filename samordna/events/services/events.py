"""Events, their sessions and registration questions; parsing of API values."""

from __future__ import annotations

from collections.abc import Iterable

import nh3
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.core.audit import log_action, model_changes
from samordna.core.errors import NotPermitted, ValidationFailed
from samordna.core.permissions import get_access
from samordna.organisations.models import County, Organisation

from ..models import Event, EventSession, Question
from .common import _lock_event, _require_edit
from .seats import _fill_free_seats, _promote_if_seats_free

# Description is rich text from staff: keep a small, safe tag set.
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}

EVENT_FIELDS = [
    "title",
    "type",
    "format",
    "description",
    "place",
    "address",
    "link",
    "target_groups",
    "contact_name",
    "contact_email",
    "contact_phone",
    "visibility",
    "published",
    "registration_opens_at",
    "registration_deadline",
    "registration_closed",
    "capacity",
    "capacity_per_organisation",
    "capacity_per_county",
    "requires_approval",
    "consent_text",
    "plan_activity",
]


# Swedish words accepted as aliases for the type and format values (API input).
TYPE_ALIASES = {
    "utbildning": Event.Type.TRAINING,
    "webbinarium": Event.Type.WEBINAR,
    "konferens": Event.Type.CONFERENCE,
    "föreläsning": Event.Type.LECTURE,
    "nätverksträff": Event.Type.NETWORK_MEETING,
    "seminarium": Event.Type.SEMINAR,
}
FORMAT_ALIASES = {"fysisk": Event.Format.IN_PERSON, "physical": Event.Format.IN_PERSON}


def _parse_choice(value: str, aliases: dict, choices, field: str) -> str:
    key = (value or "").strip().lower()
    key = aliases.get(key, key)
    if key not in choices.values:
        raise ValidationFailed(
            _("Unknown value %(value)s. Allowed: %(allowed)s.")
            % {"value": value, "allowed": ", ".join(choices.values)},
            field=field,
        )
    return key


def parse_type(value: str) -> str:
    return _parse_choice(value, TYPE_ALIASES, Event.Type, "type")


def parse_format(value: str) -> str:
    return _parse_choice(value, FORMAT_ALIASES, Event.Format, "format")


def county_by_code(code: str) -> County:
    county = County.objects.filter(code=code).first()
    if county is None:
        raise ValidationFailed(_("Unknown county code %(code)s.") % {"code": code}, field="county")
    return county


def county_for_new_event(user, code: str = "") -> County:
    """The organising county of a new event: the given one (which the user must edit), or the
    user's only county."""
    access = get_access(user)
    if code:
        county = county_by_code(code)
    else:
        editable = sorted(access.edit_county_ids)
        if len(editable) != 1:
            raise ValidationFailed(_("Give the organising county."), field="county")
        county = County.objects.get(pk=editable[0])
    if not access.can_edit_county(county.pk):
        raise NotPermitted()
    return county


def sanitize_description(html: str) -> str:
    """Strip everything but a small set of formatting tags (no scripts, styles or attributes)."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _normalise_target_groups(value) -> str:
    if isinstance(value, str):
        value = value.split(",")
    return ",".join(v.strip() for v in (value or []) if v and v.strip())


def _validate_times(start, end, field="end") -> None:
    if start is None or end is None:
        raise ValidationFailed(_("Start and end are required."), field="start")
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise ValidationFailed(_("Times must include a time zone."), field="start")
    if end < start:
        raise ValidationFailed(_("The end must not be before the start."), field=field)


def _clean_event_fields(fields: dict, *, start, end) -> dict:
    cleaned = {k: v for k, v in fields.items() if k in EVENT_FIELDS}
    if "title" in cleaned and not (cleaned["title"] or "").strip():
        raise ValidationFailed(_("A title is required."), field="title")
    if "type" in cleaned and cleaned["type"] not in Event.Type.values:
        raise ValidationFailed(_("Unknown event type."), field="type")
    if "format" in cleaned and cleaned["format"] not in Event.Format.values:
        raise ValidationFailed(_("Unknown format."), field="format")
    if "description" in cleaned:
        cleaned["description"] = sanitize_description(cleaned["description"])
    if "target_groups" in cleaned:
        cleaned["target_groups"] = _normalise_target_groups(cleaned["target_groups"])
    deadline = cleaned.get("registration_deadline")
    if deadline is not None and end is not None and deadline > end:
        raise ValidationFailed(
            _("The registration deadline must not be after the event ends."),
            field="registration_deadline",
        )
    opens = cleaned.get("registration_opens_at")
    if opens is not None and deadline is not None and opens > deadline:
        raise ValidationFailed(
            _("Registration must open before the deadline."), field="registration_opens_at"
        )
    for name in ("capacity", "capacity_per_organisation", "capacity_per_county"):
        value = cleaned.get(name)
        if value is not None and value < 0:
            raise ValidationFailed(_("The number of seats cannot be negative."), field=name)
    return cleaned


def event_create(
    *,
    actor,
    county: County,
    title: str,
    type: str,  # noqa: A002 - the domain's word
    format: str,  # noqa: A002
    start,
    end,
    co_organising_counties: Iterable[County] = (),
    invited_organisations: Iterable[Organisation] = (),
    subgoals: Iterable = (),
    **fields,
) -> Event:
    """Create an event with one session spanning ``start``–``end`` (add more sessions later)."""
    _require_edit(actor, county.pk)
    _validate_times(start, end)
    cleaned = _clean_event_fields(
        {"title": title, "type": type, "format": format, **fields}, start=start, end=end
    )
    with transaction.atomic():
        event = Event.objects.create(
            county=county,
            start=start,
            end=end,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            **cleaned,
        )
        event.co_organising_counties.set([c for c in co_organising_counties if c.pk != county.pk])
        event.invited_organisations.set(list(invited_organisations))
        event.subgoals.set(list(subgoals))
        EventSession.objects.create(event=event, start=start, end=end)
        log_action(actor=actor, action="events.event.created", obj=event, county_code=county.code)
    return event


def event_update(
    *,
    actor,
    event: Event,
    co_organising_counties: Iterable[County] | None = None,
    invited_organisations: Iterable[Organisation] | None = None,
    subgoals: Iterable | None = None,
    **fields,
) -> Event:
    """Change an event's fields. Raising capacity promotes from the waiting list in order."""
    _require_edit(actor, event.county_id)
    cleaned = _clean_event_fields(fields, start=event.start, end=event.end)
    with transaction.atomic():
        locked = _lock_event(event.pk)
        capacity = cleaned.get("capacity", locked.capacity)
        if capacity is not None and capacity < locked.seats_taken:
            raise ValidationFailed(
                _(
                    "%(count)s people already have a seat. Cancel registrations before "
                    "lowering the number of seats below that."
                )
                % {"count": locked.seats_taken},
                field="capacity",
            )
        changes = model_changes(locked, list(cleaned), cleaned)
        for name, value in cleaned.items():
            setattr(locked, name, value)
        # Never the seat counter: only _seats_change writes it.
        locked.save(update_fields=[*cleaned, "updated_at"])
        if co_organising_counties is not None:
            locked.co_organising_counties.set(
                [c for c in co_organising_counties if c.pk != locked.county_id]
            )
        if invited_organisations is not None:
            locked.invited_organisations.set(list(invited_organisations))
        if subgoals is not None:
            locked.subgoals.set(list(subgoals))
        log_action(
            actor=actor,
            action="events.event.updated",
            obj=locked,
            county_code=locked.county.code,
            data={"changes": changes},
        )
        _fill_free_seats(locked)
    _promote_if_seats_free(locked.pk, actor=actor)
    return locked


def _sync_event_times(event: Event) -> None:
    sessions = list(event.sessions.order_by("start", "pk"))
    if sessions:
        event.start = sessions[0].start
        event.end = max(s.end for s in sessions)
        event.save(update_fields=["start", "end", "updated_at"])


def session_add(*, actor, event: Event, start, end, title: str = "") -> EventSession:
    """Add a session; the event's start and end follow its sessions."""
    _require_edit(actor, event.county_id)
    _validate_times(start, end)
    with transaction.atomic():
        session = EventSession.objects.create(event=event, start=start, end=end, title=title)
        _sync_event_times(event)
        log_action(
            actor=actor,
            action="events.session.added",
            obj=event,
            county_code=event.county.code,
            data={"start": start.isoformat(), "end": end.isoformat()},
        )
    return session


def session_delete(*, actor, session: EventSession) -> None:
    event = session.event
    _require_edit(actor, event.county_id)
    with transaction.atomic():
        if event.sessions.count() <= 1:
            raise ValidationFailed(_("An event must have at least one session."))
        session.delete()
        _sync_event_times(event)
        log_action(
            actor=actor, action="events.session.deleted", obj=event, county_code=event.county.code
        )


def question_create(
    *, actor, event: Event, label: str, kind: str, choices: str = "", required: bool = False
) -> Question:
    _require_edit(actor, event.county_id)
    if not label.strip():
        raise ValidationFailed(_("The question needs a text."), field="label")
    if kind == Question.Kind.CHOICE and len([c for c in choices.splitlines() if c.strip()]) < 2:
        raise ValidationFailed(_("A choice question needs at least two options."), field="choices")
    with transaction.atomic():
        position = event.questions.count() + 1
        question = Question.objects.create(
            event=event,
            label=label.strip(),
            kind=kind,
            choices=choices.strip() if kind == Question.Kind.CHOICE else "",
            required=required,
            position=position,
        )
        log_action(
            actor=actor,
            action="events.question.created",
            obj=event,
            county_code=event.county.code,
            data={"question": question.label},
        )
    return question


def question_delete(*, actor, question: Question) -> None:
    event = question.event
    _require_edit(actor, event.county_id)
    with transaction.atomic():
        label = question.label
        question.delete()
        log_action(
            actor=actor,
            action="events.question.deleted",
            obj=event,
            county_code=event.county.code,
            data={"question": label},
        )
