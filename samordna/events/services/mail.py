"""E-mail to registrants (through the outbox): status messages, reminders and messages from
the organiser."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from samordna.core.audit import log_action
from samordna.core.errors import ValidationFailed
from samordna.core.services import email_queue

from ..ics import event_ics_attachment
from ..models import Event, Registration
from .common import _lock_event, _require_manage

REMINDER_WINDOW = timedelta(days=2)


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
