import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samordna.core.models import AuditEntry
from samordna.networks.models import Meeting, Membership, Network, NetworkDocument
from samordna.organisations.models import Organisation
from tests.campaigns.factories import PDF_BYTES

from .factories import MeetingFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def test_list_filters_by_county_and_kind(client_for, county_06, county_08):
    NetworkFactory(name="Regional styrgrupp", kind="steering_group", county=county_06)
    NetworkFactory(name="Nätverk Bostad", kind="network", county=county_06)
    NetworkFactory(name="Kalmar nätverket", kind="network", county=county_08)
    NetworkFactory(name="Vilande grupp", county=county_06, is_active=False)

    page = client_for(None).get("/natverk/?county=06&kind=network").content.decode()
    assert "Nätverk Bostad" in page
    assert "Regional styrgrupp" not in page
    assert "Kalmar nätverket" not in page
    assert "Vilande grupp" not in client_for(None).get("/natverk/").content.decode()


def test_inactive_group_is_404_for_public_but_visible_to_staff(client_for, editor_06, county_06):
    network = NetworkFactory(county=county_06, is_active=False)
    assert client_for(None).get(network.get_absolute_url()).status_code == 404
    assert client_for(editor_06).get(network.get_absolute_url()).status_code == 200


def test_editor_creates_a_group_with_sub_goals(client_for, editor_06, county_06):
    response = client_for(editor_06).post(
        "/natverk/ny/",
        {
            "name": "Fokusgrupp Prostitution och Människohandel",
            "kind": "focus_group",
            "county": county_06.pk,
            "purpose": "Stärka arbetet mot prostitution och människohandel.",
            "sub_goals": ["1", "4"],
            "is_active": "on",
        },
    )
    network = Network.objects.get()
    assert response.status_code == 302
    assert network.sub_goals == [1, 4]
    assert AuditEntry.objects.filter(action="networks.network.created").count() == 1


def test_sub_goal_outside_1_to_5_and_duplicate_names_are_refused(client_for, editor_06, county_06):
    NetworkFactory(name="Nätverk Bostad", county=county_06)
    client = client_for(editor_06)
    data = {
        "name": "Ny grupp",
        "kind": "network",
        "county": county_06.pk,
        "purpose": "Syfte",
        "sub_goals": ["6"],
    }
    assert client.post("/natverk/ny/", data).status_code == 200
    data.update(sub_goals=["2"], name="nätverk bostad")
    response = client.post("/natverk/ny/", data)
    assert response.status_code == 200
    assert "Länet har redan en grupp som heter" in response.content.decode()
    assert Network.objects.count() == 1


def test_editor_adds_people_and_organisations_with_roles(client_for, editor_08, county_08):
    network = NetworkFactory(county=county_08)
    client = client_for(editor_08)
    organisation = Organisation.objects.get(code="0880")
    url = f"/natverk/{network.pk}/medlemmar/ny/"

    assert client.post(url, {"organisation": organisation.pk, "role": "chair"}).status_code == 302
    response = client.post(url, {"organisation": organisation.pk, "role": "member"})
    assert response.status_code == 200
    assert "redan medlem" in response.content.decode()
    assert client.post(url, {"role": "member"}).status_code == 200

    membership = Membership.objects.get()
    assert membership.role == Membership.Role.CHAIR
    area = client.get(f"/natverk/{network.pk}/medlemsrum/").content.decode()
    assert "Ordförande" in area

    response = client.post(f"/natverk/{network.pk}/medlemmar/{membership.pk}/ta-bort/")
    assert response.status_code == 302
    assert not Membership.objects.exists()


def test_editor_plans_a_meeting_and_uploads_minutes(client_for, editor_08, county_08, settings):
    network = NetworkFactory(county=county_08)
    client = client_for(editor_08)
    response = client.post(
        f"/natverk/{network.pk}/moten/ny/",
        {
            "starts_at": "2026-12-03T09:00",
            "ends_at": "2026-12-03T11:00",
            "place": "Digitalt",
            "agenda": "1. Öppnande",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert meeting.starts_at.hour == 8  # 09:00 in Stockholm is 08:00 UTC in December
    assert meeting.starts_at.date() == datetime.date(2026, 12, 3)

    response = client.post(
        f"/natverk/{network.pk}/dokument/ny/",
        {
            "title": "Protokoll",
            "kind": "minutes",
            "meeting": meeting.pk,
            "file": SimpleUploadedFile("protokoll.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    document = NetworkDocument.objects.get()
    assert document.meeting == meeting
    assert (Path(settings.MEDIA_ROOT) / document.file.name).is_file()
    assert "Protokoll" in client.get(meeting.get_absolute_url()).content.decode()


def test_meeting_ending_before_it_starts_is_refused(client_for, editor_08, county_08):
    network = NetworkFactory(county=county_08)
    response = client_for(editor_08).post(
        f"/natverk/{network.pk}/moten/ny/",
        {"starts_at": "2026-12-03T09:00", "ends_at": "2026-12-03T08:00"},
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_a_document_claiming_to_be_pdf_that_is_not_is_refused(
    client_for, editor_08, county_08, settings
):
    network = NetworkFactory(county=county_08)
    response = client_for(editor_08).post(
        f"/natverk/{network.pk}/dokument/ny/",
        {"title": "Falsk", "kind": "other", "file": SimpleUploadedFile("falsk.pdf", b"<html>")},
    )
    assert response.status_code == 200
    assert (
        "Filen falsk.pdf har filnamn som en PDF-fil men innehållet är inte PDF"
        in response.content.decode()
    )
    assert not NetworkDocument.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_document_of_an_unknown_type_is_refused(client_for, editor_08, county_08):
    network = NetworkFactory(county=county_08)
    response = client_for(editor_08).post(
        f"/natverk/{network.pk}/dokument/ny/",
        {"kind": "other", "file": SimpleUploadedFile("makro.docm", b"PK\x03\x04")},
    )
    assert response.status_code == 200
    assert "Bara filer av typen PDF, PNG, JPG och DOCX" in response.content.decode()


def test_document_delete_removes_the_file(
    client_for, editor_08, county_08, settings, django_capture_on_commit_callbacks
):
    network = NetworkFactory(county=county_08)
    meeting = MeetingFactory(network=network)
    client = client_for(editor_08)
    client.post(
        f"/natverk/{network.pk}/dokument/ny/",
        {"kind": "minutes", "meeting": meeting.pk, "file": SimpleUploadedFile("p.pdf", PDF_BYTES)},
    )
    document = NetworkDocument.objects.get()
    assert document.title == "p.pdf"
    stored = Path(settings.MEDIA_ROOT) / document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/natverk/{network.pk}/dokument/{document.pk}/ta-bort/")
    assert response.status_code == 302
    assert not stored.exists()


def _event(county, title="Nätverksträff"):
    from django.utils import timezone

    from samordna.events.models import Event

    start = timezone.now() + datetime.timedelta(days=10)
    return Event.objects.create(
        title=title,
        type=Event.Type.NETWORK_MEETING,
        format=Event.Format.DIGITAL,
        start=start,
        end=start + datetime.timedelta(hours=2),
        county=county,
    )


def test_a_meeting_can_point_to_an_event_of_its_own_county(client_for, editor_08, county_08):
    from samordna.core.errors import ValidationFailed
    from samordna.networks import services

    network = NetworkFactory(county=county_08)
    own = _event(county_08)
    client = client_for(editor_08)
    response = client.post(
        f"/natverk/{network.pk}/moten/ny/", {"starts_at": "2026-12-03T09:00", "event": own.pk}
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert meeting.event == own
    assert own.get_absolute_url() in client.get(meeting.get_absolute_url()).content.decode()

    other = _event(Organisation.objects.get(code="0680").county, title="Annat län")
    with pytest.raises(ValidationFailed):
        services.meeting_update(actor=editor_08, meeting=meeting, event=other)
    response = client.post(
        f"/natverk/{network.pk}/moten/ny/", {"starts_at": "2026-12-03T09:00", "event": other.pk}
    )
    assert response.status_code == 200
    assert Meeting.objects.count() == 1
