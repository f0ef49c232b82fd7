"""Event services: events, sessions, questions, registrations (no overbooking), waiting list,
attendance, e-mails (through the outbox) and the built-in evaluation."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from samordna.core.audit import log_action, model_changes
from samordna.core.errors import Conflict, Gone, NotPermitted, ValidationFailed
from samordna.core.permissions import get_access
from samordna.core.services import email_queue
from samordna.organisations.models import County, Organisation

from .ics import event_ics_attachment
from .models import EvaluationResponse, Event, EventSession, Question, Registration

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
REMINDER_WINDOW = timedelta(days=2)

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


# --- Registration -------------------------------------------------------------------------


def clean_answers(event: Event, answers: dict | None) -> dict:
    """Check the answers against the event's questions; keys are ``q<id>``."""
    answers = answers or {}
    if not isinstance(answers, dict):
        raise ValidationFailed(_("Answers must be an object."), field="answers")
    cleaned = {}
    for question in event.questions.all():
        raw = answers.get(question.key, answers.get(str(question.pk)))
        if isinstance(raw, str):
            raw = raw.strip()
        if raw in (None, ""):
            if question.required:
                raise ValidationFailed(
                    _("Please answer: %(question)s") % {"question": question.label},
                    field=question.key,
                )
            continue
        if question.kind == Question.Kind.YES_NO:
            if isinstance(raw, bool):
                value = raw
            elif str(raw).lower() in {"yes", "ja", "true", "1"}:
                value = True
            elif str(raw).lower() in {"no", "nej", "false", "0"}:
                value = False
            else:
                raise ValidationFailed(
                    _("Answer yes or no: %(question)s") % {"question": question.label},
                    field=question.key,
                )
            cleaned[question.key] = value
        elif question.kind == Question.Kind.CHOICE:
            if raw not in question.choice_list:
                raise ValidationFailed(
                    _("Choose one of the options: %(question)s") % {"question": question.label},
                    field=question.key,
                )
            cleaned[question.key] = raw
        else:
            cleaned[question.key] = str(raw)[:2000]
    return cleaned


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


# --- Seats ----------------------------------------------------------------------------------
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


# --- Registration ---------------------------------------------------------------------------


class _SeatGone(Exception):
    """The seat predicted from the unlocked read went to someone else (rolls back)."""


def registration_create(
    *,
    event_id: int,
    name: str,
    email: str,
    organisation: Organisation | None = None,
    organisation_name: str = "",
    answers: dict | None = None,
    consent: bool = False,
    actor=None,
    event: Event | None = None,
) -> Registration:
    """Register someone: confirmed while seats (and per-organisation/county limits) allow,
    otherwise on the waiting list; pending when the event requires approval. ``event`` may be
    the row the caller has just read (with its questions), to save reading it again.

    Raises Gone (closed/deadline passed), Conflict (e-mail already registered), ValidationFailed.
    """
    name = (name or "").strip()
    email = (email or "").strip().lower()
    organisation_name = (organisation_name or "").strip()
    if not name:
        raise ValidationFailed(_("Please enter your name."), field="name")
    if len(name) > 200:
        raise ValidationFailed(_("The name is too long."), field="name")
    try:
        validate_email(email)
    except DjangoValidationError:
        raise ValidationFailed(_("Enter a valid e-mail address."), field="email") from None
    if len(organisation_name) > 200:
        raise ValidationFailed(_("The organisation name is too long."), field="organisation")
    if event is None or event.pk != event_id:
        event = Event.objects.select_related("county").filter(pk=event_id).first()
    if event is None:
        raise Gone(_("The event no longer exists."))
    if not event.published or not event.registration_is_open():
        raise Gone(_("Registration for this event is closed."))
    cleaned_answers = clean_answers(event, answers)
    if event.consent_text and not consent:
        raise ValidationFailed(_("You need to accept the terms to register."), field="consent")
    if event.visibility == Event.Visibility.INVITED and (
        organisation is None or not event.invited_organisations.filter(pk=organisation.pk).exists()
    ):
        raise ValidationFailed(
            _("Only invited organisations can register for this event."),
            field="organisation",
        )

    def new_registration() -> Registration:
        return Registration(
            event=event,
            name=name,
            email=email,
            organisation=organisation,
            organisation_name="" if organisation else organisation_name,
            municipality=organisation.municipality if organisation else None,
            registrant_county=organisation.county if organisation else None,
            user=actor if getattr(actor, "is_authenticated", False) else None,
            answers=cleaned_answers,
            consent_given=bool(consent),
        )

    # Duplicate e-mail addresses are refused by the unique constraint (no read before).
    if event.requires_approval or not _has_group_limits(event):
        registration = _register_without_lock(new_registration(), event=event, actor=actor)
        if registration is not None:
            return registration
    return _register_under_lock(new_registration(), event_id=event.pk, actor=actor)


def _save_new(registration: Registration) -> None:
    try:
        registration.save(force_insert=True)
    except IntegrityError:
        raise Conflict(
            _("This e-mail address is already registered for the event."), field="email"
        ) from None


def _register_without_lock(
    registration: Registration, *, event: Event, actor
) -> Registration | None:
    """The fast path (no per-organisation/county limits): the status is predicted from the
    unlocked seat counter, the e-mail rendered, and the rows written before the seat is taken
    as the last statement, so the event's row lock is held only from that UPDATE to the
    commit. Returns None, having stored nothing, when the predicted seat was gone."""
    if event.requires_approval:
        status = Registration.Status.PENDING_APPROVAL
    elif event.capacity is None or event.seats_taken < event.capacity:
        status = Registration.Status.CONFIRMED
        registration.confirmed_at = timezone.now()
    else:
        status = Registration.Status.WAITLISTED
    registration.status = status
    message = _status_message(registration)
    try:
        with transaction.atomic():
            _save_new(registration)
            log_action(
                actor=actor,
                action="events.registration.created",
                obj=registration,
                county_code=event.county.code,
                data={"event": event.pk, "status": status},
            )
            email_queue(**message)
            if status == Registration.Status.CONFIRMED and not _seats_change(
                event, 1, only_if_open=True
            ):
                raise _SeatGone
    except _SeatGone:
        return None
    if status == Registration.Status.WAITLISTED:
        promoted = _promote_if_seats_free(event.pk, actor=actor)
        if any(r.pk == registration.pk for r in promoted):
            registration.refresh_from_db(fields=["status", "confirmed_at"])
    return registration


def _register_under_lock(registration: Registration, *, event_id: int, actor) -> Registration:
    """The exact path: decide the seat while holding the event lock (per-organisation/county
    limits, or when the fast path's predicted seat was taken meanwhile)."""
    with transaction.atomic():
        event = _lock_event(event_id)
        if not event.published or not event.registration_is_open():
            raise Gone(_("Registration for this event is closed."))
        registration.event = event
        if event.requires_approval:
            registration.status = Registration.Status.PENDING_APPROVAL
        elif _fits(event, registration):
            registration.status = Registration.Status.CONFIRMED
            registration.confirmed_at = timezone.now()
        else:
            registration.status = Registration.Status.WAITLISTED
        _save_new(registration)
        if registration.status == Registration.Status.CONFIRMED and not _seats_change(event, 1):
            raise RuntimeError("seat counter out of step with the lock")  # pragma: no cover
        log_action(
            actor=actor,
            action="events.registration.created",
            obj=registration,
            county_code=event.county.code,
            data={"event": event.pk, "status": registration.status},
        )
        email_queue(**_status_message(registration))
    return registration


def registration_add_by_organiser(
    *,
    actor,
    event: Event,
    name: str,
    email: str,
    organisation: Organisation | None = None,
    attended: bool = False,
) -> Registration:
    """The organiser records a participant (e.g. from a paper list), also after the deadline.
    Seats are still respected: without a free seat the person goes on the waiting list."""
    if actor is not None:
        _require_manage(actor, event)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except DjangoValidationError:
        raise ValidationFailed(_("Enter a valid e-mail address."), field="email") from None
    with transaction.atomic():
        locked = _lock_event(event.pk)
        if (
            Registration.objects.filter(event=locked, email__iexact=email)
            .exclude(status=Registration.Status.CANCELLED)
            .exists()
        ):
            raise Conflict(
                _("This e-mail address is already registered for the event."), field="email"
            )
        registration = Registration(
            event=locked,
            name=(name or "").strip() or email,
            email=email,
            organisation=organisation,
            municipality=organisation.municipality if organisation else None,
            registrant_county=organisation.county if organisation else None,
        )
        if _fits(locked, registration):
            registration.status = Registration.Status.CONFIRMED
            registration.confirmed_at = timezone.now()
            registration.attended = attended
        else:
            registration.status = Registration.Status.WAITLISTED
        _save_new(registration)
        if registration.status == Registration.Status.CONFIRMED and not _seats_change(locked, 1):
            raise RuntimeError("seat counter out of step with the lock")  # pragma: no cover
        log_action(
            actor=actor,
            action="events.registration.added_by_organiser",
            obj=registration,
            county_code=locked.county.code,
            data={"event": locked.pk, "status": registration.status},
        )
    return registration


def registration_get_by_token(token: str) -> Registration | None:
    if not token or len(token) > 64:
        return None
    return (
        Registration.objects.select_related("event", "event__county", "organisation")
        .filter(cancel_token=token)
        .first()
    )


def registration_cancel(*, registration_id: int, actor=None, reason: str = "") -> Registration:
    """Cancel a registration (by its personal link or by the organiser). A freed seat goes to
    the first waitlisted person who fits, who is e-mailed. Cancelling twice is harmless."""
    current = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if current is None:
        raise Gone(_("The registration no longer exists."))
    message = _cancelled_message(current)  # rendered before the lock
    with transaction.atomic():
        event = _lock_event(current.event_id)
        registration = Registration.objects.get(pk=registration_id)
        registration.event = event
        if registration.status == Registration.Status.CANCELLED:
            return registration
        if event.end < timezone.now():
            raise Gone(_("The event is over; the registration can no longer be cancelled."))
        previous = registration.status
        _registration_set_status(registration, Registration.Status.CANCELLED, event=event)
        log_action(
            actor=actor,
            action="events.registration.cancelled",
            obj=registration,
            county_code=event.county.code,
            data={"event": event.pk, "previous_status": previous, "reason": reason},
        )
        email_queue(**message)
        if previous == Registration.Status.CONFIRMED:
            _fill_free_seats(event, actor=actor)
    if previous == Registration.Status.CONFIRMED:
        _promote_if_seats_free(event.pk, actor=actor)
    return registration


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


def registration_approve(*, actor, registration: Registration) -> Registration:
    """Approve a pending registration: confirmed if a seat is free, else waiting list."""
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        _require_manage(actor, event)
        registration.refresh_from_db()
        registration.event = event
        if registration.status != Registration.Status.PENDING_APPROVAL:
            raise Conflict(_("Only registrations awaiting approval can be approved."))
        if not (
            _fits(event, registration)
            and _registration_set_status(registration, Registration.Status.CONFIRMED, event=event)
        ):
            _registration_set_status(registration, Registration.Status.WAITLISTED, event=event)
        log_action(
            actor=actor,
            action="events.registration.approved",
            obj=registration,
            county_code=event.county.code,
            data={"event": event.pk, "status": registration.status},
        )
        _email_registration_status(registration)
    return registration


def registration_move_from_waitlist(
    *, actor, registration: Registration, reason: str
) -> Registration:
    """Give a waitlisted person a seat out of turn. Needs a recorded reason; overrides the
    per-organisation/county limits but never the total number of seats."""
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationFailed(_("Give a reason for moving this person."), field="reason")
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        _require_manage(actor, event)
        registration.refresh_from_db()
        registration.event = event
        if registration.status != Registration.Status.WAITLISTED:
            raise Conflict(_("The person is not on the waiting list."))
        if not (
            _fits(event, registration, ignore_limits=True)
            and _registration_set_status(registration, Registration.Status.CONFIRMED, event=event)
        ):
            raise Conflict(
                _("The event is full. Increase the number of seats first."), field="reason"
            )
        log_action(
            actor=actor,
            action="events.registration.moved_from_waitlist",
            obj=registration,
            county_code=event.county.code,
            data={"event": event.pk, "reason": reason},
        )
        _email_promoted(registration)
    return registration


def _require_manage(actor, event: Event) -> None:
    if actor is None or not can_manage_event(actor, event):
        raise NotPermitted()


def attendance_record(*, actor, event: Event, attended_ids: Iterable[int]) -> int:
    """Record who attended (check-in): the given confirmed registrations attended, others not."""
    _require_manage(actor, event)
    ids = {int(i) for i in attended_ids}
    with transaction.atomic():
        confirmed = list(
            Registration.objects.select_for_update().filter(
                event=event, status=Registration.Status.CONFIRMED
            )
        )
        changed = []
        for registration in confirmed:
            attended = registration.pk in ids
            if registration.attended != attended:
                registration.attended = attended
                changed.append(registration)
        Registration.objects.bulk_update(changed, ["attended"])
        log_action(
            actor=actor,
            action="events.attendance.recorded",
            obj=event,
            county_code=event.county.code,
            data={"attended": sorted(r.pk for r in confirmed if r.pk in ids)},
        )
    return len(changed)


# --- E-mail ---------------------------------------------------------------------------------


def _message(registration: Registration, template: str, subject: str, *, ics: bool = False) -> dict:
    """One e-mail to the registrant, rendered (the arguments of ``email_queue``)."""
    site = settings.SITE_URL.rstrip("/")
    context = {
        "registration": registration,
        "event": registration.event,
        "cancel_url": registration.get_absolute_cancel_url(),
        "evaluation_url": site + reverse("events:evaluation", args=[registration.cancel_token]),
        "certificate_url": site + reverse("events:certificate", args=[registration.cancel_token]),
    }
    with override("sv"):
        body = render_to_string(f"events/email/{template}.txt", context)
    attachments = [event_ics_attachment(registration.event)] if ics else []
    return {
        "to": [registration.email],
        "subject": subject,
        "body_text": body,
        "attachments": attachments,
    }


def _mail(registration: Registration, template: str, subject: str, *, ics: bool = False) -> None:
    email_queue(**_message(registration, template, subject, ics=ics))


def _status_message(registration: Registration) -> dict:
    """The e-mail that tells a new (or approved) registrant where they stand."""
    title = registration.event.title
    with override("sv"):
        if registration.status == Registration.Status.CONFIRMED:
            return _message(
                registration,
                "confirmed",
                _("Registration confirmed: %(title)s") % {"title": title},
                ics=True,
            )
        if registration.status == Registration.Status.WAITLISTED:
            return _message(
                registration, "waitlisted", _("Waiting list: %(title)s") % {"title": title}
            )
        return _message(
            registration, "pending", _("Registration received: %(title)s") % {"title": title}
        )


def _email_registration_status(registration: Registration) -> None:
    email_queue(**_status_message(registration))


def _email_promoted(registration: Registration) -> None:
    with override("sv"):
        subject = _("You have a seat: %(title)s") % {"title": registration.event.title}
    _mail(registration, "promoted", subject, ics=True)


def _cancelled_message(registration: Registration) -> dict:
    with override("sv"):
        subject = _("Registration cancelled: %(title)s") % {"title": registration.event.title}
    return _message(registration, "cancelled", subject)


def event_message_registrants(
    *, actor, event: Event, subject: str, body: str, include_waitlisted: bool = False
) -> int:
    """E-mail everyone registered (one message each, so addresses stay private)."""
    _require_manage(actor, event)
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject:
        raise ValidationFailed(_("Write a subject."), field="subject")
    if not body:
        raise ValidationFailed(_("Write a message."), field="body")
    statuses = [Registration.Status.CONFIRMED]
    if include_waitlisted:
        statuses.append(Registration.Status.WAITLISTED)
    with transaction.atomic():
        recipients = list(event.registrations.filter(status__in=statuses))
        for registration in recipients:
            email_queue(to=[registration.email], subject=subject, body_text=body)
        log_action(
            actor=actor,
            action="events.event.message_sent",
            obj=event,
            county_code=event.county.code,
            data={"subject": subject, "recipients": len(recipients)},
        )
    return len(recipients)


def event_send_reminder(*, event_id: int) -> int:
    """Send the reminder for one event, once: ``reminder_sent_at`` makes it idempotent."""
    with transaction.atomic():
        event = _lock_event(event_id)
        if event.reminder_sent_at is not None:
            return 0
        event.reminder_sent_at = timezone.now()
        event.save(update_fields=["reminder_sent_at"])
        recipients = list(event.registrations.filter(status=Registration.Status.CONFIRMED))
        for registration in recipients:
            with override("sv"):
                subject = _("Reminder: %(title)s") % {"title": event.title}
            _mail(registration, "reminder", subject, ics=True)
        log_action(
            actor=None,
            action="events.event.reminder_sent",
            obj=event,
            county_code=event.county.code,
            data={"recipients": len(recipients)},
        )
    return len(recipients)


def events_due_for_reminder(now=None) -> list[int]:
    now = now or timezone.now()
    return list(
        Event.objects.filter(
            published=True,
            reminder_sent_at__isnull=True,
            start__gt=now,
            start__lte=now + REMINDER_WINDOW,
        ).values_list("pk", flat=True)
    )


def event_send_due_reminders(now=None) -> dict[str, int]:
    """Remind confirmed registrants of events starting within two days (safe to run often)."""
    events = messages = 0
    for event_id in events_due_for_reminder(now):
        sent = event_send_reminder(event_id=event_id)
        events += 1
        messages += sent
    return {"events": events, "emails": messages}


# --- Evaluation -----------------------------------------------------------------------------


def event_send_evaluation(*, actor, event: Event) -> int:
    """E-mail the evaluation link to everyone who attended (or, if attendance was not
    recorded, everyone confirmed). Only after the event; only once."""
    _require_manage(actor, event)
    if event.end > timezone.now():
        raise ValidationFailed(_("The evaluation can be sent when the event is over."))
    with transaction.atomic():
        locked = _lock_event(event.pk)
        if locked.evaluation_sent_at is not None:
            raise Conflict(_("The evaluation has already been sent."))
        confirmed = locked.registrations.filter(status=Registration.Status.CONFIRMED)
        recipients = list(confirmed.filter(attended=True)) or list(confirmed)
        for registration in recipients:
            with override("sv"):
                subject = _("How was it? %(title)s") % {"title": locked.title}
            _mail(registration, "evaluation", subject)
        locked.evaluation_sent_at = timezone.now()
        locked.save(update_fields=["evaluation_sent_at"])
        log_action(
            actor=actor,
            action="events.evaluation.sent",
            obj=locked,
            county_code=locked.county.code,
            data={"recipients": len(recipients)},
        )
    return len(recipients)


def evaluation_submit(
    *, registration: Registration, overall: int, content: int, usefulness: int, comment: str = ""
) -> EvaluationResponse:
    """Store one participant's evaluation (once per registration)."""
    if registration.status != Registration.Status.CONFIRMED:
        raise NotPermitted(_("Only participants can answer the evaluation."))
    if registration.event.end > timezone.now():
        raise Gone(_("The evaluation opens when the event is over."))
    for name, value in (("overall", overall), ("content", content), ("usefulness", usefulness)):
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationFailed(_("Choose a value from 1 to 5."), field=name)
    with transaction.atomic():
        if EvaluationResponse.objects.filter(registration=registration).exists():
            raise Conflict(_("You have already answered the evaluation. Thank you!"))
        response = EvaluationResponse.objects.create(
            event=registration.event,
            registration=registration,
            overall=overall,
            content=content,
            usefulness=usefulness,
            comment=(comment or "").strip()[:4000],
        )
        log_action(
            actor=None,
            action="events.evaluation.submitted",
            obj=registration.event,
            county_code=registration.event.county.code,
        )
    return response
