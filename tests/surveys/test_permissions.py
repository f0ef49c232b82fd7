"""Every URL of the surveys app × anonymous, participant, editor of the owning county, editor of
another county, national role."""

import pytest
from django.urls import reverse

from samordna.surveys import services
from samordna.surveys.links import answer_token

from .factories import build_survey, full_answers, make_indicator

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "editor_owner", "editor_other", "national"]

# name → (url builder, method, expected codes in ROLES order)
LOGIN = 302
EDIT = (LOGIN, 403, 200, 404, 403)  # change something of county 08
READ = (LOGIN, 403, 200, 404, 200)  # internal state of county 08
STAFF_ANY = (LOGIN, 403, 200, 200, 200)
PUBLIC = (200, 200, 200, 200, 200)
UNPUBLISHED = (404, 404, 200, 404, 200)

CASES = {
    "survey_index": (lambda d: reverse("surveys:survey_index"), "get", PUBLIC),
    "survey_create": (lambda d: reverse("surveys:survey_create"), "get", STAFF_ANY),
    "survey_detail": (lambda d: reverse("surveys:survey_detail", args=[d["open"].pk]), "get", READ),
    "survey_edit": (lambda d: reverse("surveys:survey_edit", args=[d["draft"].pk]), "get", EDIT),
    "survey_delete": (
        lambda d: reverse("surveys:survey_delete", args=[d["draft"].pk]),
        "get",
        EDIT,
    ),
    "survey_copy": (
        lambda d: reverse("surveys:survey_copy", args=[d["open"].pk]),
        "post",
        (LOGIN, 403, 302, 404, 403),
    ),
    "survey_status": (
        lambda d: reverse("surveys:survey_status", args=[d["open"].pk]),
        "post",
        (LOGIN, 403, 302, 404, 403),
    ),
    "section_create": (
        lambda d: reverse("surveys:section_create", args=[d["draft"].pk]),
        "get",
        EDIT,
    ),
    "section_edit": (
        lambda d: reverse("surveys:section_edit", args=[d["section"].pk]),
        "get",
        EDIT,
    ),
    "section_delete": (
        lambda d: reverse("surveys:section_delete", args=[d["section"].pk]),
        "get",
        EDIT,
    ),
    "section_move": (
        lambda d: reverse("surveys:section_move", args=[d["section"].pk]),
        "post",
        (LOGIN, 403, 302, 404, 403),
    ),
    "question_create": (
        lambda d: reverse("surveys:question_create", args=[d["section"].pk]),
        "get",
        EDIT,
    ),
    "question_edit": (
        lambda d: reverse("surveys:question_edit", args=[d["question"].pk]),
        "get",
        EDIT,
    ),
    "question_delete": (
        lambda d: reverse("surveys:question_delete", args=[d["question"].pk]),
        "get",
        EDIT,
    ),
    "question_move": (
        lambda d: reverse("surveys:question_move", args=[d["question"].pk]),
        "post",
        (LOGIN, 403, 302, 404, 403),
    ),
    "survey_send": (lambda d: reverse("surveys:survey_send", args=[d["open"].pk]), "get", EDIT),
    "survey_remind": (
        lambda d: reverse("surveys:survey_remind", args=[d["open"].pk]),
        "post",
        (LOGIN, 403, 302, 404, 403),
    ),
    "response_overview": (
        lambda d: reverse("surveys:response_overview", args=[d["open"].pk]),
        "get",
        READ,
    ),
    "response_reopen": (
        lambda d: reverse("surveys:response_reopen", args=[d["open"].pk, "0880"]),
        "get",
        EDIT,
    ),
    "answer_link": (
        lambda d: reverse("surveys:answer_link", args=[answer_token(d["open"].pk, d["org"].pk)]),
        "get",
        (302, 302, 302, 302, 302),
    ),
    "answer_start": (
        lambda d: reverse("surveys:answer_start", args=[d["open"].pk, "0881"]),
        "get",
        (LOGIN, 403, 200, 403, 200),
    ),
    "answer_page": (
        lambda d: reverse("surveys:answer_page", args=[d["open"].pk, "0881", 1]),
        "get",
        (LOGIN, 403, 302, 403, 302),
    ),
    "answer_submit": (
        lambda d: reverse("surveys:answer_submit", args=[d["open"].pk, "0881"]),
        "get",
        (LOGIN, 403, 302, 403, 302),
    ),
    "results": (lambda d: reverse("surveys:results", args=[d["open"].pk]), "get", UNPUBLISHED),
    "results_pdf": (
        lambda d: reverse("surveys:results_pdf", args=[d["open"].pk]),
        "get",
        UNPUBLISHED,
    ),
    "answers_export": (
        lambda d: reverse("surveys:answers_export", args=[d["open"].pk, "csv"]),
        "get",
        READ,
    ),
    "indicators_export": (
        lambda d: reverse("surveys:indicators_export", args=[d["open"].pk, "xlsx"]),
        "get",
        UNPUBLISHED,
    ),
    "national_results": (lambda d: reverse("surveys:national_results"), "get", PUBLIC),
    "indicator_list": (lambda d: reverse("surveys:indicator_list"), "get", STAFF_ANY),
    "indicator_create": (lambda d: reverse("surveys:indicator_create"), "get", STAFF_ANY),
    "indicator_edit": (
        lambda d: reverse("surveys:indicator_edit", args=[d["indicator"].pk]),
        "get",
        EDIT,
    ),
    "indicator_delete": (
        lambda d: reverse("surveys:indicator_delete", args=[d["indicator"].pk]),
        "get",
        EDIT,
    ),
}


@pytest.fixture
def data(county_08, kalmar_municipality):
    from samordna.organisations.models import Organisation

    nybro = Organisation.objects.get(code="0881")
    open_survey = build_survey(county_08, open_for=[kalmar_municipality, nybro])
    services.response_save_answers(
        actor=None,
        survey=open_survey,
        organisation=kalmar_municipality,
        raw_values=full_answers(open_survey),
    )
    services.response_submit(actor=None, survey=open_survey, organisation=kalmar_municipality)
    draft = build_survey(county_08, title="Utkast")
    section = draft.sections.first()
    return {
        "open": open_survey,
        "draft": draft,
        "section": section,
        "question": section.questions.first(),
        "indicator": make_indicator(county_08),
        "org": kalmar_municipality,
    }


@pytest.fixture
def users(participant_0880, editor_08, editor_06, national_user):
    return {
        "anonymous": None,
        "participant": participant_0880,
        "editor_owner": editor_08,
        "editor_other": editor_06,
        "national": national_user,
    }


@pytest.mark.parametrize("name", list(CASES))
def test_url_permissions(name, data, users, client_for):
    build, method, expected = CASES[name]
    url = build(data)
    got = []
    for role in ROLES:
        client = client_for(users[role])
        response = client.post(url, {}) if method == "post" else client.get(url)
        got.append(response.status_code)
    assert tuple(got) == expected, f"{name}: {dict(zip(ROLES, got, strict=True))}"


def test_every_surveys_url_is_in_the_matrix():
    from samordna.surveys.urls import urlpatterns

    assert {p.name for p in urlpatterns} == set(CASES)


def test_the_organisation_contact_answers_only_its_own_organisation(
    data, client_for, org_contact_0880
):
    client = client_for(org_contact_0880)
    own = reverse("surveys:answer_start", args=[data["open"].pk, "0880"])
    other = reverse("surveys:answer_start", args=[data["open"].pk, "0881"])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 403
