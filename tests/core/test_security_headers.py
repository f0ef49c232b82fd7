"""Referrer-Policy, X-Content-Type-Options and the CSP on every response, error pages included,
in every settings mode."""

import importlib

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

pytestmark = pytest.mark.django_db


def _raise_error(request):
    raise RuntimeError("boom")


def _raise_denied(request):
    raise PermissionDenied


def _plain(request):
    return HttpResponse("ok")


# A URLconf for these tests: the project's, plus views that fail.
urlpatterns = [
    path("test-500/", _raise_error),
    path("test-403/", _raise_denied),
    path("test-ok/", _plain),
    *project_urlpatterns,
]
handler403 = "samordna.core.views.permission_denied"
handler404 = "samordna.core.views.page_not_found"
handler500 = "samordna.core.views.server_error"


def assert_security_headers(response):
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "url", ["/", "/konto/logga-in/", "/api/v1/health", "/static/css/samordna.css"]
)
def test_ordinary_responses(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_security_headers(response)


def test_404_page(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert_security_headers(response)


def test_403_page(client_for, editor_08):
    response = client_for(editor_08).get("/granskningslogg/")
    assert response.status_code == 403
    assert_security_headers(response)


def test_csrf_failure(editor_08):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/logga-in/", {"email": "x@example.se", "password": "y"})
    assert response.status_code == 403
    assert_security_headers(response)


@pytest.mark.urls(__name__)
def test_500_and_raised_403_pages():
    client = Client(raise_request_exception=False)
    error = client.get("/test-500/")
    assert error.status_code == 500
    assert_security_headers(error)
    denied = client.get("/test-403/")
    assert denied.status_code == 403
    assert_security_headers(denied)


@pytest.mark.urls(__name__)
def test_debug_mode_error_pages_have_the_headers(settings):
    settings.DEBUG = True
    client = Client(raise_request_exception=False)
    assert_security_headers(client.get("/does-not-exist/"))
    assert_security_headers(client.get("/test-500/"))
    assert_security_headers(client.get("/test-ok/"))


@pytest.mark.parametrize("mode", ["dev", "test", "prod"])
def test_every_settings_mode_installs_the_header_middleware(mode, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    module = importlib.import_module(f"config.settings.{mode}")
    # Outermost (after Django's own), so that every response, error pages included, gets them.
    assert module.MIDDLEWARE[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "samordna.core.middleware.SecurityHeadersMiddleware",
    ]
    assert "samordna.core.middleware.RefusedAccessLogMiddleware" in module.MIDDLEWARE
    assert module.SECURE_REFERRER_POLICY == "same-origin"
    assert module.SECURE_CONTENT_TYPE_NOSNIFF is True
    assert "samordna.accounts.middleware.TwoFactorRequiredMiddleware" in module.MIDDLEWARE
    # The idle timeout is renewed by the session middleware (at most once a minute).
    assert "samordna.accounts.sessions.SessionMiddleware" in module.MIDDLEWARE
    assert module.SESSION_ENGINE == "samordna.accounts.sessions"
