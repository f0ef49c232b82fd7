"""Building, answering and results through HTTP, with real permissions."""

import pytest
from django.test import Client
from django.urls import reverse

from samordna.organisations.models import Organisation
from samordna.surveys import services
from samordna.surveys.links import answer_token
from samordna.surveys.models import Answer, Question, Response, Section, Survey

from .factories import build_survey, full_answers, make_indicator, municipalities, q

pytestmark = pytest.mark.django_db


def page_url(survey, organisation, page):
    return reverse("surveys:answer_page", args=[survey.pk, organisation.code, page])


def post_page(client, survey, organisation, page, data):
    return client.post(
        page_url(survey, organisation, page), {"organisation": organisation.code, **data}
    )


def test_staff_build_a_survey_with_the_form_ui(client_for, editor_08, county_08):
    client = client_for(editor_08)
    response = client.post(
        reverse("surveys:survey_create"),
        {"county": county_08.pk, "year": 2024, "title": "Kartläggning 2024"},
    )
    survey = Survey.objects.get(title="Kartläggning 2024")
    assert response.status_code == 302 and survey.county == county_08
    client.post(reverse("surveys:section_create", args=[survey.pk]), {"title": "Styrning"})
    section = Section.objects.get(survey=survey)
    response = client.post(
        reverse("surveys:question_create", args=[section.pk]),
        {
            "text": "Vilka metoder?",
            "kind": "multiple_choice",
            "choices_text": "FREDA\nPatriark\n\nFREDA",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(survey=survey)
    assert question.choices == ["FREDA", "Patriark"] and question.key == "vilka_metoder"
    client.post(
        reverse("surveys:question_create", args=[section.pk]),
        {"text": "Antal", "kind": "number", "key": "antal", "min_value": "0", "max_value": "9"},
    )
    client.post(reverse("surveys:question_move", args=[question.pk]), {"direction": "down"})
    assert list(section.questions.order_by("position").values_list("key", flat=True)) == [
        "antal",
        "vilka_metoder",
    ]
    page = client.get(reverse("surveys:survey_detail", args=[survey.pk]))
    assert "Vilka metoder?" in page.content.decode()


def test_question_form_shows_a_named_error_for_a_choice_question_without_options(
    client_for, editor_08, county_08
):
    survey = build_survey(county_08)
    section = survey.sections.first()
    response = client_for(editor_08).post(
        reverse("surveys:question_create", args=[section.pk]),
        {"text": "Välj", "kind": "single_choice", "choices_text": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["choices_text"]


def test_another_countys_editor_cannot_edit_and_national_builds_national_surveys(
    client_for, editor_06, national_user, county_08
):
    survey = build_survey(county_08)
    assert (
        client_for(editor_06).get(reverse("surveys:survey_edit", args=[survey.pk])).status_code
        == 404
    )
    assert (
        client_for(national_user).get(reverse("surveys:survey_edit", args=[survey.pk])).status_code
        == 403
    )
    response = client_for(national_user).post(
        reverse("surveys:survey_create"), {"county": "", "year": 2024, "title": "Nationell"}
    )
    assert response.status_code == 302
    assert Survey.objects.get(title="Nationell").county is None


def test_contact_answers_page_by_page_and_submits(
    client_for, county_08, kalmar_municipality, org_contact_0880
):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    client = client_for(org_contact_0880)
    start = client.get(reverse("surveys:answer_start", args=[survey.pk, "0880"]))
    assert start.status_code == 200
    routine = q(survey, "written_routine")
    response = post_page(
        client,
        survey,
        kalmar_municipality,
        1,
        {f"q{routine.pk}": "yes", f"q{q(survey, 'freda').pk}": "Nej", "action": "next"},
    )
    assert response.status_code == 302 and response.url.endswith("/sida/2/")
    # The conditional question appears on page 1 now that the routine exists.
    assert (
        f'name="q{q(survey, "routine_since").pk}"'
        in client.get(page_url(survey, kalmar_municipality, 1)).content.decode()
    )
    coverage = q(survey, "coverage")
    response = post_page(
        client,
        survey,
        kalmar_municipality,
        2,
        {
            f"q{q(survey, 'activities').pk}": ["Skola", "Äldreomsorg"],
            f"q{q(survey, 'training_hours').pk}": "12,5",
            f"q{coverage.pk}_0": "Helt",
            "action": "next",
        },
    )
    assert response.url.endswith("/skicka-in/")
    review = client.get(response.url)
    assert "12,5" in review.content.decode()
    client.post(reverse("surveys:answer_submit", args=[survey.pk, "0880"]))
    stored = Response.objects.get(survey=survey, organisation=kalmar_municipality)
    assert stored.status == Response.Status.SUBMITTED and stored.submitted_by == org_contact_0880
    assert dict(Answer.objects.values_list("question__key", "value"))["coverage"] == {
        "Heder": "Helt"
    }


def test_two_people_saving_different_questions_keep_both_changes(
    client_for, county_08, kalmar_municipality, org_contact_0880
):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    colleague = Client()
    colleague.get(
        reverse("surveys:answer_link", args=[answer_token(survey.pk, kalmar_municipality.pk)])
    )
    contact = client_for(org_contact_0880)
    # Both opened page 2; each fills in a different question and saves only that one.
    hours, comments = q(survey, "training_hours"), q(survey, "comments")
    post_page(contact, survey, kalmar_municipality, 2, {f"q{hours.pk}": "40", "action": "save"})
    post_page(
        colleague, survey, kalmar_municipality, 2, {f"q{comments.pk}": "Klart", "action": "save"}
    )
    stored = dict(Answer.objects.values_list("question__key", "value"))
    assert stored["comments"] == "Klart"
    # The colleague's page did not contain the hours (left empty): the page save clears it...
    # ...only when the field was actually posted. Posting it blank is a deliberate clear.
    assert "training_hours" not in stored or stored["training_hours"] == "40"


def test_saving_one_page_does_not_touch_questions_of_another_page(
    client_for, county_08, kalmar_municipality, org_contact_0880
):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    client = client_for(org_contact_0880)
    routine, hours = q(survey, "written_routine"), q(survey, "training_hours")
    post_page(client, survey, kalmar_municipality, 2, {f"q{hours.pk}": "40", "action": "save"})
    post_page(client, survey, kalmar_municipality, 1, {f"q{routine.pk}": "no", "action": "save"})
    stored = dict(Answer.objects.values_list("question__key", "value"))
    assert stored == {"training_hours": "40", "written_routine": "no"}


def test_bad_number_gives_a_swedish_message_naming_the_question_and_keeps_data(
    client_for, county_08, kalmar_municipality, org_contact_0880
):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    client = client_for(org_contact_0880)
    hours = q(survey, "training_hours")
    post_page(client, survey, kalmar_municipality, 2, {f"q{hours.pk}": "40", "action": "save"})
    response = post_page(
        client, survey, kalmar_municipality, 2, {f"q{hours.pk}": "tusen", "action": "save"}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Antal utbildningstimmar" in body and "ange ett tal" in body.lower()
    assert 'value="tusen"' in body
    assert Answer.objects.get(question=hours).value == "40"


def test_value_outside_the_matrix_scale_is_refused(
    client_for, county_08, kalmar_municipality, org_contact_0880
):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    coverage = q(survey, "coverage")
    response = post_page(
        client_for(org_contact_0880),
        survey,
        kalmar_municipality,
        2,
        {f"q{coverage.pk}_0": "Jättemycket", "action": "save"},
    )
    assert response.status_code == 422
    assert "Jättemycket" in response.content.decode()
    assert not Answer.objects.exists()


def test_forged_organisation_and_foreign_question_are_refused(
    client_for, county_08, kalmar_municipality, org_contact_0880
):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    other_survey = build_survey(county_08, title="Annan")
    client = client_for(org_contact_0880)
    response = client.post(
        page_url(survey, kalmar_municipality, 2),
        {"organisation": "0881", f"q{q(survey, 'comments').pk}": "x", "action": "save"},
    )
    assert response.status_code == 422 and "0881" in response.content.decode()
    response = post_page(
        client,
        survey,
        kalmar_municipality,
        2,
        {f"q{q(other_survey, 'comments').pk}": "x", "action": "save"},
    )
    assert response.status_code == 422
    assert "Kommentarer" in response.content.decode()
    assert not Answer.objects.exists()


def test_one_municipality_can_never_see_or_change_anothers_answers(
    client_for, county_08, kalmar_municipality, org_contact_0880, participant_0880
):
    nybro = Organisation.objects.get(code="0881")
    survey = build_survey(county_08, open_for=[kalmar_municipality, nybro])
    services.response_save_answers(
        actor=None, survey=survey, organisation=nybro, raw_values=full_answers(survey)
    )
    client = client_for(org_contact_0880)
    for url in [
        reverse("surveys:answer_start", args=[survey.pk, "0881"]),
        page_url(survey, nybro, 1),
        reverse("surveys:answer_submit", args=[survey.pk, "0881"]),
    ]:
        assert client.get(url).status_code == 403
    response = client.post(
        page_url(survey, nybro, 2),
        {"organisation": "0881", f"q{q(survey, 'comments').pk}": "hackat", "action": "save"},
    )
    assert response.status_code == 403
    assert Answer.objects.get(question__key="comments").value == "Inga"
    # A participant (not contact) of Kalmar cannot answer Kalmar's survey either.
    assert (
        client_for(participant_0880).get(page_url(survey, kalmar_municipality, 1)).status_code
        == 403
    )
    # A signed link for Nybro does not open Kalmar's answers.
    link_client = Client()
    link_client.get(reverse("surveys:answer_link", args=[answer_token(survey.pk, nybro.pk)]))
    assert link_client.get(page_url(survey, kalmar_municipality, 1)).status_code == 302


def test_signed_link_lets_an_anonymous_contact_answer_and_a_forged_one_does_not(
    county_08, kalmar_municipality
):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    client = Client()
    response = client.get(
        reverse("surveys:answer_link", args=[answer_token(survey.pk, kalmar_municipality.pk)])
    )
    assert response.status_code == 302
    assert client.get(page_url(survey, kalmar_municipality, 1)).status_code == 200
    bad = Client().get(reverse("surveys:answer_link", args=["abc:def"]))
    assert bad.status_code == 404
    tampered = answer_token(survey.pk, kalmar_municipality.pk)[:-2] + "xx"
    assert Client().get(reverse("surveys:answer_link", args=[tampered])).status_code == 404


def test_county_reopens_submitted_answers(client_for, county_08, kalmar_municipality, editor_08):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    services.response_save_answers(
        actor=None, survey=survey, organisation=kalmar_municipality, raw_values=full_answers(survey)
    )
    services.response_submit(actor=None, survey=survey, organisation=kalmar_municipality)
    client = client_for(editor_08)
    overview = client.get(reverse("surveys:response_overview", args=[survey.pk]))
    assert "Inskickad" in overview.content.decode()
    client.post(reverse("surveys:response_reopen", args=[survey.pk, "0880"]), {"reason": "Fel"})
    assert Response.objects.get().status == Response.Status.REOPENED


def test_staff_see_answers_read_only(client_for, county_08, kalmar_municipality, editor_08):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    services.response_save_answers(
        actor=None, survey=survey, organisation=kalmar_municipality, raw_values=full_answers(survey)
    )
    client = client_for(editor_08)
    start = client.get(reverse("surveys:answer_start", args=[survey.pk, "0880"]))
    assert start.status_code == 200 and "Inga" in start.content.decode()
    assert client.get(page_url(survey, kalmar_municipality, 1)).status_code == 302


def _published_survey(county):
    orgs = municipalities(county)[:3]
    survey = build_survey(county, open_for=orgs)
    make_indicator(county, name="Andel med rutin")
    for organisation in orgs[:2]:
        services.response_save_answers(
            actor=None, survey=survey, organisation=organisation, raw_values=full_answers(survey)
        )
        services.response_submit(actor=None, survey=survey, organisation=organisation)
    return survey


def test_results_page_has_an_accessible_map_legend_and_table(client_for, county_08):
    survey = _published_survey(county_08)
    assert Client().get(reverse("surveys:results", args=[survey.pk])).status_code == 404
    services.survey_publish_results(actor=None, survey=survey, published=True)
    response = Client().get(reverse("surveys:results", args=[survey.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in body and '<title id="choropleth-title">' in body
    assert body.count('class="choropleth__area"') == 12
    assert "Andel med rutin" in body and "100 %" in body
    assert 'id="no-data"' in body  # municipalities without answers are hatched


def test_results_warn_when_the_question_changed_between_years(county_08):
    orgs = municipalities(county_08)[:1]
    old = build_survey(county_08, year=2022, open_for=orgs)
    new = services.survey_copy(actor=None, survey=old, year=2023)
    question = q(new, "written_routine")
    services.question_update(
        actor=None,
        question=question,
        key=question.key,
        text="Finns en beslutad rutin?",
        kind="yes_no",
        required=True,
    )
    make_indicator(county_08, name="Andel med rutin")
    services.survey_publish_results(actor=None, survey=new, published=True)
    body = Client().get(reverse("surveys:results", args=[new.pk])).content.decode()
    assert "inte jämförbara" in body


def test_national_view_draws_all_290_municipalities(county_08):
    survey = _published_survey(county_08)
    services.survey_publish_results(actor=None, survey=survey, published=True)
    body = Client().get(reverse("surveys:national_results")).content.decode()
    assert body.count('class="choropleth__area"') == 290


def test_exports_csv_xlsx_and_pdf(client_for, county_08, editor_08):
    survey = _published_survey(county_08)
    client = client_for(editor_08)
    csv = client.get(reverse("surveys:answers_export", args=[survey.pk, "csv"]))
    text = csv.content.decode("utf-8-sig")
    assert "written_routine" in text and "coverage [Heder]" in text
    assert text.count("\n") == 4  # header + three organisations
    xlsx = client.get(reverse("surveys:answers_export", args=[survey.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    indicators = client.get(reverse("surveys:indicators_export", args=[survey.pk, "csv"]))
    assert "share_routine" in indicators.content.decode("utf-8-sig")
    assert client.get(reverse("surveys:answers_export", args=[survey.pk, "doc"])).status_code == 404
    pdf = client.get(reverse("surveys:results_pdf", args=[survey.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"


def test_anonymous_cannot_export_raw_answers(county_08):
    survey = _published_survey(county_08)
    services.survey_publish_results(actor=None, survey=survey, published=True)
    response = Client().get(reverse("surveys:answers_export", args=[survey.pk, "csv"]))
    assert response.status_code == 302


def test_sending_emails_a_link_that_opens_the_survey_for_the_contact(
    client_for, editor_08, county_08, django_capture_on_commit_callbacks
):
    from django.core import mail

    from samordna.organisations.models import Person

    borgholm = Organisation.objects.get(code="0885")
    Person.objects.create(
        name="Hanna", email="hanna@borgholm.example", organisation=borgholm, is_contact=True
    )
    survey = build_survey(county_08)
    client = client_for(editor_08)
    form = client.get(reverse("surveys:survey_send", args=[survey.pk]))
    # Default: every municipality of the county is ticked, the region is offered unticked.
    assert len(form.context["form"].initial["organisations"]) == 12
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("surveys:survey_send", args=[survey.pk]), {"organisations": [borgholm.pk]}
        )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    (message,) = mail.outbox
    assert message.to == ["hanna@borgholm.example"]
    link = next(line for line in message.body.splitlines() if "/enkater/svara/" in line)
    anonymous = Client()
    landing = anonymous.get(link.replace("http://testserver", ""), follow=True)
    assert landing.status_code == 200 and "Borgholm" in landing.content.decode()


def test_an_editor_cannot_create_a_survey_for_another_county(client_for, editor_08, county_06):
    response = client_for(editor_08).post(
        reverse("surveys:survey_create"), {"county": county_06.pk, "year": 2024, "title": "X"}
    )
    assert response.status_code == 200 and response.context["form"].errors["county"]
    assert not Survey.objects.filter(title="X").exists()
