import pytest
from django.core import mail
from django.urls import reverse

from samordna.accounts.models import PasswordResetRequest

pytestmark = pytest.mark.django_db


def ask(client, email, ip="10.0.0.1"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_is_limited_per_address(
    client, editor_08, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_MAX_PER_EMAIL = 2
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(client, editor_08.email).status_code == 302
        assert ask(client, editor_08.email.upper(), ip="10.0.0.2").status_code == 302
        refused = ask(client, editor_08.email, ip="10.0.0.3")
    assert refused.status_code == 200
    assert refused.context["form"].has_error("__all__", code="rate_limited")
    assert "För många begäranden om att återställa lösenordet" in refused.content.decode()
    assert len(mail.outbox) == 2
    assert PasswordResetRequest.objects.count() == 2


def test_password_reset_is_limited_per_ip_address(
    client, editor_08, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_MAX_PER_IP = 3
    for index in range(3):
        assert ask(client, f"person{index}@example.se").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        refused = ask(client, editor_08.email)
        other_ip = ask(client, editor_08.email, ip="10.9.9.9")
    assert refused.context["form"].has_error("__all__", code="rate_limited")
    assert other_ip.status_code == 302
    assert len(mail.outbox) == 1


def test_password_reset_limit_window_passes(client, editor_08, settings):
    settings.PASSWORD_RESET_MAX_PER_EMAIL = 1
    ask(client, editor_08.email)
    assert ask(client, editor_08.email).status_code == 200
    settings.PASSWORD_RESET_WINDOW_SECONDS = 0
    assert ask(client, editor_08.email).status_code == 302


def test_lockout_after_failed_logins_blocks_even_the_right_password_for_the_window(
    client, editor_08, settings
):
    """The existing log-in limit: verified here together with the security log."""
    from tests.conftest import PASSWORD

    settings.LOGIN_MAX_FAILURES_PER_EMAIL = 2
    for _ in range(2):
        client.post(reverse("accounts:login"), {"email": editor_08.email, "password": "x"})
    blocked = client.post(
        reverse("accounts:login"), {"email": editor_08.email, "password": PASSWORD}
    )
    assert "För många misslyckade inloggningsförsök" in blocked.content.decode()
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 0
    allowed = client.post(
        reverse("accounts:login"), {"email": editor_08.email, "password": PASSWORD}
    )
    assert allowed.status_code == 302
