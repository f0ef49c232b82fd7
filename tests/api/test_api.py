import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_ok(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_reports_503_naming_the_database_when_it_is_unreachable():
    # A real fault: the app process points at a PostgreSQL port where nothing listens.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{closed_port}/samordna"
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    script = (
        "from django.test import Client; r = Client().get('/api/v1/health'); "
        "print(r.status_code, r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {"status": "error", "database": "unavailable"}


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
    body = client.get(
        "/api/v1/organisations", {"q": "kommun", "kind": "municipality", "page": 2}
    ).json()
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


def test_openapi_documents_each_kind_parameter_with_its_own_values(client):
    """Model choices share class names (Kind, Status); each parameter must still list its own."""
    schema = client.get("/api/v1/openapi.json").json()

    def kind_values(path: str) -> set[str]:
        (parameter,) = [
            p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "kind"
        ]
        return {
            value for option in parameter["schema"]["anyOf"] for value in option.get("enum", [])
        }

    assert kind_values("/api/v1/organisations") == {
        "county_board",
        "municipality",
        "region",
        "state_agency",
        "civil_society",
        "other",
    }
    assert "steering_group" in kind_values("/api/v1/networks")
    assert "web_course" in kind_values("/api/v1/knowledge")
    assert kind_values("/api/v1/plans") == {"action", "competence"}
