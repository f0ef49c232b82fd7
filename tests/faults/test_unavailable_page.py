"""While the database is unreachable every page answers 503 with Retry-After, rendered without
touching the database; an error page that cannot render falls back to the same plain page.
(test_postgres_restart.py shows it against a real PostgreSQL going down, on the PG pass.)"""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def _database_down(request):
    raise OperationalError('connection failed: connection to server at "127.0.0.1" refused')


def _broken(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("test-database-down/", _database_down),
    path("test-broken/", _broken),
    *project_urlpatterns,
]
handler500 = "samordna.core.views.server_error"


@pytest.mark.urls(__name__)
def test_database_errors_give_a_friendly_503_without_details(db):
    response = Client(raise_request_exception=False).get("/test-database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert '<html lang="sv">' in html and "<h1>" in html
    assert "refused" not in html and "Traceback" not in html
    assert "Content-Security-Policy" in response.headers


@pytest.mark.urls(__name__)
def test_an_error_page_that_cannot_render_falls_back_to_the_plain_page(db, monkeypatch):
    from samordna.core import views

    def failing_render(*args, **kwargs):
        raise OperationalError("the session table is gone as well")

    monkeypatch.setattr(views, "render", failing_render)
    response = Client(raise_request_exception=False).get("/test-broken/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "<h1>" in response.content.decode()
