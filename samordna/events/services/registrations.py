"""Registering, cancelling, approving, moving from the waiting list, attendance."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.core.audit import log_action
from samordna.core.errors import Conflict, Gone, ValidationFailed
from samordna.core.services import email_queue
from samordna.organisations.models import Organisation

from ..models import Event, Question, Registration
from .common import _lock_event, _require_manage
from .mail import (
    _cancelled_message,
    _email_promoted,
    _email_registration_status,
    _status_message,
)
from .seats import (
    _fill_free_seats,
    _fits,
    _has_group_limits,
    _promote_if_seats_free,
    _registration_set_status,
    _seats_change,
)


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
            _save_new(registration)
        else:
            _seat_or_waitlist_under_lock(event, registration)
        _log_new(registration, actor=actor, action="events.registration.created")
        email_queue(**_status_message(registration))
    return registration


def _seat_or_waitlist_under_lock(
    event: Event, registration: Registration, *, attended: bool = False
) -> None:
    """With the event row locked: confirm and take a seat on the counter when one fits (limits
    included), otherwise put the registration on the waiting list; saves it."""
    if _fits(event, registration):
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.attended = attended
    else:
        registration.status = Registration.Status.WAITLISTED
    _save_new(registration)
    if registration.status == Registration.Status.CONFIRMED and not _seats_change(event, 1):
        raise RuntimeError("seat counter out of step with the lock")  # pragma: no cover


def _log_new(registration: Registration, *, actor, action: str) -> None:
    event = registration.event
    log_action(
        actor=actor,
        action=action,
        obj=registration,
        county_code=event.county.code,
        data={"event": event.pk, "status": registration.status},
    )


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
        _seat_or_waitlist_under_lock(locked, registration, attended=attended)
        _log_new(registration, actor=actor, action="events.registration.added_by_organiser")
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
