"""NUL characters in query strings and JSON bodies are refused with 400 instead of reaching the
database (PostgreSQL fails queries with them: a 500)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/sok/?q=a%00b",
        "/api/v1/knowledge?q=%00",
        "/api/v1/events?type=x%00",
        "/organisationer/?q=%00",
    ],
)
def test_a_nul_character_in_the_query_string_is_refused(client, path):
    response = client.get(path)
    assert response.status_code == 400


def test_a_nul_character_in_a_json_body_is_refused(client):
    response = client.post(
        "/api/v1/newsletter/subscribe",
        '{"email": "a\\u0000@example.se", "county": "08"}',
        content_type="application/json",
    )
    assert response.status_code == 400


def test_ordinary_queries_still_work(client):
    assert client.get("/sok/?q=v%C3%A5ld").status_code == 200
    assert client.get("/api/v1/knowledge?q=v%C3%A5ld").status_code == 200


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("from=2027-01-01T00:00:00%2B16:27", 200),  # beyond PostgreSQL's ±15:59: made UTC
        ("from=0001-01-01T00:00:00%2B01:00", 422),  # would overflow when made UTC
        ("to=5729-06-17T20:11:01Z", 422),  # outside the years the API accepts
    ],
)
def test_event_date_filters_take_any_offset_and_refuse_odd_years(client, query, status):
    assert client.get(f"/api/v1/events?{query}").status_code == status
