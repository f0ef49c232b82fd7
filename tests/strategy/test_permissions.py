"""Permission matrix of the strategy module: every URL × role."""

import datetime

import pytest

from samordna.organisations.models import Organisation
from samordna.strategy import services
from tests.strategy.factories import make_strategy

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "editor_06", "editor_08", "national"]


@pytest.fixture
def users(participant_0880, editor_06, editor_08, national_user):
    return {
        "anonymous": None,
        "participant": participant_0880,
        "editor_06": editor_06,
        "editor_08": editor_08,
        "national": national_user,
    }


@pytest.fixture
def objects(county_06):
    published = make_strategy(county_06, name="Publicerad")
    draft = make_strategy(county_06, published=False, start=2027, end=2032, name="Utkast")
    affiliation = services.affiliation_create(
        actor=None,
        strategy=published,
        organisation=Organisation.objects.get(code="0680"),
        declaration_date=datetime.date(2020, 1, 1),
    )
    return {
        "pub": published.pk,
        "draft": draft.pk,
        "subgoal": published.subgoals.first().pk,
        "aff": affiliation.pk,
    }


# url → expected GET status per role, in ROLES order (owning county: 06)
MATRIX = {
    "/strategi/": [200, 200, 200, 200, 200],
    "/strategi/{pub}/": [200, 200, 200, 200, 200],
    "/strategi/{draft}/": [404, 404, 200, 404, 200],
    "/strategi/ny/": [302, 403, 200, 200, 403],
    "/strategi/{pub}/redigera/": [302, 403, 200, 403, 403],
    "/strategi/{draft}/redigera/": [302, 403, 200, 403, 403],
    "/strategi/{pub}/delmal/ny/": [302, 403, 200, 403, 403],
    "/strategi/delmal/{subgoal}/redigera/": [302, 403, 200, 403, 403],
    "/strategi/delmal/{subgoal}/ta-bort/": [302, 403, 200, 403, 403],
    "/strategi/{pub}/anslutningar/ny/": [302, 403, 200, 403, 403],
    "/strategi/anslutningar/{aff}/lamna/": [302, 403, 200, 403, 403],
}

POST_ONLY = {"/strategi/{pub}/publicera/": [302, 403, 302, 403, 403]}


@pytest.mark.parametrize("url_template", list(MATRIX))
def test_get_matrix(url_template, users, objects, client_for):
    url = url_template.format(**objects)
    for role, expected in zip(ROLES, MATRIX[url_template], strict=True):
        response = client_for(users[role]).get(url)
        assert response.status_code == expected, (url, role, response.status_code)
        if expected == 302:
            assert response.url.startswith("/konto/logga-in/")


@pytest.mark.parametrize("url_template", list(POST_ONLY))
def test_post_matrix(url_template, users, objects, client_for):
    url = url_template.format(**objects)
    for role, expected in zip(ROLES, POST_ONLY[url_template], strict=True):
        response = client_for(users[role]).post(url, {"published": "1"})
        assert response.status_code == expected, (url, role, response.status_code)


def test_editor_of_another_county_cannot_change_the_strategy(users, objects, client_for):
    client = client_for(users["editor_08"])
    response = client.post(
        f"/strategi/{objects['pub']}/redigera/",
        {"name": "Kapad", "period_start_year": 2020, "period_end_year": 2026},
    )
    assert response.status_code == 403
    response = client.post(f"/strategi/delmal/{objects['subgoal']}/ta-bort/")
    assert response.status_code == 403
    response = client.post(f"/strategi/{objects['pub']}/publicera/", {"published": "0"})
    assert response.status_code == 403
    page = client_for(None).get(f"/strategi/{objects['pub']}/").content.decode()
    assert "Publicerad" in page and "Kapad" not in page
