"""Reads for surveys: permission-scoped lists, the answer state of a response, the response
overview. Access rules for surveys live here (``survey_can_edit`` and friends)."""

from django.db.models import Count, Prefetch, Q, QuerySet

from samordna.accounts.models import Role, RoleAssignment
from samordna.core.permissions import get_access
from samordna.organisations.models import Organisation, Person

from . import engine
from .links import has_grant
from .models import Answer, Assignment, Indicator, Question, Response, Section, Survey


def survey_get(pk) -> Survey | None:
    return Survey.objects.select_related("county", "copied_from").filter(pk=pk).first()


def survey_can_edit(user, survey: Survey) -> bool:
    """County staff edit their county's surveys; the national role builds national ones."""
    access = get_access(user)
    if survey.county_id is None:
        return access.national
    return access.can_edit_county(survey.county_id)


def survey_can_read(user, survey: Survey) -> bool:
    """May see the survey's internal state (drafts, responses, unpublished results)."""
    access = get_access(user)
    if survey.county_id is None:
        return access.is_staff
    return access.can_read_county(survey.county_id)


def surveys_for_user(user) -> QuerySet:
    """Surveys whose internal state the user may see (staff: own county and national)."""
    access = get_access(user)
    surveys = Survey.objects.select_related("county").annotate(
        submitted_count=Count(
            "responses", filter=Q(responses__status=Response.Status.SUBMITTED), distinct=True
        ),
        assignment_count=Count("assignments", distinct=True),
    )
    if access.national:
        return surveys
    if not access.is_staff:
        return surveys.none()
    return surveys.filter(Q(county__in=access.edit_county_ids) | Q(county__isnull=True))


def surveys_with_published_results() -> QuerySet:
    return Survey.objects.select_related("county").filter(published_results=True)


def assignments_for_contact(user) -> list[Assignment]:
    """Open surveys the user's organisations are asked to answer, with their response status."""
    access = get_access(user)
    if not access.contact_organisation_ids:
        return []
    assignments = list(
        Assignment.objects.select_related("survey", "survey__county", "organisation")
        .filter(
            organisation__in=access.contact_organisation_ids,
            survey__status__in=[Survey.Status.OPEN, Survey.Status.CLOSED],
        )
        .order_by("-survey__year", "survey__title")
    )
    responses = {
        (r.survey_id, r.organisation_id): r
        for r in Response.objects.filter(
            organisation__in=access.contact_organisation_ids,
            survey__in=[a.survey_id for a in assignments],
        )
    }
    for assignment in assignments:
        assignment.response = responses.get((assignment.survey_id, assignment.organisation_id))
    return assignments


def can_answer(request, survey: Survey, organisation: Organisation) -> bool:
    """Answering needs the organisation-contact role of that organisation or its signed link."""
    if get_access(request.user).contact_organisation_ids & {organisation.pk}:
        return True
    return has_grant(request.session, survey.pk, organisation.pk)


def sections_with_questions(survey: Survey) -> list[Section]:
    return list(
        survey.sections.prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.select_related("condition_question").order_by(
                    "position", "id"
                ),
            )
        ).order_by("position", "id")
    )


def survey_questions(survey: Survey) -> list[Question]:
    """All questions in questionnaire order (section order, then question order)."""
    return [q for section in sections_with_questions(survey) for q in section.questions.all()]


def response_get(survey: Survey, organisation: Organisation) -> Response | None:
    return Response.objects.filter(survey=survey, organisation=organisation).first()


def stored_values(response: Response | None) -> dict[int, object]:
    if response is None:
        return {}
    return dict(Answer.objects.filter(response=response).values_list("question_id", "value"))


def assignment_get(survey: Survey, organisation: Organisation) -> Assignment | None:
    return Assignment.objects.filter(survey=survey, organisation=organisation).first()


def response_overview(survey: Survey) -> list[dict]:
    """Per assigned organisation: not started / draft / submitted / reopened and progress."""
    answered = dict(
        Answer.objects.filter(response__survey=survey)
        .values("response__organisation_id")
        .annotate(n=Count("id"))
        .values_list("response__organisation_id", "n")
    )
    responses = {r.organisation_id: r for r in survey.responses.select_related("submitted_by")}
    rows = []
    for assignment in survey.assignments.select_related("organisation").order_by(
        "organisation__name"
    ):
        response = responses.get(assignment.organisation_id)
        rows.append(
            {
                "organisation": assignment.organisation,
                "assignment": assignment,
                "response": response,
                "status": response.status if response else "not_started",
                "answered": answered.get(assignment.organisation_id, 0),
            }
        )
    return rows


def response_rate(rows: list[dict]) -> dict:
    total = len(rows)
    submitted = sum(1 for r in rows if r["status"] == Response.Status.SUBMITTED)
    started = sum(1 for r in rows if r["status"] in (Response.Status.DRAFT, "reopened"))
    return {
        "total": total,
        "submitted": submitted,
        "in_progress": started,
        "not_started": total - submitted - started,
        "percent": round(100 * submitted / total) if total else 0,
    }


def contact_emails(organisation: Organisation) -> list[str]:
    """Contacts of an organisation: people marked as contact and organisation-contact users."""
    emails = list(
        Person.objects.filter(organisation=organisation, is_contact=True).values_list(
            "email", flat=True
        )
    )
    emails += list(
        RoleAssignment.objects.filter(
            organisation=organisation,
            role=Role.ORGANISATION_CONTACT,
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )
    unique: list[str] = []
    for email in emails:
        email = (email or "").strip().lower()
        if email and email not in unique:
            unique.append(email)
    return unique


def indicators_for_county(county) -> QuerySet:
    """The county's own indicators and the national ones."""
    qs = Indicator.objects.select_related("county")
    if county is None:
        return qs.filter(county__isnull=True)
    return qs.filter(Q(county=county) | Q(county__isnull=True))


def editable_indicators_for_user(user) -> QuerySet:
    access = get_access(user)
    condition = Q(county__in=access.edit_county_ids)
    if access.national:
        condition |= Q(county__isnull=True)
    return Indicator.objects.select_related("county").filter(condition)


def question_hashes_by_year(county, question_key: str) -> dict[int, set]:
    """The definition hashes of a question key per year, to warn when years are not comparable."""
    qs = Question.objects.filter(key=question_key)
    qs = qs.filter(survey__county=county) if county is not None else qs
    result: dict[int, set] = {}
    for year, digest in qs.values_list("survey__year", "definition_hash"):
        result.setdefault(year, set()).add(digest)
    return result


def review_rows(questions: list[Question], values: dict) -> list[dict]:
    visible = engine.visible_question_ids(questions, values)
    return [
        {
            "question": q,
            "value": engine.display_value(q, values.get(q.pk)),
            "missing": q.required and engine.is_empty(values.get(q.pk)),
        }
        for q in questions
        if q.pk in visible
    ]


def indicator_values_for_user(user, indicator: Indicator):
    """The indicator's cached values the user may see: published ones, and unpublished ones of
    counties whose internal data the user may read (national: all)."""
    from .models import IndicatorValue

    qs = IndicatorValue.objects.filter(indicator=indicator).select_related(
        "organisation", "organisation__municipality", "county"
    )
    readable = get_access(user).readable_county_ids()
    if readable is None:
        return qs
    return qs.filter(Q(published=True) | Q(county__in=readable, county__isnull=False))


def results_visible(user, survey: Survey) -> bool:
    return survey.published_results or survey_can_read(user, survey)
