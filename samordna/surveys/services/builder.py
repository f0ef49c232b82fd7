"""Building questionnaires: surveys, sections and questions, copying to next year, status."""

import re
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samordna.core.audit import log_action, model_changes
from samordna.core.errors import Conflict, ValidationFailed

from .. import engine, selectors
from ..models import Question, Section, Survey


def _county_code(survey: Survey) -> str:
    return survey.county.code if survey.county_id else ""


def _require_draft(survey: Survey) -> None:
    if survey.status != Survey.Status.DRAFT:
        raise Conflict(
            _(
                "The questions can only be changed while the survey is a draft. Copy the survey "
                "to make a new version."
            )
        )


# --- Surveys -----------------------------------------------------------------------------------

SURVEY_FIELDS = ["title", "year", "intro", "deadline"]


def _check_year(year: int) -> None:
    if not 2000 <= int(year) <= 2100:
        raise ValidationFailed(_("Enter a year between 2000 and 2100."), field="year")


def survey_create(
    *, actor, county, year: int, title: str, intro: str = "", deadline: date | None = None
) -> Survey:
    """Create a draft survey for a county (``county=None``: a national survey)."""
    _check_year(year)
    with transaction.atomic():
        survey = Survey.objects.create(
            county=county, year=year, title=title.strip(), intro=intro, deadline=deadline
        )
        log_action(
            actor=actor,
            action="surveys.survey.created",
            obj=survey,
            county_code=county.code if county else "",
        )
    return survey


def survey_update(*, actor, survey: Survey, **values) -> Survey:
    if "year" in values:
        _check_year(values["year"])
    with transaction.atomic():
        changes = model_changes(survey, SURVEY_FIELDS, values)
        for field in SURVEY_FIELDS:
            if field in values:
                setattr(survey, field, values[field])
        survey.save()
        log_action(
            actor=actor,
            action="surveys.survey.updated",
            obj=survey,
            county_code=_county_code(survey),
            data={"changes": changes},
        )
    return survey


def survey_delete(*, actor, survey: Survey) -> None:
    """Delete a draft survey that nobody has answered."""
    if survey.status != Survey.Status.DRAFT or survey.responses.exists():
        raise Conflict(_("Only a draft survey without answers can be deleted."))
    with transaction.atomic():
        log_action(
            actor=actor,
            action="surveys.survey.deleted",
            obj=survey,
            county_code=_county_code(survey),
        )
        survey.delete()


def survey_copy(*, actor, survey: Survey, year: int, title: str = "") -> Survey:
    """Copy a survey to a new year as a draft. Question keys are kept so answers and indicators
    stay comparable; conditions are re-pointed to the copied questions."""
    _check_year(year)
    with transaction.atomic():
        copy = Survey.objects.create(
            county=survey.county,
            year=year,
            title=title.strip() or survey.title,
            intro=survey.intro,
            copied_from=survey,
        )
        new_questions: dict[int, Question] = {}
        conditions: list[tuple[Question, int]] = []
        for section in selectors.sections_with_questions(survey):
            new_section = Section.objects.create(
                survey=copy,
                title=section.title,
                description=section.description,
                position=section.position,
            )
            for question in section.questions.all():
                new_question = Question.objects.create(
                    survey=copy,
                    section=new_section,
                    key=question.key,
                    text=question.text,
                    help_text=question.help_text,
                    kind=question.kind,
                    required=question.required,
                    position=question.position,
                    choices=list(question.choices),
                    matrix_rows=list(question.matrix_rows),
                    matrix_scale=list(question.matrix_scale),
                    min_value=question.min_value,
                    max_value=question.max_value,
                    decimals=question.decimals,
                    condition_value=question.condition_value,
                    definition_hash=question.definition_hash or engine.question_hash(question),
                )
                new_questions[question.pk] = new_question
                if question.condition_question_id:
                    conditions.append((new_question, question.condition_question_id))
        for new_question, old_condition_id in conditions:
            new_question.condition_question = new_questions.get(old_condition_id)
            new_question.save(update_fields=["condition_question"])
        log_action(
            actor=actor,
            action="surveys.survey.copied",
            obj=copy,
            county_code=_county_code(survey),
            data={"from": survey.pk, "year": year},
        )
    return copy


def survey_close(*, actor, survey: Survey) -> Survey:
    with transaction.atomic():
        survey.status = Survey.Status.CLOSED
        survey.save(update_fields=["status", "updated_at"])
        log_action(
            actor=actor,
            action="surveys.survey.closed",
            obj=survey,
            county_code=_county_code(survey),
        )
    return survey


def survey_reopen_for_answers(*, actor, survey: Survey) -> Survey:
    """Open a closed survey again (e.g. when the deadline was extended)."""
    if survey.status != Survey.Status.CLOSED:
        raise Conflict(_("Only a closed survey can be opened again."))
    with transaction.atomic():
        survey.status = Survey.Status.OPEN
        survey.save(update_fields=["status", "updated_at"])
        log_action(
            actor=actor,
            action="surveys.survey.opened",
            obj=survey,
            county_code=_county_code(survey),
        )
    return survey


def survey_publish_results(*, actor, survey: Survey, published: bool) -> Survey:
    from ..indicators import indicator_values_refresh_for_survey

    with transaction.atomic():
        survey.published_results = published
        survey.save(update_fields=["published_results", "updated_at"])
        log_action(
            actor=actor,
            action="surveys.results.published" if published else "surveys.results.unpublished",
            obj=survey,
            county_code=_county_code(survey),
        )
        indicator_values_refresh_for_survey(survey=survey)
    return survey


# --- Sections and questions --------------------------------------------------------------------


def section_create(*, actor, survey: Survey, title: str, description: str = "") -> Section:
    _require_draft(survey)
    with transaction.atomic():
        last = survey.sections.aggregate(m=Max("position"))["m"]
        section = Section.objects.create(
            survey=survey,
            title=title.strip(),
            description=description,
            position=(last or 0) + 1,
        )
        log_action(
            actor=actor,
            action="surveys.section.created",
            obj=section,
            county_code=_county_code(survey),
        )
    return section


def section_update(*, actor, section: Section, title: str, description: str = "") -> Section:
    with transaction.atomic():
        section.title = title.strip()
        section.description = description
        section.save()
        log_action(
            actor=actor,
            action="surveys.section.updated",
            obj=section,
            county_code=_county_code(section.survey),
        )
    return section


def section_delete(*, actor, section: Section) -> None:
    _require_draft(section.survey)
    with transaction.atomic():
        log_action(
            actor=actor,
            action="surveys.section.deleted",
            obj=section,
            county_code=_county_code(section.survey),
        )
        section.delete()


def _move(items: list, item, direction: str) -> list:
    index = items.index(item)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    return items


def section_move(*, actor, section: Section, direction: str) -> None:
    """Move a section one step up or down."""
    with transaction.atomic():
        sections = list(section.survey.sections.select_for_update().order_by("position", "id"))
        current = next(s for s in sections if s.pk == section.pk)
        for position, item in enumerate(_move(sections, current, direction), start=1):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])
        log_action(
            actor=actor,
            action="surveys.section.moved",
            obj=section,
            county_code=_county_code(section.survey),
            data={"direction": direction},
        )


KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _clean_question(survey: Survey, values: dict, instance: Question | None = None) -> dict:
    """Check a question's definition; return the cleaned values."""
    kind = values["kind"]
    if kind not in Question.Kind.values:
        raise ValidationFailed(_("Choose a question type."), field="kind")
    text = (values.get("text") or "").strip()
    if not text:
        raise ValidationFailed(_("Write the question."), field="text")
    key = (values.get("key") or "").strip() or slugify(text)[:50].replace("-", "_")
    if not KEY_PATTERN.match(key):
        raise ValidationFailed(
            _("The key may contain only lower-case letters a–z, digits, - and _."), field="key"
        )
    duplicate = Question.objects.filter(survey=survey, key=key)
    if instance is not None:
        duplicate = duplicate.exclude(pk=instance.pk)
    if duplicate.exists():
        raise ValidationFailed(
            _("Another question in this survey already has the key %(key)s.") % {"key": key},
            field="key",
        )
    choices = list(values.get("choices") or [])
    rows = list(values.get("matrix_rows") or [])
    scale = list(values.get("matrix_scale") or [])
    min_value, max_value = values.get("min_value"), values.get("max_value")
    decimals = int(values.get("decimals") or 0)
    if kind in (Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE):
        if len(choices) < 2:
            raise ValidationFailed(
                _("Write at least two options, one per line."), field="choices_text"
            )
    else:
        choices = []
    if kind == Question.Kind.MATRIX:
        if not rows:
            raise ValidationFailed(_("Write at least one row, one per line."), field="rows_text")
        if len(scale) < 2:
            raise ValidationFailed(
                _("Write at least two scale steps, one per line."), field="scale_text"
            )
    else:
        rows, scale = [], []
    if kind == Question.Kind.NUMBER:
        if min_value is not None and max_value is not None and min_value > max_value:
            raise ValidationFailed(
                _("The lowest value must not be higher than the highest value."),
                field="max_value",
            )
        if decimals > 4:
            raise ValidationFailed(_("Use at most 4 decimals."), field="decimals")
    else:
        min_value = max_value = None
        decimals = 0
    condition = values.get("condition_question")
    condition_value = (values.get("condition_value") or "").strip()
    if condition is not None:
        if condition.survey_id != survey.pk or (
            instance is not None and condition.pk == instance.pk
        ):
            raise ValidationFailed(
                _("The condition must be another question in the same survey."),
                field="condition_question",
            )
        options = engine.condition_options(condition)
        if not options:
            raise ValidationFailed(
                _("A condition can only be set on a yes/no or choice question."),
                field="condition_question",
            )
        aliases = {shown.lower(): stored for stored, shown in options}
        aliases.update({stored.lower(): stored for stored, _shown in options})
        if condition_value.lower() not in aliases:
            raise ValidationFailed(
                _("“%(value)s” is not an answer to “%(question)s”. Choose one of: %(options)s.")
                % {
                    "value": condition_value,
                    "question": condition.text,
                    "options": ", ".join(shown for _stored, shown in options),
                },
                field="condition_value",
            )
        condition_value = aliases[condition_value.lower()]
    else:
        condition_value = ""
    cleaned = {
        "key": key,
        "text": text,
        "help_text": values.get("help_text", ""),
        "kind": kind,
        "required": bool(values.get("required")),
        "choices": choices,
        "matrix_rows": rows,
        "matrix_scale": scale,
        "min_value": min_value,
        "max_value": max_value,
        "decimals": decimals,
        "condition_question": condition,
        "condition_value": condition_value,
    }
    cleaned["definition_hash"] = engine.definition_hash(
        text=text,
        kind=kind,
        choices=choices,
        matrix_rows=rows,
        matrix_scale=scale,
        min_value=min_value,
        max_value=max_value,
        decimals=decimals,
    )
    return cleaned


def question_create(*, actor, section: Section, **values) -> Question:
    """Add a question at the end of a section."""
    survey = section.survey
    _require_draft(survey)
    cleaned = _clean_question(survey, values)
    condition = cleaned["condition_question"]
    with transaction.atomic():
        last = section.questions.aggregate(m=Max("position"))["m"]
        question = Question.objects.create(
            survey=survey, section=section, position=(last or 0) + 1, **cleaned
        )
        if condition is not None and _order_key(condition) >= _order_key(question):
            raise ValidationFailed(
                _("The condition must be a question that comes earlier in the survey."),
                field="condition_question",
            )
        log_action(
            actor=actor,
            action="surveys.question.created",
            obj=question,
            county_code=_county_code(survey),
        )
    return question


def _order_key(question: Question) -> tuple:
    section = Section.objects.get(pk=question.section_id)
    return (section.position, section.pk, question.position, question.pk)


def question_update(*, actor, question: Question, **values) -> Question:
    survey = question.survey
    _require_draft(survey)
    cleaned = _clean_question(survey, values, instance=question)
    condition = cleaned["condition_question"]
    with transaction.atomic():
        changes = model_changes(question, list(cleaned), cleaned)
        for field, value in cleaned.items():
            setattr(question, field, value)
        question.save()
        if condition is not None and _order_key(condition) >= _order_key(question):
            raise ValidationFailed(
                _("The condition must be a question that comes earlier in the survey."),
                field="condition_question",
            )
        log_action(
            actor=actor,
            action="surveys.question.updated",
            obj=question,
            county_code=_county_code(survey),
            data={"changes": changes},
        )
    return question


def question_delete(*, actor, question: Question) -> None:
    _require_draft(question.survey)
    with transaction.atomic():
        log_action(
            actor=actor,
            action="surveys.question.deleted",
            obj=question,
            county_code=_county_code(question.survey),
        )
        question.delete()


def question_move(*, actor, question: Question, direction: str) -> None:
    """Move a question one step up or down within its section."""
    _require_draft(question.survey)
    with transaction.atomic():
        questions = list(
            Question.objects.select_for_update()
            .filter(section_id=question.section_id)
            .order_by("position", "id")
        )
        current = next(q for q in questions if q.pk == question.pk)
        for position, item in enumerate(_move(questions, current, direction), start=1):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])
        log_action(
            actor=actor,
            action="surveys.question.moved",
            obj=question,
            county_code=_county_code(question.survey),
            data={"direction": direction},
        )
