"""GET /api/v1/coverage: per organisation the completed items; token rules and county scope."""

import pytest

from samordna.accounts.services import api_token_create

from .factories import at, attend, event_held, make_goal, make_item, organisation

pytestmark = pytest.mark.django_db


def auth(user) -> dict:
    _token, plain = api_token_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


@pytest.fixture
def data(county_08, county_06):
    event = event_held(county_08, start=at(2023, 5, 10), title="Processledarutbildning")
    item = make_item(county_08, events=[event])
    make_goal(item)
    attend(event, organisation("0880"))
    make_item(county_06, "Barn som upplever våld")
    return event


def test_anonymous_gets_401(client, data):
    assert client.get("/api/v1/coverage?county=08").status_code == 401


def test_county_staff_read_their_county(client, data, editor_08):
    body = client.get("/api/v1/coverage?county=08&year=2023", **auth(editor_08)).json()
    assert body["count"] == 13
    kalmar = next(i for i in body["items"] if i["organisation_code"] == "0880")
    assert kalmar["completed"] == [
        {
            "item": "En kommun fri från våld",
            "kind": "training",
            "completed_year": 2023,
            "completed_on": "2023-05-10",
            "source": "attendance",
            "source_description": "Processledarutbildning",
            "source_url": f"/kalender/{data.pk}/",
        }
    ]
    earlier = client.get("/api/v1/coverage?county=08&year=2022", **auth(editor_08)).json()
    assert all(i["completed"] == [] for i in earlier["items"])


def test_without_county_staff_get_only_their_own(client, data, editor_06):
    body = client.get("/api/v1/coverage", **auth(editor_06)).json()
    assert {i["county_code"] for i in body["items"]} == {"06"}
    assert client.get("/api/v1/coverage?county=08", **auth(editor_06)).status_code == 403


def test_national_reads_every_county_paginated(client, data, national_user):
    body = client.get("/api/v1/coverage?page_size=50", **auth(national_user)).json()
    assert body["count"] == 290 + 21
    assert len(body["items"]) == 50


def test_participant_gets_own_organisation_only(client, data, participant_0880):
    body = client.get("/api/v1/coverage?county=08&year=2023", **auth(participant_0880)).json()
    assert [i["organisation_code"] for i in body["items"]] == ["0880"]
    assert client.get("/api/v1/coverage?county=06", **auth(participant_0880)).status_code == 403


def test_bad_input_is_422(client, data, editor_08):
    assert client.get("/api/v1/coverage?county=8", **auth(editor_08)).status_code == 422
    assert client.get("/api/v1/coverage?year=1800", **auth(editor_08)).status_code == 422
    assert client.get("/api/v1/coverage?county=99", **auth(editor_08)).status_code == 422
