"""Permission matrix for every campaign URL × role × county."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samordna.campaigns import services
from samordna.campaigns.models import CampaignSpread

from .factories import PDF_BYTES, CampaignFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "contact", "editor_08", "editor_06", "national"]


@pytest.fixture
def users(participant_0880, org_contact_0880, editor_08, editor_06, national_user):
    return {
        "anonymous": None,
        "participant": participant_0880,
        "contact": org_contact_0880,
        "editor_08": editor_08,
        "editor_06": editor_06,
        "national": national_user,
    }


@pytest.fixture
def objects(county_08, kalmar_municipality):
    national = CampaignFactory(title="Nationell")
    published = CampaignFactory(title="Kalmar", county=county_08)
    draft = CampaignFactory(title="Utkast", county=county_08, published=False)
    file_published = services.material_add_file(
        actor=None,
        campaign=published,
        title="Affisch",
        uploaded=SimpleUploadedFile("affisch.pdf", PDF_BYTES),
    )
    file_draft = services.material_add_file(
        actor=None,
        campaign=draft,
        title="Utkast",
        uploaded=SimpleUploadedFile("utkast.pdf", PDF_BYTES),
    )
    spread = CampaignSpread.objects.create(campaign=national, organisation=kalmar_municipality)
    return {
        "nat": national.pk,
        "pub": published.pk,
        "draft": draft.pk,
        "file": file_published.pk,
        "draftfile": file_draft.pk,
        "spread": spread.pk,
        "org": kalmar_municipality.pk,
    }


GET_MATRIX = {
    "/kampanjer/": [200, 200, 200, 200, 200, 200],
    "/kampanjer/arkiv/": [200, 200, 200, 200, 200, 200],
    "/kampanjer/ny/": [302, 403, 403, 200, 200, 200],
    "/kampanjer/{nat}/": [200, 200, 200, 200, 200, 200],
    "/kampanjer/{pub}/": [200, 200, 200, 200, 200, 200],
    "/kampanjer/{draft}/": [404, 404, 404, 200, 404, 200],
    "/kampanjer/{pub}/redigera/": [302, 403, 403, 200, 403, 403],
    "/kampanjer/{nat}/redigera/": [302, 403, 403, 403, 403, 200],
    "/kampanjer/{draft}/redigera/": [302, 403, 403, 200, 404, 403],
    "/kampanjer/{pub}/material/ny/": [302, 403, 403, 200, 403, 403],
    "/kampanjer/{nat}/material/ny/": [302, 403, 403, 403, 403, 200],
    "/kampanjer/material/{file}/ladda-ned/": [200, 200, 200, 200, 200, 200],
    "/kampanjer/material/{draftfile}/ladda-ned/": [404, 404, 404, 200, 404, 200],
}

POST_MATRIX = {
    "/kampanjer/{pub}/sprider/": [302, 403, 302, 302, 422, 403],
    "/kampanjer/{nat}/sprider/{spread}/ta-bort/": [302, 403, 302, 302, 403, 403],
    "/kampanjer/material/{file}/ta-bort/": [302, 403, 403, 302, 403, 403],
    "/kampanjer/material/{draftfile}/ta-bort/": [302, 403, 403, 302, 404, 403],
}


def _cases(matrix):
    return [
        (url, role, expected)
        for url, statuses in matrix.items()
        for role, expected in zip(ROLES, statuses, strict=True)
    ]


@pytest.mark.parametrize(("url", "role", "expected"), _cases(GET_MATRIX))
def test_get(client_for, users, objects, url, role, expected):
    response = client_for(users[role]).get(url.format(**objects))
    assert response.status_code == expected
    if expected == 302:
        assert "/konto/logga-in/" in response["Location"]


@pytest.mark.parametrize(("url", "role", "expected"), _cases(POST_MATRIX))
def test_post(client_for, users, objects, url, role, expected):
    response = client_for(users[role]).post(url.format(**objects), {"organisation": objects["org"]})
    assert response.status_code == expected
    if role == "anonymous":
        assert "/konto/logga-in/" in response["Location"]
