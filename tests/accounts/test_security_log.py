"""Log-ins (both steps) and refused requests reach the ``samordna.security`` log, without
passwords."""

import logging

import pytest
from django.urls import reverse

from samordna.accounts.models import LoginAttempt
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="samordna.security")

    def lines():
        return [r.getMessage() for r in caplog.records if r.name == "samordna.security"]

    return lines


def test_successful_and_failed_logins_are_logged_and_recorded(client, editor_08, security_log):
    client.post(
        reverse("accounts:login"),
        {"email": editor_08.email, "password": "fel-losenord-123"},
        REMOTE_ADDR="192.0.2.7",
    )
    client.post(
        reverse("accounts:login"),
        {"email": editor_08.email, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.7",
    )
    lines = security_log()
    assert (
        f"login failed step=password user={editor_08.pk} ip=192.0.2.7 path=/konto/logga-in/"
        in lines
    )
    assert (
        f"login succeeded step=password user={editor_08.pk} ip=192.0.2.7 path=/konto/logga-in/"
        in lines
    )
    assert not any(PASSWORD in line or "fel-losenord" in line for line in lines)
    assert list(
        LoginAttempt.objects.order_by("created_at", "pk").values_list("succeeded", "ip_address")
    ) == [(False, "192.0.2.7"), (True, "192.0.2.7")]


def test_failed_login_for_an_unknown_address_is_logged_without_user(client, security_log):
    client.post(reverse("accounts:login"), {"email": "ingen@example.se", "password": "x"})
    assert "login failed step=password user=- ip=127.0.0.1 path=/konto/logga-in/" in (
        security_log()
    )


def test_code_step_is_logged(client, editor_08, security_log, settings):
    from tests.accounts.test_two_factor import code, enrol

    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device, _codes = enrol(editor_08)
    client.post(reverse("accounts:login"), {"email": editor_08.email, "password": PASSWORD})
    client.post(reverse("accounts:login_code"), {"code": "000000"})
    client.post(reverse("accounts:login_code"), {"code": code(device)})
    lines = security_log()
    path = reverse("accounts:login_code")
    assert f"login failed step=code user={editor_08.pk} ip=127.0.0.1 path={path}" in lines
    assert f"login succeeded step=code user={editor_08.pk} ip=127.0.0.1 path={path}" in lines


def test_refused_access_is_logged_with_user_ip_and_path(client_for, editor_08, security_log):
    response = client_for(editor_08).get(reverse("core:audit_log"), REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 403
    assert (
        f"access refused status=403 user={editor_08.pk} ip=198.51.100.4 method=GET "
        "path=/granskningslogg/"
    ) in security_log()


def test_object_level_refusal_is_logged(client_for, editor_06, security_log):
    from samordna.organisations.models import Organisation

    organisation = Organisation.objects.filter(county__code="08").first()
    response = client_for(editor_06).get(
        reverse("organisations:organisation_edit", args=[organisation.code])
    )
    assert response.status_code == 403
    assert any(
        line.startswith(f"access refused status=403 user={editor_06.pk}") for line in security_log()
    )


def test_api_401_is_logged(client, security_log):
    response = client.post(
        "/api/v1/events", data="{}", content_type="application/json", REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 401
    assert (
        "access refused status=401 user=- ip=203.0.113.9 method=POST path=/api/v1/events"
        in security_log()
    )
