"""Building surveys: the survey list, survey/section/question forms, copying, distribution,
reminders, the response-rate overview and reopening answers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samordna.core.errors import ApplicationError
from samordna.core.permissions import PUBLIC, STAFF, get_access, view_permission

from .. import selectors, services
from ..forms import CopySurveyForm, QuestionForm, ReopenForm, SectionForm, SendForm, SurveyForm
from ..models import Response, Survey
from .common import (
    creatable_counties,
    error_to_form,
    organisation_or_404,
    question_editable,
    section_editable,
    survey_editable,
    survey_readable,
)


@view_permission(PUBLIC)
def survey_index(request):
    """Kartläggning: surveys to answer (contacts), surveys to manage (staff), published results."""
    access = get_access(request.user)
    return render(
        request,
        "surveys/survey_index.html",
        {
            "assignments": selectors.assignments_for_contact(request.user),
            "managed": selectors.surveys_for_user(request.user) if access.is_staff else None,
            "can_create": access.is_staff and (access.national or bool(access.edit_county_ids)),
            "published": selectors.surveys_with_published_results(),
            "is_staff": access.is_staff,
        },
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def survey_create(request):
    access = get_access(request.user)
    counties = creatable_counties(request.user)
    if not access.national and not counties.exists():
        raise PermissionDenied
    form = SurveyForm(request.POST or None, counties=counties, national=access.national)
    if request.method == "POST" and form.is_valid():
        county = form.cleaned_data["county"]
        if county is None and not access.national:
            raise PermissionDenied
        try:
            survey = services.survey_create(
                actor=request.user,
                county=county,
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
                intro=form.cleaned_data["intro"],
                deadline=form.cleaned_data["deadline"],
            )
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            messages.success(request, _("The survey has been created. Add sections and questions."))
            return redirect("surveys:survey_detail", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form})


@view_permission(STAFF)
def survey_detail(request, pk):
    survey = survey_readable(request, pk)
    rows = selectors.response_overview(survey)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "sections": selectors.sections_with_questions(survey),
            "can_edit": selectors.survey_can_edit(request.user, survey),
            "is_draft": survey.status == Survey.Status.DRAFT,
            "rate": selectors.response_rate(rows),
            "copy_form": CopySurveyForm(initial={"year": survey.year + 1}),
        },
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def survey_edit(request, pk):
    survey = survey_editable(request, pk)
    form = SurveyForm(
        request.POST or None,
        editing=True,
        initial={
            "year": survey.year,
            "title": survey.title,
            "intro": survey.intro,
            "deadline": survey.deadline,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(actor=request.user, survey=survey, **form.cleaned_data)
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("surveys:survey_detail", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def survey_delete(request, pk):
    survey = survey_editable(request, pk)
    if request.method == "POST":
        try:
            services.survey_delete(actor=request.user, survey=survey)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("surveys:survey_detail", pk=survey.pk)
        messages.success(request, _("The survey has been deleted."))
        return redirect("surveys:survey_index")
    return render(
        request,
        "surveys/confirm_delete.html",
        {"survey": survey, "object": survey, "cancel_url": survey_url(survey)},
    )


def survey_url(survey) -> str:
    from django.urls import reverse

    return reverse("surveys:survey_detail", args=[survey.pk])


@view_permission(STAFF)
@require_POST
def survey_copy(request, pk):
    survey = survey_editable(request, pk)
    form = CopySurveyForm(request.POST)
    if form.is_valid():
        try:
            copy = services.survey_copy(
                actor=request.user,
                survey=survey,
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("A copy for %(year)s has been created. The question keys are kept.")
                % {"year": copy.year},
            )
            return redirect("surveys:survey_detail", pk=copy.pk)
    else:
        messages.error(request, _("Enter a year between 2000 and 2100 for the copy."))
    return redirect("surveys:survey_detail", pk=survey.pk)


@view_permission(STAFF)
@require_POST
def survey_status(request, pk):
    """Close, open again, publish or unpublish results."""
    survey = survey_editable(request, pk)
    action = request.POST.get("action", "")
    try:
        if action == "close":
            services.survey_close(actor=request.user, survey=survey)
            messages.success(request, _("The survey is closed."))
        elif action == "open":
            services.survey_reopen_for_answers(actor=request.user, survey=survey)
            messages.success(request, _("The survey is open for answers again."))
        elif action in ("publish", "unpublish"):
            services.survey_publish_results(
                actor=request.user, survey=survey, published=action == "publish"
            )
            messages.success(
                request,
                _("The results are published.")
                if action == "publish"
                else _("The results are no longer published."),
            )
        else:
            messages.error(request, _("Unknown action."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("surveys:survey_detail", pk=survey.pk)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def section_create(request, pk):
    survey = survey_editable(request, pk)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_create(actor=request.user, survey=survey, **form.cleaned_data)
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            messages.success(request, _("The section has been added."))
            return redirect("surveys:survey_detail", pk=survey.pk)
    return render(request, "surveys/section_form.html", {"form": form, "survey": survey})


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def section_edit(request, pk):
    section = section_editable(request, pk)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        services.section_update(actor=request.user, section=section, **form.cleaned_data)
        messages.success(request, _("The changes have been saved."))
        return redirect("surveys:survey_detail", pk=section.survey_id)
    return render(
        request,
        "surveys/section_form.html",
        {"form": form, "survey": section.survey, "section": section},
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def section_delete(request, pk):
    section = section_editable(request, pk)
    if request.method == "POST":
        try:
            services.section_delete(actor=request.user, section=section)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The section has been deleted."))
        return redirect("surveys:survey_detail", pk=section.survey_id)
    return render(
        request,
        "surveys/confirm_delete.html",
        {"survey": section.survey, "object": section, "cancel_url": survey_url(section.survey)},
    )


@view_permission(STAFF)
@require_POST
def section_move(request, pk):
    section = section_editable(request, pk)
    services.section_move(
        actor=request.user,
        section=section,
        direction="up" if request.POST.get("direction") == "up" else "down",
    )
    return redirect("surveys:survey_detail", pk=section.survey_id)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def question_create(request, pk):
    section = section_editable(request, pk)
    survey = section.survey
    form = QuestionForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_create(actor=request.user, section=section, **form.service_values())
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            messages.success(request, _("The question has been added."))
            return redirect("surveys:survey_detail", pk=survey.pk)
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "survey": survey, "section": section},
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def question_edit(request, pk):
    question = question_editable(request, pk)
    survey = question.survey
    form = QuestionForm(request.POST or None, survey=survey, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(actor=request.user, question=question, **form.service_values())
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("surveys:survey_detail", pk=survey.pk)
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "survey": survey, "section": question.section, "question": question},
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def question_delete(request, pk):
    question = question_editable(request, pk)
    if request.method == "POST":
        try:
            services.question_delete(actor=request.user, question=question)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The question has been deleted."))
        return redirect("surveys:survey_detail", pk=question.survey_id)
    return render(
        request,
        "surveys/confirm_delete.html",
        {"survey": question.survey, "object": question, "cancel_url": survey_url(question.survey)},
    )


@view_permission(STAFF)
@require_POST
def question_move(request, pk):
    question = question_editable(request, pk)
    try:
        services.question_move(
            actor=request.user,
            question=question,
            direction="up" if request.POST.get("direction") == "up" else "down",
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("surveys:survey_detail", pk=question.survey_id)


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def survey_send(request, pk):
    """Choose the organisations (default: every municipality), open the survey, e-mail links."""
    survey = survey_editable(request, pk)
    candidates = services.survey_default_organisations(survey, include_region=True)
    already = set(survey.assignments.values_list("organisation_id", flat=True))
    default = [str(o.pk) for o in candidates if o.kind == "municipality" or o.pk in already]
    form = SendForm(
        request.POST or None, organisations=candidates, initial={"organisations": default}
    )
    if request.method == "POST" and form.is_valid():
        chosen = {int(pk) for pk in form.cleaned_data["organisations"]}
        try:
            sent = services.survey_open(
                actor=request.user,
                survey=survey,
                organisations=[o for o in candidates if o.pk in chosen],
            )
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            messages.success(
                request,
                _("The survey is open. %(count)s e-mails with personal links are being sent.")
                % {"count": sent},
            )
            return redirect("surveys:response_overview", pk=survey.pk)
    return render(
        request, "surveys/survey_send.html", {"form": form, "survey": survey, "already": already}
    )


@view_permission(STAFF)
@require_POST
def survey_remind(request, pk):
    survey = survey_editable(request, pk)
    try:
        sent = services.survey_send_reminders(actor=request.user, survey=survey)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(count)s reminders are being sent.") % {"count": sent})
    return redirect("surveys:response_overview", pk=survey.pk)


@view_permission(STAFF)
def response_overview(request, pk):
    """Live response rate: submitted, in progress and not started per organisation."""
    survey = survey_readable(request, pk)
    rows = selectors.response_overview(survey)
    return render(
        request,
        "surveys/response_overview.html",
        {
            "survey": survey,
            "rows": rows,
            "rate": selectors.response_rate(rows),
            "can_edit": selectors.survey_can_edit(request.user, survey),
            "question_count": survey.questions.count(),
        },
    )


@view_permission(STAFF)
@require_http_methods(["GET", "POST"])
def response_reopen(request, pk, code):
    survey = survey_editable(request, pk)
    organisation = organisation_or_404(code)
    response = selectors.response_get(survey, organisation)
    if response is None or response.status != Response.Status.SUBMITTED:
        messages.error(request, _("Only submitted answers can be reopened."))
        return redirect("surveys:response_overview", pk=survey.pk)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_reopen(
                actor=request.user, response=response, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            messages.success(
                request,
                _("The answers of %(organisation)s are open for changes again.")
                % {"organisation": organisation.name},
            )
            return redirect("surveys:response_overview", pk=survey.pk)
    return render(
        request,
        "surveys/response_reopen.html",
        {"form": form, "survey": survey, "organisation": organisation},
    )
