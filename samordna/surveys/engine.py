"""The questionnaire rules: parsing and validating answers, conditional display, the definition
hash that tells whether two years' questions are comparable. Pure functions, no database writes."""

import hashlib
import json
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .models import Question

YES = "yes"
NO = "no"
TEXT_MAX_LENGTH = 5000


class AnswerError(ValueError):
    """A value that does not fit its question; the message names the question."""


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def definition_hash(
    *,
    text: str,
    kind: str,
    choices=(),
    matrix_rows=(),
    matrix_scale=(),
    min_value=None,
    max_value=None,
    decimals: int = 0,
) -> str:
    """A fingerprint of what the question asks; a change means the years are not comparable."""
    payload = {
        "text": " ".join((text or "").split()),
        "kind": kind,
        "choices": list(choices or []),
        "rows": list(matrix_rows or []),
        "scale": list(matrix_scale or []),
        "min": None if min_value is None else str(Decimal(min_value).normalize()),
        "max": None if max_value is None else str(Decimal(max_value).normalize()),
        "decimals": decimals,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def question_hash(question: Question) -> str:
    return definition_hash(
        text=question.text,
        kind=question.kind,
        choices=question.choices,
        matrix_rows=question.matrix_rows,
        matrix_scale=question.matrix_scale,
        min_value=question.min_value,
        max_value=question.max_value,
        decimals=question.decimals,
    )


def lines(text: str) -> list[str]:
    """Options written one per line → a clean list without blanks or duplicates."""
    seen: list[str] = []
    for line in (text or "").splitlines():
        item = line.strip()
        if item and item not in seen:
            seen.append(item)
    return seen


def raw_from_post(question: Question, data) -> object:
    """The raw submitted value(s) of one question from a QueryDict."""
    name = field_name(question)
    if question.kind == Question.Kind.MULTIPLE_CHOICE:
        return data.getlist(name)
    if question.kind == Question.Kind.MATRIX:
        return {
            row: data.get(f"{name}_{index}", "") for index, row in enumerate(question.matrix_rows)
        }
    return data.get(name, "")


def _format_number(number: Decimal) -> str:
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def parse_answer(question: Question, raw) -> object:
    """Turn a raw value into the stored value (None when empty) or raise AnswerError."""
    kind = question.kind
    label = question.text
    if kind == Question.Kind.MULTIPLE_CHOICE:
        values = [str(v).strip() for v in (raw or []) if str(v).strip()]
        for value in values:
            if value not in question.choices:
                raise AnswerError(
                    _("“%(question)s”: “%(value)s” is not one of the options.")
                    % {"question": label, "value": value}
                )
        # Keep the questionnaire's order, drop duplicates.
        return [c for c in question.choices if c in values] or None
    if kind == Question.Kind.MATRIX:
        raw = raw or {}
        if not isinstance(raw, dict):
            raise AnswerError(_("“%(question)s”: the answer is not valid.") % {"question": label})
        result = {}
        for row, value in raw.items():
            value = str(value or "").strip()
            if row not in question.matrix_rows:
                raise AnswerError(
                    _("“%(question)s”: “%(row)s” is not a row of the question.")
                    % {"question": label, "row": row}
                )
            if not value:
                continue
            if value not in question.matrix_scale:
                raise AnswerError(
                    _("“%(question)s”, row “%(row)s”: “%(value)s” is not on the scale (%(scale)s).")
                    % {
                        "question": label,
                        "row": row,
                        "value": value,
                        "scale": ", ".join(question.matrix_scale),
                    }
                )
            result[row] = value
        return result or None
    if isinstance(raw, (list, dict)):
        raise AnswerError(_("“%(question)s”: the answer is not valid.") % {"question": label})
    value = str(raw if raw is not None else "").strip()
    if not value:
        return None
    if kind == Question.Kind.YES_NO:
        if value not in (YES, NO):
            raise AnswerError(_("“%(question)s”: choose yes or no.") % {"question": label})
        return value
    if kind == Question.Kind.SINGLE_CHOICE:
        if value not in question.choices:
            raise AnswerError(
                _("“%(question)s”: “%(value)s” is not one of the options.")
                % {"question": label, "value": value}
            )
        return value
    if kind == Question.Kind.NUMBER:
        return _parse_number(question, value)
    if len(value) > TEXT_MAX_LENGTH:
        raise AnswerError(
            _("“%(question)s”: write at most %(max)s characters.")
            % {"question": label, "max": TEXT_MAX_LENGTH}
        )
    return value


def _parse_number(question: Question, value: str) -> str:
    label = question.text
    cleaned = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise AnswerError(
            _("“%(question)s”: enter a number, e.g. 12.") % {"question": label}
        ) from None
    exponent = number.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if places > question.decimals:
        if question.decimals == 0:
            message = _("“%(question)s”: enter a whole number.") % {"question": label}
        else:
            message = _("“%(question)s”: use at most %(decimals)s decimals.") % {
                "question": label,
                "decimals": question.decimals,
            }
        raise AnswerError(message)
    low, high = question.min_value, question.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        if low is not None and high is not None:
            message = _("“%(question)s”: enter a number between %(min)s and %(max)s.") % {
                "question": label,
                "min": _format_number(low),
                "max": _format_number(high),
            }
        elif low is not None:
            message = _("“%(question)s”: enter a number of at least %(min)s.") % {
                "question": label,
                "min": _format_number(low),
            }
        else:
            message = _("“%(question)s”: enter a number of at most %(max)s.") % {
                "question": label,
                "max": _format_number(high),
            }
        raise AnswerError(message)
    return _format_number(number)


def condition_met(question: Question, values_by_question_id: dict, visible_ids: set) -> bool:
    """Whether a conditional question is shown, given the answers so far."""
    if not question.condition_question_id:
        return True
    if question.condition_question_id not in visible_ids:
        return False
    value = values_by_question_id.get(question.condition_question_id)
    if isinstance(value, list):
        return question.condition_value in value
    return value is not None and str(value) == question.condition_value


def visible_question_ids(questions: list[Question], values_by_question_id: dict) -> set:
    """The ids of the questions shown, in questionnaire order (conditions refer backwards)."""
    visible: set = set()
    for question in questions:
        if condition_met(question, values_by_question_id, visible):
            visible.add(question.pk)
    return visible


def is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def display_value(question: Question, value) -> str:
    """An answer as readable text (review page, exports)."""
    if is_empty(value):
        return ""
    if question.kind == Question.Kind.YES_NO:
        return _("Yes") if value == YES else _("No")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{row}: {scale}" for row, scale in value.items())
    if question.kind == Question.Kind.NUMBER:
        return str(value).replace(".", ",")
    return str(value)


def condition_options(question: Question) -> list[tuple[str, str]]:
    """The values a question can have, for choosing a condition on it: (stored, shown)."""
    if question.kind == Question.Kind.YES_NO:
        return [(YES, _("Yes")), (NO, _("No"))]
    if question.kind in (Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE):
        return [(c, c) for c in question.choices]
    return []
