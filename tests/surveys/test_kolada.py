"""Kolada: the client against recorded responses served by a local HTTP server, and the import
of the same JSON from a file."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from samordna.core.errors import ValidationFailed
from samordna.surveys import kolada, services
from samordna.surveys.models import KoladaValue

from .factories import build_survey

pytestmark = pytest.mark.django_db

RECORDED = Path(__file__).parent / "data" / "kolada_N00000_2023.json"


@pytest.fixture
def kolada_server():
    """Serves the recorded response in two pages, like Kolada's ``next_page``."""
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            requests.append(self.path)
            base = f"http://127.0.0.1:{self.server.server_port}/v2"
            if self.path == "/v2/data/kpi/N00000/year/2023":
                body = {"values": recorded["values"][:2], "next_page": f"{base}/page2"}
            elif self.path == "/v2/page2":
                body = {"values": recorded["values"][2:], "next_page": None}
            else:
                self.send_response(404)
                self.end_headers()
                return
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/v2", requests
    server.shutdown()
    server.server_close()


def test_client_follows_pages_and_import_stores_the_total_values(kolada_server):
    url, requests = kolada_server
    payload = kolada.kolada_fetch(kpi_id="N00000", years=[2023], url=url)
    assert payload["count"] == 3 and requests == ["/v2/data/kpi/N00000/year/2023", "/v2/page2"]
    assert kolada.kolada_import(payload=payload, title="Testnyckeltal") == 2  # 9999 is unknown
    values = dict(KoladaValue.objects.values_list("municipality__code", "value"))
    assert values == {"0880": 12.5, "0881": 40.0}
    # Importing again updates, never duplicates.
    kolada.kolada_import(payload=payload)
    assert KoladaValue.objects.count() == 2


def test_command_uses_the_configured_base_url(kolada_server, settings):
    url, requests = kolada_server
    settings.KOLADA_BASE_URL = url
    call_command("import_kolada", "--kpi", "N00000", "--year", "2023", stdout=io.StringIO())
    assert KoladaValue.objects.count() == 2 and requests


def test_command_imports_from_a_file_without_internet():
    call_command(
        "import_kolada",
        "--file",
        str(RECORDED),
        "--title",
        "Nyckeltal",
        stdout=io.StringIO(),
    )
    assert KoladaValue.objects.get(municipality__code="0880").value == 12.5


def test_a_file_that_is_not_kolada_data_is_refused(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"hej": 1}', encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_kolada", "--file", str(bad))
    with pytest.raises(ValidationFailed):
        kolada.kolada_import(payload=[1, 2])


def test_results_page_shows_kolada_beside_the_indicators(county_08, kalmar_municipality):
    kolada.kolada_import(payload=json.loads(RECORDED.read_text(encoding="utf-8")), title="Testtal")
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    services.survey_publish_results(actor=None, survey=survey, published=True)
    body = Client().get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "Testtal" in body and "12,5" in body
