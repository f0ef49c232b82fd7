"""Shared look-ups for the survey views: 404 for what the user may not see, 403 for what the
user may see but not change."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from samordna.core.permissions import get_access
from samordna.organisations.models import County, Organisation

from .. import selectors
from ..models import Question, Section, Survey


def survey_readable(request, pk) -> Survey:
    survey = selectors.survey_get(pk)
    if survey is None or not selectors.survey_can_read(request.user, survey):
        raise Http404
    return survey


def survey_editable(request, pk) -> Survey:
    survey = survey_readable(request, pk)
    if not selectors.survey_can_edit(request.user, survey):
        raise PermissionDenied
    return survey


def section_editable(request, pk) -> Section:
    section = get_object_or_404(Section.objects.select_related("survey__county"), pk=pk)
    survey_editable(request, section.survey_id)
    return section


def question_editable(request, pk) -> Question:
    question = get_object_or_404(
        Question.objects.select_related("survey__county", "section"), pk=pk
    )
    survey_editable(request, question.survey_id)
    return question


def organisation_or_404(code) -> Organisation:
    return get_object_or_404(Organisation.objects.select_related("county"), code=code)


def creatable_counties(user):
    """Counties in which the user may build surveys and indicators."""
    access = get_access(user)
    if access.is_superuser:
        return County.objects.all()
    return County.objects.filter(pk__in=access.edit_county_ids)


def error_to_form(form, exc) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
