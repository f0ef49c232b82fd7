"""Permission matrix for every networks URL × role × county, including a member of the group."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samordna.networks import services
from samordna.networks.models import Membership
from samordna.organisations.models import Organisation, Person
from tests.campaigns.factories import PDF_BYTES
from tests.conftest import make_user

from .factories import MeetingFactory, NetworkFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "contact", "editor_08", "editor_06", "national", "member"]


@pytest.fixture
def member(db):
    organisation = Organisation.objects.get(code="0680")
    user = make_user("medlem@jonkoping.example", "participant", organisation=organisation)
    Person.objects.create(
        name="Medlem", email="medlem@jonkoping.example", organisation=organisation, user=user
    )
    return user


@pytest.fixture
def users(participant_0880, org_contact_0880, editor_08, editor_06, national_user, member):
    return {
        "anonymous": None,
        "participant": participant_0880,
        "contact": org_contact_0880,
        "editor_08": editor_08,
        "editor_06": editor_06,
        "national": national_user,
        "member": member,
    }


@pytest.fixture
def objects(county_08, member):
    network = NetworkFactory(county=county_08)
    inactive = NetworkFactory(county=county_08, is_active=False)
    meeting = MeetingFactory(network=network)
    membership = services.membership_add(
        actor=None, network=network, role=Membership.Role.SECRETARY, person=member.person
    )
    document = services.document_upload(
        actor=None,
        network=network,
        meeting=meeting,
        title="Protokoll",
        uploaded=SimpleUploadedFile("protokoll.pdf", PDF_BYTES),
    )
    return {
        "n": network.pk,
        "inactive": inactive.pk,
        "m": meeting.pk,
        "ms": membership.pk,
        "d": document.pk,
    }


GET_MATRIX = {
    "/natverk/": [200, 200, 200, 200, 200, 200, 200],
    "/natverk/ny/": [302, 403, 403, 200, 200, 403, 403],
    "/natverk/{n}/": [200, 200, 200, 200, 200, 200, 200],
    "/natverk/{inactive}/": [404, 404, 404, 200, 404, 200, 404],
    "/natverk/{n}/redigera/": [302, 403, 403, 200, 403, 403, 403],
    "/natverk/{n}/medlemsrum/": [302, 403, 403, 200, 403, 200, 200],
    "/natverk/{inactive}/medlemsrum/": [302, 404, 404, 200, 404, 200, 404],
    "/natverk/{n}/medlemmar/ny/": [302, 403, 403, 200, 403, 403, 403],
    "/natverk/{n}/moten/ny/": [302, 403, 403, 200, 403, 403, 403],
    "/natverk/{n}/moten/{m}/": [302, 403, 403, 200, 403, 200, 200],
    "/natverk/{n}/moten/{m}/redigera/": [302, 403, 403, 200, 403, 403, 403],
    "/natverk/{n}/dokument/ny/": [302, 403, 403, 200, 403, 403, 403],
    "/natverk/{n}/dokument/{d}/ladda-ned/": [302, 403, 403, 200, 403, 200, 200],
}

POST_MATRIX = {
    "/natverk/{n}/medlemmar/{ms}/ta-bort/": [302, 403, 403, 302, 403, 403, 403],
    "/natverk/{n}/dokument/{d}/ta-bort/": [302, 403, 403, 302, 403, 403, 403],
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
    response = client_for(users[role]).post(url.format(**objects))
    assert response.status_code == expected
    if role == "anonymous":
        assert "/konto/logga-in/" in response["Location"]
