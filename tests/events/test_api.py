from datetime import timedelta

import pytest
from django.utils import timezone

from samordna.accounts.services import api_token_create
from samordna.events.models import Event, Registration

from .factories import make_event, register

pytestmark = pytest.mark.django_db


def _auth(user):
    _token, plain = api_token_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def test_list_events_with_seats_left_and_filters(client, county_08, county_06):
    event = make_event(county_08, title="FREDA", capacity=5)
    register(event, 2)
    make_event(county_06, title="Webbinarium", type=Event.Type.WEBINAR, capacity=None)
    make_event(county_08, title="Utkast", published=False)
    body = client.get("/api/v1/events").json()
    assert body["count"] == 2
    item = next(i for i in body["items"] if i["title"] == "FREDA")
    assert {
        "id",
        "title",
        "type",
        "format",
        "start",
        "end",
        "capacity",
        "seats_left",
        "registration_deadline",
    } <= set(item)
    assert item["seats_left"] == 3 and item["capacity"] == 5
    assert [i["title"] for i in client.get("/api/v1/events?county=06").json()["items"]] == [
        "Webbinarium"
    ]
    assert [i["title"] for i in client.get("/api/v1/events?type=webinar").json()["items"]] == [
        "Webbinarium"
    ]
    assert client.get("/api/v1/events?type=webbinarium").json()["count"] == 1
    later = (timezone.now() + timedelta(days=100)).date().isoformat()
    assert client.get(f"/api/v1/events?from={later}").json()["count"] == 0
    assert client.get("/api/v1/events?county=99").status_code == 422
    assert client.get("/api/v1/events?type=party").status_code == 422
    assert client.get("/api/v1/events?page=0").status_code == 422


def test_event_detail_hides_unpublished_from_the_public(client, county_08, editor_08):
    event = make_event(county_08, published=False)
    assert client.get(f"/api/v1/events/{event.pk}").status_code == 404
    response = client.get(f"/api/v1/events/{event.pk}", **_auth(editor_08))
    assert response.status_code == 200
    assert response.json()["sessions"][0]["start"]


def test_create_event_needs_staff_token_of_the_county(client, county_08, editor_08, editor_06):
    start = timezone.now() + timedelta(days=20)
    payload = {
        "title": "FREDA-utbildning",
        "type": "utbildning",
        "format": "fysisk",
        "start": start.isoformat(),
        "end": (start + timedelta(hours=3)).isoformat(),
        "capacity": 20,
        "registration_deadline": (start - timedelta(days=5)).isoformat(),
        "published": True,
        "county": "08",
    }
    assert (
        client.post("/api/v1/events", payload, content_type="application/json").status_code == 401
    )
    forbidden = client.post(
        "/api/v1/events", payload, content_type="application/json", **_auth(editor_06)
    )
    assert forbidden.status_code == 403
    response = client.post(
        "/api/v1/events", payload, content_type="application/json", **_auth(editor_08)
    )
    assert response.status_code == 201
    body = response.json()
    assert body["type"] == "training" and body["format"] == "in_person"
    assert body["seats_left"] == 20
    bad = client.post(
        "/api/v1/events",
        {**payload, "end": (start - timedelta(hours=1)).isoformat()},
        content_type="application/json",
        **_auth(editor_08),
    )
    assert bad.status_code == 422 and bad.json()["field"] == "end"


def test_register_via_api_then_conflict_and_cancel(client, county_08):
    event = make_event(county_08, capacity=1)
    url = f"/api/v1/events/{event.pk}/registrations"
    first = client.post(
        url,
        {"name": "Anna", "email": "anna@kalmar.se", "organisation": "0880", "answers": {}},
        content_type="application/json",
    )
    assert first.status_code == 201
    assert first.json()["status"] == "confirmed"
    registration = Registration.objects.get(pk=first.json()["id"])
    assert registration.organisation.code == "0880"
    assert registration.municipality.code == "0880"
    assert first.json()["cancel_url"] == (
        f"http://testserver/kalender/avanmalan/{registration.cancel_token}/"
    )
    second = client.post(
        url, {"name": "Bo", "email": "bo@kalmar.se"}, content_type="application/json"
    )
    assert second.json()["status"] == "waitlisted"
    duplicate = client.post(
        url, {"name": "Anna", "email": "ANNA@kalmar.se"}, content_type="application/json"
    )
    assert duplicate.status_code == 409
    assert duplicate.json()["field"] == "email"
    invalid = client.post(url, {"name": "C", "email": "nope"}, content_type="application/json")
    assert invalid.status_code == 422 and invalid.json()["field"] == "email"
    missing = client.post(url, {"email": "c@x.se"}, content_type="application/json")
    assert missing.status_code == 422
    cancel = client.post(
        first.json()["cancel_url"].removeprefix("http://testserver"),
        HTTP_ACCEPT="application/json",
    )
    assert cancel.status_code == 200 and cancel.json()["status"] == "cancelled"
    assert Registration.objects.get(email="bo@kalmar.se").status == "confirmed"


def test_register_after_deadline_is_gone(client, county_08):
    event = make_event(county_08)
    Event.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - timedelta(hours=1)
    )
    response = client.post(
        f"/api/v1/events/{event.pk}/registrations",
        {"name": "Sen", "email": "sen@x.se"},
        content_type="application/json",
    )
    assert response.status_code == 410
    closed = make_event(county_08, registration_closed=True)
    response = client.post(
        f"/api/v1/events/{closed.pk}/registrations",
        {"name": "Sen", "email": "sen@x.se"},
        content_type="application/json",
    )
    assert response.status_code == 410


def test_feed_and_event_ics(client, county_08):
    event = make_event(county_08, title="Nätverksträff")
    assert "Nätverksträff".encode() in client.get("/api/v1/events.ics?county=08").content
    response = client.get(f"/api/v1/events/{event.pk}.ics")
    assert response.status_code == 200 and b"BEGIN:VEVENT" in response.content
    assert client.get("/api/v1/events.ics?county=xx").status_code == 422
