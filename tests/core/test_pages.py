import pytest
from django.core import mail
from django.urls import reverse

from samordna.core.models import AccessibilityReport

pytestmark = pytest.mark.django_db


def test_every_response_carries_the_security_headers(client):
    for url in ["/", "/organisationer/", "/api/v1/health", "/finns-inte/"]:
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_for_logged_in_users_are_never_cached(client_for, editor_08):
    response = client_for(editor_08).get("/organisationer/")
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "no-store" not in client_for(None).get("/organisationer/").headers.get(
        "Cache-Control", ""
    )


def test_start_page_has_quick_exit_and_skip_link_and_no_external_assets(client):
    content = client.get("/").content.decode()
    assert 'class="skip-link" href="#main"' in content
    assert "data-quick-exit" in content
    for tag in ['src="http', 'href="http://', 'src="//']:
        assert tag not in content
    assert content.count('<link rel="stylesheet" href="/static/') == 1


def test_unknown_page_gives_a_friendly_404(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert b"<h1>" in response.content


def test_language_can_be_switched_to_english_without_javascript(client):
    response = client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.get("/").headers["Content-Language"] == "en"


def test_accept_language_does_not_override_swedish_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "sv"


def test_accessibility_report_is_stored_and_sent(
    client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("core:accessibility_report"),
            {"page_url": "/kalender/", "description": "Knappen går inte att nå med tangentbord."},
        )
    assert response.status_code == 302
    report = AccessibilityReport.objects.get()
    assert report.page_url == "/kalender/"
    assert mail.outbox[0].to == [settings.ACCESSIBILITY_CONTACT_EMAIL]


def test_accessibility_report_without_description_is_refused(client):
    response = client.post(
        reverse("core:accessibility_report"), {"description": "", "email": "inte-en-adress"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"description", "email"}
    assert AccessibilityReport.objects.count() == 0
