"""The surveys API: published results for everyone, unpublished for the county's staff token."""

import pytest
from django.test import Client

from samordna.accounts.services import api_token_create
from samordna.surveys import services

from .factories import build_survey, full_answers, make_indicator, municipalities

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(county_08):
    orgs = municipalities(county_08)[:2]
    survey = build_survey(county_08, open_for=orgs)
    for organisation in orgs:
        services.response_save_answers(
            actor=None, survey=survey, organisation=organisation, raw_values=full_answers(survey)
        )
        services.response_submit(actor=None, survey=survey, organisation=organisation)
    return survey


def bearer(user) -> dict:
    _token, plain = api_token_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def test_survey_list_shows_unpublished_only_to_the_countys_staff(survey, editor_08, editor_06):
    assert Client().get("/api/v1/surveys?county=08").json()["count"] == 0
    assert Client().get("/api/v1/surveys", **bearer(editor_06)).json()["count"] == 0
    body = Client().get("/api/v1/surveys?county=08&year=2023", **bearer(editor_08)).json()
    assert body["count"] == 1 and body["items"][0]["id"] == survey.pk
    services.survey_publish_results(actor=None, survey=survey, published=True)
    assert Client().get("/api/v1/surveys?county=08").json()["count"] == 1
    assert Client().get("/api/v1/surveys?county=08&year=2022").json()["count"] == 0


def test_indicator_list_and_values(survey, county_08, editor_08):
    indicator = make_indicator(county_08, name="Andel med rutin")
    body = Client().get("/api/v1/indicators?county=08").json()
    assert body["count"] == 1
    assert body["items"][0]["id"] == indicator.pk and body["items"][0]["name"] == "Andel med rutin"
    url = f"/api/v1/indicators/{indicator.pk}/values?year=2023&county=08"
    assert Client().get(url).json()["count"] == 0  # not published yet
    staff = Client().get(url, **bearer(editor_08)).json()
    assert staff["count"] == 2
    assert {item["organisation_code"] for item in staff["items"]} == {
        o.code for o in municipalities(county_08)[:2]
    }
    assert staff["items"][0]["value"] == 100
    services.survey_publish_results(actor=None, survey=survey, published=True)
    assert Client().get(url).json()["count"] == 2


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/surveys?county=8",
        "/api/v1/surveys?county=99",
        "/api/v1/surveys?year=abc",
        "/api/v1/surveys?year=1800",
        "/api/v1/indicators?county=xx",
        "/api/v1/indicators/1/values?year=20x",
    ],
)
def test_bad_parameters_give_422(url):
    assert Client().get(url).status_code == 422


def test_unknown_indicator_gives_404(db):
    assert Client().get("/api/v1/indicators/999999/values").status_code == 404
