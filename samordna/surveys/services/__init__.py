"""Survey services (every write): building questionnaires, distribution and reminders, answers.
Indicator computation lives in ``surveys/indicators.py``."""

from .answers import response_reopen, response_save_answers, response_submit
from .builder import (
    KEY_PATTERN,
    question_create,
    question_delete,
    question_move,
    question_update,
    section_create,
    section_delete,
    section_move,
    section_update,
    survey_close,
    survey_copy,
    survey_create,
    survey_delete,
    survey_publish_results,
    survey_reopen_for_answers,
    survey_update,
)
from .distribution import (
    REMINDER_MILESTONES,
    survey_default_organisations,
    survey_open,
    survey_send_reminders,
    surveys_send_due_reminders,
)

__all__ = [
    "KEY_PATTERN",
    "REMINDER_MILESTONES",
    "question_create",
    "question_delete",
    "question_move",
    "question_update",
    "response_reopen",
    "response_save_answers",
    "response_submit",
    "section_create",
    "section_delete",
    "section_move",
    "section_update",
    "survey_close",
    "survey_copy",
    "survey_create",
    "survey_default_organisations",
    "survey_delete",
    "survey_open",
    "survey_publish_results",
    "survey_reopen_for_answers",
    "survey_send_reminders",
    "survey_update",
    "surveys_send_due_reminders",
]
