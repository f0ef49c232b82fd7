"""Permission matrix for the foundation's views: every URL × role × county.

Later modules add their own matrices in tests/<app>/test_permissions.py."""

import pytest

from samordna.organisations.models import Organisation, Person

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
def objects(county_08, kalmar_municipality):
    organisation = Organisation.objects.create(
        code="08-jour", name="Jouren", kind="civil_society", county=county_08
    )
    person = Person.objects.create(name="P", email="p@kalmar.se", organisation=kalmar_municipality)
    return {"org": organisation.code, "person": person.pk}


PUBLIC_URLS = [
    "/",
    "/lan/",
    "/lan/08/",
    "/kommuner/0880/",
    "/organisationer/",
    "/organisationer/0880/",
    "/organisationer/JAMY/",
    "/tillganglighet/",
    "/tillganglighet/rapportera/",
    "/konto/logga-in/",
    "/konto/losenord/",
]

# url template → expected status per role, in ROLES order
MATRIX = {
    "/konto/": [302, 200, 200, 200, 200, 200, 200],
    "/personer/": [302, 403, 403, 200, 200, 200, 200],
    "/personer/ny/": [302, 403, 403, 200, 200, 200, 403],
    "/organisationer/ny/": [302, 403, 403, 200, 200, 200, 403],
    "/organisationer/{org}/redigera/": [302, 403, 403, 200, 200, 403, 403],
    "/organisationer/0880/redigera/": [302, 403, 403, 200, 200, 403, 403],
    "/organisationer/JAMY/redigera/": [302, 403, 403, 403, 403, 403, 403],
    "/personer/{person}/": [302, 403, 403, 200, 200, 404, 403],
    "/personer/{person}/ta-bort/": [302, 403, 403, 200, 200, 404, 403],
}


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_are_open_to_everyone(url, users, client_for):
    for role in ROLES:
        assert client_for(users[role]).get(url).status_code == 200, (url, role)


@pytest.mark.parametrize("url_template", list(MATRIX))
def test_staff_pages_matrix(url_template, users, objects, client_for):
    url = url_template.format(**objects)
    for role, expected in zip(ROLES, MATRIX[url_template], strict=True):
        response = client_for(users[role]).get(url)
        assert response.status_code == expected, (url, role, response.status_code)
        if expected == 302:
            assert response.url.startswith("/konto/logga-in/")


def test_editor_of_another_county_cannot_change_by_post(users, objects, client_for):
    response = client_for(users["editor_06"]).post(
        f"/organisationer/{objects['org']}/redigera/", {"name": "Kapad", "kind": "other"}
    )
    assert response.status_code == 403
    assert Organisation.objects.get(code=objects["org"]).name == "Jouren"
    response = client_for(users["editor_06"]).post(f"/personer/{objects['person']}/ta-bort/")
    assert response.status_code == 404
    assert Person.objects.filter(pk=objects["person"]).exists()


def test_national_role_reads_people_in_every_county_but_edits_none(users, objects, client_for):
    client = client_for(users["national"])
    assert client.get("/personer/").context["page"].paginator.count == 1
    assert client.post(f"/personer/{objects['person']}/ta-bort/").status_code == 403
    assert Person.objects.filter(pk=objects["person"]).exists()
