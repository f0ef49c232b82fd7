from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_health_reports_ok(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_reports_503_naming_the_database_when_it_fails(client):
    with mock.patch(
        "samordna.api.routers.core.connection.cursor", side_effect=OperationalError("down")
    ):
        response = client.get("/api/v1/health")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_counties_lists_all_21(client):
    counties = client.get("/api/v1/counties").json()
    assert len(counties) == 21
    assert counties[0] == {
        "code": "01",
        "name": "Stockholms län",
        "board_name": "Länsstyrelsen i Stockholms län",
    }


def test_kalmar_has_twelve_municipalities(client):
    body = client.get("/api/v1/organisations", {"kind": "municipality", "county": "08"}).json()
    assert body["count"] == 12
    assert {item["county_code"] for item in body["items"]} == {"08"}
    assert {item["kind"] for item in body["items"]} == {"municipality"}
    assert "Kalmar kommun" in {item["name"] for item in body["items"]}
    assert set(body["items"][0]) >= {"code", "name", "kind", "county_code"}


def test_organisations_free_text_and_pages(client):
    body = client.get("/api/v1/organisations", {"q": "kommun", "page": 2}).json()
    assert body["count"] == 290
    assert len(body["items"]) == 50
    national = client.get("/api/v1/organisations", {"q": "JAMY"}).json()
    assert national["items"][0]["county_code"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "banana"}, "kind"),
        ({"county": "abc"}, "county"),
        ({"county": "99"}, "county"),
        ({"page": "0"}, "page"),
        ({"page": "x"}, "page"),
        ({"q": "x" * 101}, "q"),
    ],
)
def test_bad_query_parameters_give_422_with_the_field(client, params, field):
    response = client.get("/api/v1/organisations", params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    fields = {error["field"] for error in body.get("errors", [])} | {body.get("field")}
    assert field in fields


def test_openapi_schema_is_published(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/organisations" in schema["paths"]
    assert "/api/v1/health" in schema["paths"]
