"""Answers: saving pages (one row per question), submitting, reopening."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.core.audit import log_action
from samordna.core.errors import Conflict, NotPermitted, ValidationFailed
from samordna.organisations.models import Organisation

from .. import engine, selectors
from ..models import Answer, Assignment, Question, Response, Survey
from .builder import _county_code

# --- Answers -----------------------------------------------------------------------------------


def _response_for_update(survey: Survey, organisation: Organisation) -> Response:
    try:
        with transaction.atomic():
            response, _created = Response.objects.get_or_create(
                survey=survey, organisation=organisation
            )
    except IntegrityError:  # created by a colleague at the same moment
        pass
    return Response.objects.select_for_update().get(survey=survey, organisation=organisation)


def _check_can_answer(survey: Survey, organisation: Organisation) -> None:
    if survey.status != Survey.Status.OPEN:
        raise Conflict(_("The survey is not open for answers."))
    if not Assignment.objects.filter(survey=survey, organisation=organisation).exists():
        raise NotPermitted(
            _("%(organisation)s is not asked to answer this survey.")
            % {"organisation": organisation.name}
        )


def response_save_answers(
    *, actor, survey: Survey, organisation: Organisation, raw_values: dict[int, object]
) -> Response:
    """Save the answers of one page (question id → raw value) as a draft.

    Only the given questions are written (one row each, upserted), so colleagues saving other
    questions at the same time never overwrite each other. Answers to questions that are hidden
    by a condition are removed. Invalid values raise ValidationFailed naming the question and
    nothing is stored."""
    _check_can_answer(survey, organisation)
    questions = selectors.survey_questions(survey)
    by_id = {q.pk: q for q in questions}
    for question_id in raw_values:
        if question_id not in by_id:
            other = Question.objects.filter(pk=question_id).first() if question_id else None
            raise ValidationFailed(
                _("The question “%(question)s” does not belong to this survey.")
                % {"question": other.text if other else question_id},
                field=f"q{question_id}",
            )
    parsed: dict[int, object] = {}
    errors: dict[str, str] = {}
    for question_id, raw in raw_values.items():
        try:
            parsed[question_id] = engine.parse_answer(by_id[question_id], raw)
        except engine.AnswerError as exc:
            errors[f"q{question_id}"] = str(exc)
    if errors:
        first_field = next(iter(errors))
        raise ValidationFailed(errors[first_field], field=first_field, extra={"errors": errors})
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        response = _response_for_update(survey, organisation)
        if response.status == Response.Status.SUBMITTED:
            raise Conflict(
                _("The answers have been submitted and are locked. Ask the county to reopen them.")
            )
        stored = dict(Answer.objects.filter(response=response).values_list("question_id", "value"))
        merged = {**stored, **parsed}
        visible = engine.visible_question_ids(questions, merged)
        for question_id, value in parsed.items():
            if question_id not in visible or engine.is_empty(value):
                Answer.objects.filter(response=response, question_id=question_id).delete()
                continue
            if question_id in stored:
                if stored[question_id] != value:
                    Answer.objects.filter(response=response, question_id=question_id).update(
                        value=value, updated_by=user, updated_at=timezone.now()
                    )
            else:
                Answer.objects.create(
                    response=response, question_id=question_id, value=value, updated_by=user
                )
        # Questions on other pages hidden by this change lose their (no longer valid) answers.
        hidden_elsewhere = [
            qid for qid in stored if qid not in visible and qid not in parsed and qid in by_id
        ]
        if hidden_elsewhere:
            Answer.objects.filter(response=response, question_id__in=hidden_elsewhere).delete()
        response.save(update_fields=["updated_at"])
        log_action(
            actor=actor,
            action="surveys.response.saved",
            obj=response,
            county_code=organisation.county.code if organisation.county_id else "",
            data={"questions": sorted(by_id[q].key for q in parsed)},
        )
    return response


def response_submit(*, actor, survey: Survey, organisation: Organisation) -> Response:
    """Submit (and lock) an organisation's answers once every required shown question is
    answered; indicators are refreshed."""
    from ..indicators import indicator_values_refresh_for_survey

    _check_can_answer(survey, organisation)
    questions = selectors.survey_questions(survey)
    with transaction.atomic():
        response = _response_for_update(survey, organisation)
        if response.status == Response.Status.SUBMITTED:
            raise Conflict(_("The answers have already been submitted."))
        values = dict(Answer.objects.filter(response=response).values_list("question_id", "value"))
        visible = engine.visible_question_ids(questions, values)
        missing = [
            q
            for q in questions
            if q.pk in visible and q.required and engine.is_empty(values.get(q.pk))
        ]
        if missing:
            raise ValidationFailed(
                _("Answer the required questions: %(questions)s")
                % {"questions": "; ".join(f"“{q.text}”" for q in missing)},
                extra={"missing": [q.pk for q in missing]},
            )
        response.status = Response.Status.SUBMITTED
        response.submitted_at = timezone.now()
        response.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
        response.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        log_action(
            actor=actor,
            action="surveys.response.submitted",
            obj=response,
            county_code=organisation.county.code if organisation.county_id else "",
        )
        indicator_values_refresh_for_survey(survey=survey)
    return response


def response_reopen(*, actor, response: Response, reason: str = "") -> Response:
    """Unlock submitted answers so the organisation can change them (the county's decision)."""
    from ..indicators import indicator_values_refresh_for_survey

    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        if response.status != Response.Status.SUBMITTED:
            raise Conflict(_("Only submitted answers can be reopened."))
        response.status = Response.Status.REOPENED
        response.save(update_fields=["status", "updated_at"])
        log_action(
            actor=actor,
            action="surveys.response.reopened",
            obj=response,
            county_code=_county_code(response.survey),
            data={"reason": reason[:500]},
        )
        indicator_values_refresh_for_survey(survey=response.survey)
    return response
