"""Permission matrix for every coverage URL × role × county."""

import datetime

import pytest

from samordna.coverage import services
from samordna.coverage.models import CoverageGoal, CoverageItem, CoverageRecord

from .factories import make_goal, make_item, organisation

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "contact", "editor_08", "admin_08", "editor_06", "national"]


@pytest.fixture
def users(participant_0880, org_contact_0880, editor_08, admin_08, editor_06, national_user):
    return {
        "anonymous": None,
        "participant": participant_0880,
        "contact": org_contact_0880,
        "editor_08": editor_08,
        "admin_08": admin_08,
        "editor_06": editor_06,
        "national": national_user,
    }


@pytest.fixture
def objects(county_08, editor_08):
    item = make_item(county_08)
    goal = make_goal(item)
    record = services.record_create(
        actor=editor_08,
        item=item,
        organisation=organisation("0880"),
        completed_on=datetime.date(2023, 1, 1),
    )
    return {"item": item.pk, "goal": goal.pk, "record": record.pk}


# anonymous, participant, contact, editor_08, admin_08, editor_06, national
INDEX = [302, 403, 403, 302, 302, 302, 200]
READ_08 = [302, 403, 403, 200, 200, 403, 200]
EDIT_08 = [302, 403, 403, 200, 200, 403, 403]
OBJECT_08 = [302, 403, 403, 200, 200, 404, 403]
NATIONAL = [302, 403, 403, 403, 403, 403, 200]
OWN_ORGANISATION = [302, 200, 200, 200, 200, 403, 200]
OTHER_ORGANISATION = [302, 403, 403, 403, 403, 200, 200]

MATRIX = {
    "/tackning/": INDEX,
    "/tackning/nationellt/": NATIONAL,
    "/tackning/lan/08/": READ_08,
    "/tackning/lan/08/export.csv": READ_08,
    "/tackning/lan/08/export.xlsx": READ_08,
    "/tackning/lan/08/export.pdf": [302, 403, 403, 404, 404, 404, 404],
    "/tackning/lan/08/karta/": READ_08,
    "/tackning/lan/08/utveckling/": READ_08,
    "/tackning/lan/08/mal/": READ_08,
    "/tackning/lan/08/moment/nytt/": EDIT_08,
    "/tackning/lan/08/mal/nytt/": EDIT_08,
    "/tackning/lan/08/registrering/ny/": EDIT_08,
    "/tackning/moment/{item}/redigera/": OBJECT_08,
    "/tackning/moment/{item}/ta-bort/": OBJECT_08,
    "/tackning/mal/{goal}/redigera/": OBJECT_08,
    "/tackning/mal/{goal}/ta-bort/": OBJECT_08,
    "/tackning/registrering/{record}/ta-bort/": OBJECT_08,
    "/tackning/organisation/0880/": OWN_ORGANISATION,
    "/tackning/organisation/0680/": OTHER_ORGANISATION,
}


@pytest.mark.parametrize("url_template", list(MATRIX))
def test_coverage_pages_matrix(url_template, users, objects, client_for):
    url = url_template.format(**objects)
    for role, expected in zip(ROLES, MATRIX[url_template], strict=True):
        response = client_for(users[role]).get(url)
        assert response.status_code == expected, (url, role, response.status_code)
        if expected == 302 and role == "anonymous":
            assert response.url.startswith("/konto/logga-in/")


def test_index_sends_county_staff_to_their_county(users, client_for):
    assert client_for(users["editor_06"]).get("/tackning/").url == "/tackning/lan/06/"


def test_every_coverage_url_is_in_the_matrix():
    from tests.core.test_view_permissions import all_app_patterns

    routes = {route for route, _pattern in all_app_patterns() if route.startswith("tackning/")}
    covered = {
        "tackning/" + template.removeprefix("/tackning/").format(item=1, goal=1, record=1)
        for template in MATRIX
    }
    normalised = {
        route.replace("<int:pk>", "1").replace("<str:fmt>", "csv").replace("<str:code>", "08")
        for route in routes
    }
    normalised = {r.replace("organisation/08/", "organisation/0880/") for r in normalised}
    assert len(routes) == 16
    assert normalised <= covered


def test_other_county_national_and_participants_cannot_change_by_post(
    users, objects, client_for, county_08
):
    for role, expected in (("editor_06", 404), ("national", 403), ("participant", 403)):
        client = client_for(users[role])
        assert (
            client.post(
                f"/tackning/moment/{objects['item']}/redigera/",
                {"name": "Ändrad", "kind": "training"},
            ).status_code
            == expected
        )
        assert client.post(f"/tackning/moment/{objects['item']}/ta-bort/").status_code == expected
        assert client.post(f"/tackning/mal/{objects['goal']}/ta-bort/").status_code == expected
        assert (
            client.post(f"/tackning/registrering/{objects['record']}/ta-bort/").status_code
            == expected
        )
    for role in ("editor_06", "national", "participant"):
        response = client_for(users[role]).post(
            "/tackning/lan/08/moment/nytt/", {"name": "Intrång", "kind": "training"}
        )
        assert response.status_code == 403
    assert CoverageItem.objects.get(pk=objects["item"]).name == "En kommun fri från våld"
    assert CoverageGoal.objects.filter(pk=objects["goal"]).exists()
    assert CoverageRecord.objects.filter(pk=objects["record"]).exists()
    assert not CoverageItem.objects.filter(name="Intrång").exists()


def test_county_b_does_not_see_county_a_in_the_api_or_national_map(users, client_for, objects):
    body = client_for(users["editor_06"]).get("/api/v1/coverage?county=08")
    assert body.status_code == 403
    assert client_for(users["editor_06"]).get("/tackning/nationellt/").status_code == 403
