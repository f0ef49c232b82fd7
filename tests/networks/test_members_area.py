"""The members-only area: outline for everyone, meetings/minutes/documents for members and staff."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samordna.networks import services
from samordna.networks.models import Membership, NetworkDocument
from samordna.organisations.models import Organisation, Person
from tests.campaigns.factories import PDF_BYTES
from tests.conftest import make_user

from .factories import MeetingFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(county_08):
    network = NetworkFactory(name="Resursteam Heder", county=county_08)
    meeting = MeetingFactory(network=network)
    document = services.document_upload(
        actor=None,
        network=network,
        meeting=meeting,
        kind=NetworkDocument.Kind.MINUTES,
        title="Minnesanteckningar",
        uploaded=SimpleUploadedFile("protokoll.pdf", PDF_BYTES),
    )
    network.meeting = meeting
    network.document = document
    return network


def _urls(network):
    return [
        f"/natverk/{network.pk}/medlemsrum/",
        f"/natverk/{network.pk}/moten/{network.meeting.pk}/",
        f"/natverk/{network.pk}/dokument/{network.document.pk}/ladda-ned/",
    ]


def test_public_page_shows_only_the_outline(client_for, network):
    page = client_for(None).get(network.get_absolute_url()).content.decode()
    assert "Resursteam Heder" in page
    assert "Stärka och utveckla arbetet i länet." in page
    assert "Kalmar län" in page
    assert "Hemlig punkt" not in page
    assert "Minnesanteckningar" not in page
    assert "/medlemsrum/" not in page


def test_anonymous_visitors_are_sent_to_log_in(client_for, network):
    for url in _urls(network):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert "/konto/logga-in/" in response["Location"]


def test_logged_in_non_members_are_refused(client_for, network, participant_0880, editor_06):
    for user in (participant_0880, editor_06):
        for url in _urls(network):
            assert client_for(user).get(url).status_code == 403, (user, url)


def test_a_member_through_their_linked_person_gets_in(client_for, network, county_06):
    jonkoping = Organisation.objects.get(code="0680")
    user = make_user("karin@jonkoping.example", "participant", organisation=jonkoping)
    outsider_person = Person.objects.create(
        name="Karin", email="karin@jonkoping.example", organisation=jonkoping, user=user
    )
    for url in _urls(network):
        assert client_for(user).get(url).status_code == 403
    services.membership_add(
        actor=None, network=network, role=Membership.Role.MEMBER, person=outsider_person
    )
    area = client_for(user).get(_urls(network)[0])
    assert area.status_code == 200
    assert "Minnesanteckningar" in area.content.decode()
    assert "Hemlig punkt" in client_for(user).get(_urls(network)[1]).content.decode()
    download = client_for(user).get(_urls(network)[2])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_member_through_their_organisation_gets_in(
    client_for, network, participant_0880, kalmar_municipality
):
    services.membership_add(
        actor=None, network=network, role=Membership.Role.MEMBER, organisation=kalmar_municipality
    )
    for url in _urls(network):
        assert client_for(participant_0880).get(url).status_code == 200, url
    page = client_for(participant_0880).get(network.get_absolute_url()).content.decode()
    assert "/medlemsrum/" in page


def test_county_staff_and_national_role_get_in(client_for, network, editor_08, national_user):
    for user in (editor_08, national_user):
        for url in _urls(network):
            assert client_for(user).get(url).status_code == 200, (user, url)


def test_a_document_of_another_network_is_404_even_for_members(
    client_for, network, editor_08, county_08
):
    other = NetworkFactory(name="Nätverk Bostad", county=county_08)
    url = f"/natverk/{other.pk}/dokument/{network.document.pk}/ladda-ned/"
    assert client_for(editor_08).get(url).status_code == 404
