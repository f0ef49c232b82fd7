"""Answering a survey: the personal link, one page per section ("Spara och fortsätt"), review
and submit. Answering needs the organisation-contact role or the organisation's signed link;
county staff see the answers read-only."""

import re

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samordna.core.errors import ApplicationError
from samordna.core.middleware import no_store
from samordna.core.permissions import PUBLIC, view_permission

from .. import engine, selectors, services
from ..links import answer_token_read, grant_in_session
from ..models import Question, Response, Survey
from .common import organisation_or_404

FIELD_PATTERN = re.compile(r"^q(\d+)(?:_\d+)?$")


@view_permission(PUBLIC)
@no_store
def answer_link(request, token):
    """The e-mailed personal link: remember the grant in the session and go to the survey."""
    ids = answer_token_read(token)
    if ids is None:
        return render(request, "surveys/answer_link_invalid.html", status=404)
    survey = selectors.survey_get(ids[0])
    from samordna.organisations.models import Organisation

    organisation = Organisation.objects.filter(pk=ids[1]).first()
    if survey is None or organisation is None:
        return render(request, "surveys/answer_link_invalid.html", status=404)
    grant_in_session(request.session, survey.pk, organisation.pk)
    return redirect("surveys:answer_start", pk=survey.pk, code=organisation.code)


def _load(request, pk, code):
    """(survey, organisation, mode) where mode is "edit" or "read"; or an HTTP answer."""
    survey = selectors.survey_get(pk)
    if survey is None:
        raise Http404
    organisation = organisation_or_404(code)
    if survey.status != Survey.Status.DRAFT and selectors.can_answer(request, survey, organisation):
        if selectors.assignment_get(survey, organisation) is None:
            raise Http404
        return survey, organisation, "edit"
    if selectors.survey_can_read(request.user, survey):
        return survey, organisation, "read"
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def _editable(survey, response) -> bool:
    return survey.status == Survey.Status.OPEN and (
        response is None or response.status != Response.Status.SUBMITTED
    )


def _page_questions(sections, page_index, values) -> tuple[list[Question], set]:
    """The questions shown on a page: those whose condition is met by the stored answers, and
    those whose condition question is on the same page (shown with a note, checked on save)."""
    all_questions = [q for s in sections for q in s.questions.all()]
    visible = engine.visible_question_ids(all_questions, values)
    page = list(sections[page_index].questions.all())
    page_ids = {q.pk for q in page}
    shown = [q for q in page if q.pk in visible or (q.condition_question_id in page_ids)]
    return shown, visible


def _render_items(questions, values, errors, visible) -> list[dict]:
    items = []
    page_ids = {q.pk for q in questions}
    for question in questions:
        value = values.get(question.pk)
        name = engine.field_name(question)
        item = {
            "q": question,
            "name": name,
            "value": "" if value is None else value,
            "error": errors.get(name, ""),
            "note": "",
            "condition_on_page": question.condition_question_id in page_ids,
        }
        if question.condition_question_id and question.pk not in visible:
            shown_value = dict(engine.condition_options(question.condition_question)).get(
                question.condition_value, question.condition_value
            )
            item["note"] = _("Answer only if you answered “%(value)s” to “%(question)s”.") % {
                "value": shown_value,
                "question": question.condition_question.text,
            }
        if question.kind == Question.Kind.YES_NO:
            item["options"] = [
                (engine.YES, _("Yes"), value == engine.YES),
                (engine.NO, _("No"), value == engine.NO),
            ]
        elif question.kind in (Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE):
            chosen = value if isinstance(value, list) else [value]
            item["options"] = [(c, c, c in chosen) for c in question.choices]
        elif question.kind == Question.Kind.MATRIX:
            row_values = value if isinstance(value, dict) else {}
            item["rows"] = [
                {
                    "label": row,
                    "name": f"{name}_{index}",
                    "options": [(s, row_values.get(row) == s) for s in question.matrix_scale],
                }
                for index, row in enumerate(question.matrix_rows)
            ]
        items.append(item)
    return items


def _submitted_values(questions, data) -> dict:
    """Raw values of the page's questions, shaped like stored values, to show after an error."""
    result = {}
    for question in questions:
        raw = engine.raw_from_post(question, data)
        result[question.pk] = raw
    return result


@view_permission(PUBLIC)
@no_store
def answer_start(request, pk, code):
    loaded = _load(request, pk, code)
    if not isinstance(loaded, tuple):
        return loaded
    survey, organisation, mode = loaded
    response = selectors.response_get(survey, organisation)
    values = selectors.stored_values(response)
    sections = selectors.sections_with_questions(survey)
    questions = [q for s in sections for q in s.questions.all()]
    visible = engine.visible_question_ids(questions, values)
    section_rows = []
    for index, section in enumerate(sections, start=1):
        shown = [q for q in section.questions.all() if q.pk in visible]
        section_rows.append(
            {
                "section": section,
                "page": index,
                "total": len(shown),
                "answered": sum(1 for q in shown if not engine.is_empty(values.get(q.pk))),
            }
        )
    return render(
        request,
        "surveys/answer_start.html",
        {
            "survey": survey,
            "organisation": organisation,
            "response": response,
            "mode": mode,
            "editable": mode == "edit" and _editable(survey, response),
            "sections": section_rows,
            "review": selectors.review_rows(questions, values) if mode == "read" else None,
        },
    )


@view_permission(PUBLIC)
@require_http_methods(["GET", "POST"])
@no_store
def answer_page(request, pk, code, page):
    loaded = _load(request, pk, code)
    if not isinstance(loaded, tuple):
        return loaded
    survey, organisation, mode = loaded
    sections = selectors.sections_with_questions(survey)
    if not 1 <= page <= len(sections):
        raise Http404
    response = selectors.response_get(survey, organisation)
    if mode != "edit" or not _editable(survey, response):
        return redirect("surveys:answer_start", pk=survey.pk, code=organisation.code)
    values = selectors.stored_values(response)
    questions, visible = _page_questions(sections, page - 1, values)
    errors: dict[str, str] = {}
    if request.method == "POST":
        if request.POST.get("organisation") != organisation.code:
            errors["__all__"] = _(
                "The form was for another organisation (%(posted)s) than the one in the "
                "address (%(organisation)s). Nothing was saved."
            ) % {"posted": request.POST.get("organisation", "–"), "organisation": organisation.name}
        else:
            raw_values = {q.pk: engine.raw_from_post(q, request.POST) for q in questions}
            for key in request.POST:
                match = FIELD_PATTERN.match(key)
                if match and int(match.group(1)) not in raw_values:
                    raw_values[int(match.group(1))] = request.POST.get(key)
            try:
                services.response_save_answers(
                    actor=request.user,
                    survey=survey,
                    organisation=organisation,
                    raw_values=raw_values,
                )
            except ApplicationError as exc:
                errors = dict(exc.extra.get("errors") or {exc.field or "__all__": exc.message})
            else:
                if request.POST.get("action") == "next":
                    if page < len(sections):
                        messages.success(request, _("Saved."))
                        return redirect(
                            "surveys:answer_page",
                            pk=survey.pk,
                            code=organisation.code,
                            page=page + 1,
                        )
                    return redirect("surveys:answer_submit", pk=survey.pk, code=organisation.code)
                messages.success(request, _("Your answers on this page have been saved."))
                return redirect(
                    "surveys:answer_page", pk=survey.pk, code=organisation.code, page=page
                )
        values = {**values, **_submitted_values(questions, request.POST)}
    items = _render_items(questions, values, errors, visible)
    field_errors = [
        {"anchor": item["name"], "message": item["error"]} for item in items if item["error"]
    ]
    general = [message for key, message in errors.items() if key not in {i["name"] for i in items}]
    return render(
        request,
        "surveys/answer_page.html",
        {
            "survey": survey,
            "organisation": organisation,
            "section": sections[page - 1],
            "page": page,
            "page_count": len(sections),
            "items": items,
            "field_errors": field_errors,
            "general_errors": general,
            "action": reverse(
                "surveys:answer_page",
                kwargs={"pk": survey.pk, "code": organisation.code, "page": page},
            ),
        },
        status=422 if errors else 200,
    )


@view_permission(PUBLIC)
@require_http_methods(["GET", "POST"])
@no_store
def answer_submit(request, pk, code):
    loaded = _load(request, pk, code)
    if not isinstance(loaded, tuple):
        return loaded
    survey, organisation, mode = loaded
    response = selectors.response_get(survey, organisation)
    if mode != "edit" or not _editable(survey, response):
        return redirect("surveys:answer_start", pk=survey.pk, code=organisation.code)
    error = ""
    if request.method == "POST":
        try:
            services.response_submit(actor=request.user, survey=survey, organisation=organisation)
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _("Thank you! The answers of %(organisation)s have been submitted.")
                % {"organisation": organisation.name},
            )
            return redirect("surveys:answer_start", pk=survey.pk, code=organisation.code)
    values = selectors.stored_values(response)
    questions = selectors.survey_questions(survey)
    sections = selectors.sections_with_questions(survey)
    page_of = {q.pk: index for index, s in enumerate(sections, start=1) for q in s.questions.all()}
    rows = selectors.review_rows(questions, values)
    for row in rows:
        row["page"] = page_of[row["question"].pk]
    return render(
        request,
        "surveys/answer_submit.html",
        {
            "survey": survey,
            "organisation": organisation,
            "rows": rows,
            "error": error,
            "missing": [r for r in rows if r["missing"]],
        },
        status=422 if error else 200,
    )
