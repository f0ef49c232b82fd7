"""Permission matrix of the plans module: every URL × role (owning county: 06)."""

import pytest

from samordna.plans import services
from samordna.plans.models import Activity
from tests.plans.factories import add_activity, make_plan

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "contact", "editor_06", "editor_08", "national"]


@pytest.fixture
def users(participant_0880, org_contact_0880, editor_06, editor_08, national_user):
    return {
        "anonymous": None,
        "participant": participant_0880,
        "contact": org_contact_0880,
        "editor_06": editor_06,
        "editor_08": editor_08,
        "national": national_user,
    }


@pytest.fixture
def objects(county_06):
    published = make_plan(county_06, published=True)
    draft = make_plan(county_06, year=2023)
    activity = add_activity(draft)
    contact = services.contact_create(actor=None, plan=draft, name="Anna")
    empty_area = draft.areas.get(name="Kommunikation")
    return {
        "pub": published.pk,
        "draft": draft.pk,
        "act": activity.pk,
        "area": empty_area.pk,
        "contact": contact.pk,
    }


# url → expected GET status per role, in ROLES order
MATRIX = {
    "/planer/": [200, 200, 200, 200, 200, 200],
    "/planer/{pub}/": [200, 200, 200, 200, 200, 200],
    "/planer/{pub}/export.docx": [200, 200, 200, 200, 200, 200],
    "/planer/{draft}/": [404, 404, 404, 200, 404, 200],
    "/planer/{draft}/export.pdf": [404, 404, 404, 200, 404, 200],
    "/planer/{draft}/export.xlsx": [404, 404, 404, 200, 404, 200],
    "/planer/ny/": [302, 403, 403, 200, 200, 403],
    "/planer/{draft}/redigera/": [302, 403, 403, 200, 403, 403],
    "/planer/{pub}/redigera/": [302, 403, 403, 200, 403, 403],
    "/planer/{draft}/texter/": [302, 403, 403, 200, 403, 403],
    "/planer/{draft}/aktiviteter/ny/": [302, 403, 403, 200, 403, 403],
    "/planer/aktiviteter/{act}/redigera/": [302, 403, 403, 200, 403, 403],
    "/planer/aktiviteter/{act}/ta-bort/": [302, 403, 403, 200, 403, 403],
    "/planer/omraden/{area}/redigera/": [302, 403, 403, 200, 403, 403],
    "/planer/omraden/{area}/ta-bort/": [302, 403, 403, 200, 403, 403],
    "/planer/introduktionsutbildning/0880/": [302, 403, 200, 403, 200, 403],
    "/planer/introduktionsutbildning/0680/": [302, 403, 403, 200, 403, 403],
}

# POST-only actions: expected status per role (302 = done and redirected, for the owner)
POST_MATRIX = {
    "/planer/{draft}/publicera/": [302, 403, 403, 302, 403, 403],
    "/planer/{draft}/kopiera/": [302, 403, 403, 302, 403, 403],
    "/planer/{draft}/omraden/ny/": [302, 403, 403, 302, 403, 403],
    "/planer/omraden/{area}/flytta/": [302, 403, 403, 302, 403, 403],
    "/planer/aktiviteter/{act}/flytta/": [302, 403, 403, 302, 403, 403],
    "/planer/aktiviteter/{act}/duplicera/": [302, 403, 403, 302, 403, 403],
    "/planer/{draft}/kontakter/ny/": [302, 403, 403, 302, 403, 403],
    "/planer/kontakter/{contact}/ta-bort/": [302, 403, 403, 302, 403, 403],
}


@pytest.mark.parametrize("url_template", list(MATRIX))
def test_get_matrix(url_template, users, objects, client_for):
    url = url_template.format(**objects)
    for role, expected in zip(ROLES, MATRIX[url_template], strict=True):
        response = client_for(users[role]).get(url)
        assert response.status_code == expected, (url, role, response.status_code)
        if expected == 302:
            assert response.url.startswith("/konto/logga-in/")


@pytest.mark.parametrize("url_template", list(POST_MATRIX))
def test_post_matrix(url_template, users, objects, client_for):
    url = url_template.format(**objects)
    data = {"direction": "down", "name": "Ny", "published": "1", "year": 2030}
    for role, expected in zip(ROLES, POST_MATRIX[url_template], strict=True):
        if role == "editor_06":
            continue  # the owner's effects are tested in test_views; here only refusals
        response = client_for(users[role]).post(url, data)
        assert response.status_code == expected, (url, role, response.status_code)
    response = client_for(users["editor_06"]).post(url, data)
    assert response.status_code == 302 and not response.url.startswith("/konto/")


def test_editor_of_08_cannot_change_the_plan_of_06(users, objects, client_for):
    client = client_for(users["editor_08"])
    activity = Activity.objects.get(pk=objects["act"])
    response = client.post(
        f"/planer/aktiviteter/{activity.pk}/redigera/",
        {"area": activity.area_id, "kind": "activity", "title": "Kapad", "status": "done"},
    )
    assert response.status_code == 403
    assert client.post(f"/planer/aktiviteter/{activity.pk}/ta-bort/").status_code == 403
    assert (
        client.post(f"/planer/{objects['draft']}/publicera/", {"published": "1"}).status_code == 403
    )
    activity.refresh_from_db()
    assert activity.title == "Utbildning FREDA" and not activity.plan.published


def test_public_cannot_see_an_unpublished_plan(users, objects, client_for):
    client = client_for(None)
    assert client.get(f"/planer/{objects['draft']}/").status_code == 404
    assert client.get(f"/planer/{objects['draft']}/export.docx").status_code == 404
    assert "2023" not in client.get("/planer/").content.decode()


def test_organisation_chooser_needs_log_in_and_leads_to_the_checked_form(users, client_for):
    url = "/planer/introduktionsutbildning/?organisation=0880"
    assert client_for(None).get(url).url.startswith("/konto/logga-in/")
    for role in ("participant", "contact", "editor_06", "editor_08", "national"):
        response = client_for(users[role]).get(url, follow=True)
        expected = 200 if role in ("contact", "editor_08") else 403
        assert response.status_code == expected, role
