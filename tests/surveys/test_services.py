"""Survey services: copying, distribution, answers, submit/reopen, reminders and indicators."""

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samordna.core.errors import Conflict, NotPermitted, ValidationFailed
from samordna.core.models import AuditEntry
from samordna.organisations.models import Organisation, Person
from samordna.surveys import indicators, services
from samordna.surveys.models import Answer, IndicatorValue, Question, Response, Survey

from .factories import build_survey, full_answers, make_indicator, municipalities, q

pytestmark = pytest.mark.django_db


def test_copy_to_next_year_keeps_keys_definitions_and_conditions(county_08, editor_08):
    survey = build_survey(county_08, year=2022)
    copy = services.survey_copy(actor=editor_08, survey=survey, year=2023)
    assert copy.status == Survey.Status.DRAFT and copy.copied_from == survey
    old_keys = {x.key: x.definition_hash for x in survey.questions.all()}
    assert {x.key: x.definition_hash for x in copy.questions.all()} == old_keys
    conditional = q(copy, "routine_since")
    assert conditional.condition_question == q(copy, "written_routine")
    assert conditional.condition_question.survey_id == copy.pk
    assert AuditEntry.objects.filter(action="surveys.survey.copied").exists()


def test_questions_are_locked_once_the_survey_is_sent(county_08, kalmar_municipality):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    with pytest.raises(Conflict):
        services.question_delete(actor=None, question=q(survey, "comments"))
    assert survey.questions.filter(key="comments").exists()


def test_choice_question_needs_two_options_and_condition_must_be_earlier(county_08):
    survey = build_survey(county_08)
    section = survey.sections.first()
    with pytest.raises(ValidationFailed) as info:
        services.question_create(
            actor=None, section=section, text="Välj", kind="single_choice", choices=["Bara en"]
        )
    assert info.value.field == "choices_text"
    with pytest.raises(ValidationFailed) as info:
        services.question_create(
            actor=None,
            section=section,
            text="Villkorad",
            kind="text",
            condition_question=q(survey, "written_routine"),
            condition_value="kanske",
        )
    assert info.value.field == "condition_value"
    later = services.question_create(
        actor=None,
        section=section,
        text="Villkorad",
        kind="text",
        condition_question=q(survey, "written_routine"),
        condition_value="Ja",
    )
    assert later.condition_value == "yes"


def test_open_emails_every_contact_a_personal_signed_link(
    county_08, kalmar_municipality, org_contact_0880, django_capture_on_commit_callbacks
):
    Person.objects.create(
        name="Lena", email="lena@kalmar.example", organisation=kalmar_municipality, is_contact=True
    )
    Person.objects.create(
        name="Ej kontakt", email="nej@kalmar.example", organisation=kalmar_municipality
    )
    survey = build_survey(county_08)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.survey_open(actor=None, survey=survey, organisations=[kalmar_municipality])
    assert sent == 2
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["contact@kalmar.example", "lena@kalmar.example"]
    assert "/enkater/svara/" in mail.outbox[0].body
    # Sending again does not e-mail organisations already invited.
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.survey_open(actor=None, survey=survey, organisations=[kalmar_municipality])
            == 0
        )


def test_open_refuses_an_organisation_of_another_county(county_08):
    survey = build_survey(county_08)
    foreign = Organisation.objects.get(code="0680")
    with pytest.raises(ValidationFailed):
        services.survey_open(actor=None, survey=survey, organisations=[foreign])


def test_saving_a_page_upserts_only_its_questions(county_08, kalmar_municipality):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    answers = full_answers(survey)
    first = {k: v for k, v in answers.items() if k in {q(survey, "written_routine").pk}}
    second = {q(survey, "training_hours").pk: "7"}
    services.response_save_answers(
        actor=None, survey=survey, organisation=kalmar_municipality, raw_values=first
    )
    services.response_save_answers(
        actor=None, survey=survey, organisation=kalmar_municipality, raw_values=second
    )
    stored = dict(Answer.objects.values_list("question__key", "value"))
    assert stored == {"written_routine": "yes", "training_hours": "7"}


def test_invalid_value_stores_nothing_of_the_page_and_keeps_earlier_answers(
    county_08, kalmar_municipality
):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    hours = q(survey, "training_hours").pk
    services.response_save_answers(
        actor=None, survey=survey, organisation=kalmar_municipality, raw_values={hours: "10"}
    )
    with pytest.raises(ValidationFailed) as info:
        services.response_save_answers(
            actor=None,
            survey=survey,
            organisation=kalmar_municipality,
            raw_values={hours: "5000", q(survey, "comments").pk: "ny text"},
        )
    assert "Antal utbildningstimmar" in str(info.value.message)
    assert dict(Answer.objects.values_list("question__key", "value")) == {"training_hours": "10"}


def test_a_question_of_another_survey_is_rejected_by_name(county_08, kalmar_municipality):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    other = build_survey(county_08, title="Annan")
    with pytest.raises(ValidationFailed) as info:
        services.response_save_answers(
            actor=None,
            survey=survey,
            organisation=kalmar_municipality,
            raw_values={q(other, "comments").pk: "x"},
        )
    assert "Kommentarer" in str(info.value.message)
    assert not Answer.objects.exists()


def test_hidden_conditional_answer_is_removed(county_08, kalmar_municipality):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    routine, since = q(survey, "written_routine").pk, q(survey, "routine_since").pk
    services.response_save_answers(
        actor=None,
        survey=survey,
        organisation=kalmar_municipality,
        raw_values={routine: "yes", since: "4"},
    )
    assert Answer.objects.filter(question_id=since).exists()
    services.response_save_answers(
        actor=None,
        survey=survey,
        organisation=kalmar_municipality,
        raw_values={routine: "no", since: "4"},
    )
    assert not Answer.objects.filter(question_id=since).exists()


def test_an_organisation_not_assigned_cannot_answer(county_08, kalmar_municipality):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    other = Organisation.objects.get(code="0881")
    with pytest.raises(NotPermitted):
        services.response_save_answers(actor=None, survey=survey, organisation=other, raw_values={})


def test_submit_requires_the_visible_required_questions_then_locks(county_08, kalmar_municipality):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    with pytest.raises(ValidationFailed) as info:
        services.response_submit(actor=None, survey=survey, organisation=kalmar_municipality)
    assert "Finns en skriftlig rutin?" in str(info.value.message)
    services.response_save_answers(
        actor=None,
        survey=survey,
        organisation=kalmar_municipality,
        raw_values=full_answers(survey),
    )
    response = services.response_submit(actor=None, survey=survey, organisation=kalmar_municipality)
    assert response.status == Response.Status.SUBMITTED and response.submitted_at
    with pytest.raises(Conflict):
        services.response_save_answers(
            actor=None,
            survey=survey,
            organisation=kalmar_municipality,
            raw_values={q(survey, "comments").pk: "ändrat"},
        )
    assert Answer.objects.get(question__key="comments").value == "Inga"


def test_reopen_unlocks_and_is_audited(county_08, kalmar_municipality, editor_08):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    services.response_save_answers(
        actor=None, survey=survey, organisation=kalmar_municipality, raw_values=full_answers(survey)
    )
    response = services.response_submit(actor=None, survey=survey, organisation=kalmar_municipality)
    services.response_reopen(actor=editor_08, response=response, reason="Fel siffra")
    response.refresh_from_db()
    assert response.status == Response.Status.REOPENED
    entry = AuditEntry.objects.get(action="surveys.response.reopened")
    assert entry.actor == editor_08 and entry.data["reason"] == "Fel siffra"
    services.response_save_answers(
        actor=None,
        survey=survey,
        organisation=kalmar_municipality,
        raw_values={q(survey, "training_hours").pk: "20"},
    )
    services.response_submit(actor=None, survey=survey, organisation=kalmar_municipality)


def _answer_and_submit(survey, organisation, **kwargs):
    services.response_save_answers(
        actor=None,
        survey=survey,
        organisation=organisation,
        raw_values=full_answers(survey, **kwargs),
    )
    services.response_submit(actor=None, survey=survey, organisation=organisation)


def test_indicators_per_organisation_county_and_nation(county_08):
    orgs = municipalities(county_08)[:4]
    survey = build_survey(county_08, open_for=orgs)
    share = make_indicator(county_08)
    total = make_indicator(county_08, key="hours", kind="sum", question_key="training_hours")
    mean = make_indicator(county_08, key="hours_mean", kind="mean", question_key="training_hours")
    option = make_indicator(
        county_08, key="freda", kind="share_option", question_key="freda", option="Ja, ibland"
    )
    _answer_and_submit(survey, orgs[0], routine="yes", hours="10")
    _answer_and_submit(survey, orgs[1], routine="no", hours="20")
    _answer_and_submit(survey, orgs[2], routine="yes", hours="30")
    # orgs[3] only a draft: not counted.
    services.response_save_answers(
        actor=None,
        survey=survey,
        organisation=orgs[3],
        raw_values=full_answers(survey, routine="no"),
    )

    def county_value(indicator):
        return IndicatorValue.objects.get(
            indicator=indicator, year=2023, level="county", county=county_08
        )

    assert county_value(share).value == pytest.approx(200 / 3)
    assert county_value(share).respondents == 3
    assert county_value(total).value == 60
    assert county_value(mean).value == 20
    assert county_value(option).value == 100
    per_org = IndicatorValue.objects.get(
        indicator=share, level="organisation", organisation=orgs[1]
    )
    assert per_org.value == 0
    national = IndicatorValue.objects.get(indicator=total, level="national", year=2023)
    assert national.value == 60


def test_reopen_removes_the_answers_from_the_indicators_until_resubmitted(county_08):
    orgs = municipalities(county_08)[:2]
    survey = build_survey(county_08, open_for=orgs)
    total = make_indicator(county_08, key="hours", kind="sum", question_key="training_hours")
    _answer_and_submit(survey, orgs[0], hours="10")
    _answer_and_submit(survey, orgs[1], hours="5")
    response = Response.objects.get(survey=survey, organisation=orgs[1])
    services.response_reopen(actor=None, response=response)
    value = IndicatorValue.objects.get(indicator=total, level="county")
    assert value.value == 10


def test_compute_indicators_command_rebuilds_the_cache(county_08):
    orgs = municipalities(county_08)[:1]
    survey = build_survey(county_08, open_for=orgs)
    _answer_and_submit(survey, orgs[0])
    indicator = make_indicator(county_08)
    IndicatorValue.objects.all().delete()
    call_command("compute_indicators", stdout=io.StringIO())
    assert IndicatorValue.objects.filter(indicator=indicator, level="county").count() == 1
    assert indicators.indicator_values_refresh_all() == 3


def test_due_reminders_go_once_per_milestone_to_those_not_submitted(
    county_08, django_capture_on_commit_callbacks
):
    orgs = municipalities(county_08)[:2]
    for organisation in orgs:
        Person.objects.create(
            name="Kontakt",
            email=f"k@{organisation.code}.example",
            organisation=organisation,
            is_contact=True,
        )
    survey = build_survey(county_08, open_for=orgs)
    services.survey_update(
        actor=None, survey=survey, deadline=timezone.localdate() + timedelta(days=5)
    )
    _answer_and_submit(survey, orgs[0])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_survey_reminders", stdout=io.StringIO())
        call_command("send_survey_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[f"k@{orgs[1].code}.example"]]
    assert "Påminnelse" in mail.outbox[0].subject
    survey.refresh_from_db()
    assert survey.reminders_sent == [7]
    # The last-day milestone is another reminder.
    with django_capture_on_commit_callbacks(execute=True):
        services.surveys_send_due_reminders(today=survey.deadline - timedelta(days=1))
    assert len(mail.outbox) == 2


def test_no_reminders_for_a_survey_without_deadline_or_after_it(county_08):
    orgs = municipalities(county_08)[:1]
    survey = build_survey(county_08, open_for=orgs)
    assert services.surveys_send_due_reminders() == 0
    services.survey_update(actor=None, survey=survey, deadline=date(2020, 1, 1))
    assert services.surveys_send_due_reminders() == 0


def test_yearly_copy_with_changed_wording_gets_a_new_hash(county_08):
    survey = build_survey(county_08, year=2022)
    copy = services.survey_copy(actor=None, survey=survey, year=2023)
    question = q(copy, "written_routine")
    services.question_update(
        actor=None,
        question=question,
        key=question.key,
        text="Finns en beslutad rutin?",
        kind=Question.Kind.YES_NO,
        required=True,
    )
    question.refresh_from_db()
    assert question.definition_hash != q(survey, "written_routine").definition_hash
