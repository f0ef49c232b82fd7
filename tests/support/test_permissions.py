"""Permission matrix for every URL of the support app × role × county."""

import pytest

from samordna.support.models import ActorVisit, Need, SupportEngagement

from .factories import EngagementFactory, NeedFactory, VisitFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "editor_08", "admin_08", "editor_06", "national"]


@pytest.fixture
def users(participant_0880, editor_08, admin_08, editor_06, national_user):
    return {
        "anonymous": None,
        "participant": participant_0880,
        "editor_08": editor_08,
        "admin_08": admin_08,
        "editor_06": editor_06,
        "national": national_user,
    }


@pytest.fixture
def objects(county_08):
    visit = VisitFactory()
    return {
        "engagement": EngagementFactory().pk,
        "visit": visit.pk,
        "need": NeedFactory(visit=visit, source=Need.Source.VISIT).pk,
    }


LIST = [302, 403, 200, 200, 200, 200]
CREATE = [302, 403, 200, 200, 200, 403]
READ_OWN = [302, 403, 200, 200, 404, 200]
EDIT_OWN = [302, 403, 200, 200, 404, 403]

MATRIX = {
    "/stod/processtod/": LIST,
    "/stod/processtod/nytt/": CREATE,
    "/stod/processtod/{engagement}/": READ_OWN,
    "/stod/processtod/{engagement}/redigera/": EDIT_OWN,
    "/stod/processtod/{engagement}/ta-bort/": EDIT_OWN,
    "/stod/besok/": LIST,
    "/stod/besok/nytt/": CREATE,
    "/stod/besok/{visit}/": READ_OWN,
    "/stod/besok/{visit}/redigera/": EDIT_OWN,
    "/stod/besok/{visit}/ta-bort/": EDIT_OWN,
    "/stod/behov/": LIST,
    "/stod/behov/nytt/": CREATE,
    "/stod/behov/nationell-niva/": LIST,
    "/stod/behov/export.xlsx": LIST,
    "/stod/behov/export.csv": LIST,
    "/stod/behov/export.pdf": [302, 403, 404, 404, 404, 404],
    "/stod/behov/{need}/": READ_OWN,
    "/stod/behov/{need}/redigera/": EDIT_OWN,
    "/stod/behov/{need}/ta-bort/": EDIT_OWN,
}


@pytest.mark.parametrize("url_template", list(MATRIX))
def test_support_pages_matrix(url_template, users, objects, client_for):
    url = url_template.format(**objects)
    for role, expected in zip(ROLES, MATRIX[url_template], strict=True):
        response = client_for(users[role]).get(url)
        assert response.status_code == expected, (url, role, response.status_code)
        if expected == 302:
            assert response.url.startswith("/konto/logga-in/")


def test_every_support_url_is_in_the_matrix():
    from tests.core.test_view_permissions import all_app_patterns

    routes = {route for route, _pattern in all_app_patterns() if route.startswith("stod/")}
    covered = {
        "stod/" + template.removeprefix("/stod/").format(engagement=1, visit=1, need=1)
        for template in MATRIX
    }
    normalised = {route.replace("<int:pk>", "1").replace("<str:fmt>", "xlsx") for route in routes}
    assert len(routes) == 17
    assert normalised <= covered


@pytest.mark.parametrize(
    ("kind", "model", "data"),
    [
        ("processtod", SupportEngagement, {"title": "Ändrad", "start_date": "2022-01-17"}),
        ("besok", ActorVisit, {"topic": "Ändrad", "visit_date": "2022-03-10"}),
        ("behov", Need, {"title": "Ändrad", "raised_on": "2022-03-10"}),
    ],
)
def test_other_county_and_national_cannot_change_by_post(
    kind, model, data, users, objects, client_for
):
    key = {"processtod": "engagement", "besok": "visit", "behov": "need"}[kind]
    pk = objects[key]
    for role, expected in (("editor_06", 404), ("national", 403), ("participant", 403)):
        client = client_for(users[role])
        assert client.post(f"/stod/{kind}/{pk}/redigera/", data).status_code == expected
        assert client.post(f"/stod/{kind}/{pk}/ta-bort/").status_code == expected
    assert model.objects.filter(pk=pk).exists()
    assert not model.objects.filter(pk=pk, **{next(iter(data)): "Ändrad"}).exists()


def test_anonymous_post_redirects_to_login_and_changes_nothing(objects, client_for):
    response = client_for(None).post(f"/stod/behov/{objects['need']}/ta-bort/")
    assert response.status_code == 302
    assert response.url.startswith("/konto/logga-in/")
    assert Need.objects.filter(pk=objects["need"]).exists()


def test_editor_cannot_create_in_another_county(users, client_for, county_08):
    response = client_for(users["editor_06"]).post(
        "/stod/besok/nytt/",
        {"county": county_08.pk, "organisation": "", "visit_date": "2022-03-10"},
    )
    assert response.status_code == 200
    assert not ActorVisit.objects.exists()


def test_lists_show_only_the_own_county_except_for_national(users, client_for, objects):
    title = Need.objects.get(pk=objects["need"]).title
    assert title in client_for(users["editor_08"]).get("/stod/behov/").content.decode()
    assert title in client_for(users["national"]).get("/stod/behov/").content.decode()
    assert title not in client_for(users["editor_06"]).get("/stod/behov/").content.decode()
    export = client_for(users["editor_06"]).get("/stod/behov/export.csv").content.decode()
    assert title not in export
