"""Permission matrix for the calendar: every URL × (anonymous, participant, editor of the owning
county, editor of another county, national)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samordna.accounts.models import Role
from samordna.events.models import Event, Registration
from tests.conftest import make_user

from .factories import make_event, register

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "editor_08", "editor_06", "national"]


@pytest.fixture
def users(participant_0880, editor_08, editor_06, national_user):
    return {
        "anonymous": None,
        "participant": participant_0880,
        "editor_08": editor_08,
        "editor_06": editor_06,
        "national": national_user,
    }


@pytest.fixture
def objects(county_08):
    event = make_event(county_08, capacity=1)
    confirmed, waitlisted = register(event, 2)
    Registration.objects.filter(pk=confirmed.pk).update(attended=True)
    past_start = timezone.now() - timedelta(days=5)
    past = make_event(county_08, start=past_start, registration_deadline=None)
    (past_reg,) = (
        Registration.objects.create(
            event=past, name="P", email="p@x.se", status=Registration.Status.CONFIRMED
        ),
    )
    hidden = make_event(county_08, published=False, title="Utkast")
    return {
        "event": event.pk,
        "hidden": hidden.pk,
        "past": past.pk,
        "reg": confirmed.pk,
        "wait": waitlisted.pk,
        "token": confirmed.cancel_token,
        "wait_token": waitlisted.cancel_token,
        "past_token": past_reg.cancel_token,
    }


PUBLIC_URLS = [
    "/kalender/",
    "/kalender/manad/",
    "/kalender/arkiv/",
    "/kalender/{event}/",
    "/kalender/{event}/kalender.ics",
    "/kalender/anmalan/{token}/",
    "/kalender/avanmalan/{token}/",
    "/kalender/intyg/{token}/",
    "/kalender/utvardering/{past_token}/",
]

MATRIX = {
    "/kalender/prenumerera.ics": [302, 302, 302, 302, 302],
    "/kalender/{hidden}/": [404, 404, 200, 404, 200],
    "/kalender/{hidden}/kalender.ics": [404, 404, 200, 404, 200],
    "/kalender/anmalan/not-a-token/": [404, 404, 404, 404, 404],
    "/kalender/intyg/{wait_token}/": [404, 404, 404, 404, 404],
    "/kalender/utvardering/{token}/": [404, 404, 404, 404, 404],
    "/kalender/hantera/": [302, 403, 200, 200, 200],
    "/kalender/ny/": [302, 403, 200, 200, 403],
    "/kalender/{event}/redigera/": [302, 403, 200, 403, 403],
    "/kalender/{event}/pass/": [302, 403, 200, 403, 403],
    "/kalender/{event}/fragor/": [302, 403, 200, 403, 403],
    "/kalender/{event}/anmalningar/": [302, 403, 200, 403, 200],
    "/kalender/{event}/anmalningar/utskrift/": [302, 403, 200, 403, 200],
    "/kalender/{event}/anmalningar/export.csv": [302, 403, 200, 403, 200],
    "/kalender/{event}/anmalningar/export.xlsx": [302, 403, 200, 403, 200],
    "/kalender/{event}/meddelande/": [302, 403, 200, 403, 403],
    "/kalender/{event}/utvardering/": [302, 403, 200, 403, 200],
    "/kalender/{event}/anmalningar/{wait}/flytta/": [302, 403, 200, 403, 403],
    "/kalender/{event}/anmalningar/{reg}/intyg/": [302, 403, 200, 403, 200],
}

POST_MATRIX = {
    "/kalender/{event}/narvaro/": [302, 403, 302, 403, 403],
    "/kalender/{event}/anmalningar/{wait}/godkann/": [302, 403, 302, 403, 403],
    "/kalender/{event}/anmalningar/{wait}/avboka/": [302, 403, 302, 403, 403],
}


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_are_open_to_everyone(url, users, objects, client_for):
    for role in ROLES:
        response = client_for(users[role]).get(url.format(**objects))
        assert response.status_code == 200, (url, role, response.status_code)


@pytest.mark.parametrize("url_template", list(MATRIX))
def test_pages_matrix(url_template, users, objects, client_for):
    url = url_template.format(**objects)
    for role, expected in zip(ROLES, MATRIX[url_template], strict=True):
        response = client_for(users[role]).get(url)
        assert response.status_code == expected, (url, role, response.status_code)
        if expected == 302 and role == "anonymous" and "prenumerera" not in url:
            assert response.url.startswith("/konto/logga-in/")


@pytest.mark.parametrize("url_template", list(POST_MATRIX))
def test_actions_matrix(url_template, users, objects, client_for):
    url = url_template.format(**objects)
    for role, expected in zip(ROLES, POST_MATRIX[url_template], strict=True):
        response = client_for(users[role]).post(url)
        assert response.status_code == expected, (url, role, response.status_code)
        if role == "anonymous":
            assert response.url.startswith("/konto/logga-in/")


def test_another_county_cannot_cancel_or_change(users, objects, client_for):
    client = client_for(users["editor_06"])
    client.post(f"/kalender/{objects['event']}/anmalningar/{objects['reg']}/avboka/")
    client.post(f"/kalender/{objects['event']}/redigera/", {"title": "Kapad"})
    assert Registration.objects.get(pk=objects["reg"]).status == "confirmed"
    assert Event.objects.get(pk=objects["event"]).title != "Kapad"


def test_co_organising_county_sees_reports_but_does_not_edit(county_08, county_06, client_for):
    co_editor = make_user("co.editor06@lst.example", Role.COUNTY_EDITOR, county=county_06)
    event = make_event(county_08, published=False, co_organising_counties=[county_06])
    client = client_for(co_editor)
    assert client.get(f"/kalender/{event.pk}/").status_code == 200
    assert client.get(f"/kalender/{event.pk}/anmalningar/").status_code == 200
    assert client.get(f"/kalender/{event.pk}/anmalningar/export.csv").status_code == 200
    assert client.get(f"/kalender/{event.pk}/redigera/").status_code == 403
    listed = client.get("/kalender/hantera/").content.decode()
    assert event.title in listed


def test_invited_only_event_is_not_listed_publicly(county_08, client_for, participant_0880):
    from samordna.organisations.models import Organisation

    event = make_event(county_08, title="Slutet seminarium", visibility=Event.Visibility.INVITED)
    event.invited_organisations.set([Organisation.objects.get(code="0880")])
    assert "Slutet seminarium" not in client_for(None).get("/kalender/").content.decode()
    assert "Slutet seminarium" in client_for(participant_0880).get("/kalender/").content.decode()
