"""Event services, split by sub-domain: events with sessions and questions, registrations,
seats and the waiting list, e-mail to registrants, the evaluation. Import from here."""

from .common import (
    can_manage_event,
)
from .evaluation import (
    evaluation_submit,
    event_send_evaluation,
)
from .events import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    EVENT_FIELDS,
    FORMAT_ALIASES,
    TYPE_ALIASES,
    county_by_code,
    county_for_new_event,
    event_create,
    event_update,
    parse_format,
    parse_type,
    question_create,
    question_delete,
    sanitize_description,
    session_add,
    session_delete,
)
from .mail import (
    REMINDER_WINDOW,
    event_message_registrants,
    event_send_due_reminders,
    event_send_reminder,
    events_due_for_reminder,
)
from .registrations import (
    attendance_record,
    clean_answers,
    registration_add_by_organiser,
    registration_approve,
    registration_cancel,
    registration_create,
    registration_get_by_token,
    registration_move_from_waitlist,
)
from .seats import (
    seats_left,
)

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "EVENT_FIELDS",
    "FORMAT_ALIASES",
    "REMINDER_WINDOW",
    "TYPE_ALIASES",
    "attendance_record",
    "can_manage_event",
    "clean_answers",
    "county_by_code",
    "county_for_new_event",
    "evaluation_submit",
    "event_create",
    "event_message_registrants",
    "event_send_due_reminders",
    "event_send_evaluation",
    "event_send_reminder",
    "event_update",
    "events_due_for_reminder",
    "parse_format",
    "parse_type",
    "question_create",
    "question_delete",
    "registration_add_by_organiser",
    "registration_approve",
    "registration_cancel",
    "registration_create",
    "registration_get_by_token",
    "registration_move_from_waitlist",
    "sanitize_description",
    "seats_left",
    "session_add",
    "session_delete",
]
