"""Sessions end after idle time, on password change (other sessions), on deactivation and on
"log out on all devices"."""

import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samordna.core.audit import AuditEntry
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ett-nytt-langt-losenord-2027"


def logged_in(client) -> bool:
    return client.get(reverse("accounts:profile")).status_code == 200


def test_sessions_expire_after_eight_idle_hours_and_requests_renew_them(client_for, editor_08):
    assert django_settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    client = client_for(editor_08)
    session = Session.objects.get(session_key=client.session.session_key)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=1))
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    renewed = Session.objects.get(pk=session.pk).expire_date
    assert renewed > timezone.now() + timedelta(hours=7, minutes=59)
    # The cookie is sent again with the new lifetime, so the browser keeps it as long.
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie.value == session.session_key
    assert int(cookie["max-age"]) == django_settings.SESSION_COOKIE_AGE

    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert not logged_in(client)


def test_a_session_renewed_within_the_last_minute_is_not_written_again(
    client_for, editor_08, settings
):
    settings.SESSION_RENEW_SECONDS = 60
    client = client_for(editor_08)
    session = Session.objects.get(session_key=client.session.session_key)
    recent = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 20)
    Session.objects.filter(pk=session.pk).update(expire_date=recent)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    assert Session.objects.get(pk=session.pk).expire_date == recent
    assert not [
        q for q in queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]
    ]
    assert settings.SESSION_COOKIE_NAME not in response.cookies

    # Older than the margin: the next request renews it.
    due = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 90)
    Session.objects.filter(pk=session.pk).update(expire_date=due)
    assert logged_in(client)
    assert Session.objects.get(pk=session.pk).expire_date > due + timedelta(seconds=60)


def test_password_change_ends_other_sessions_and_keeps_this_one(client_for, editor_08):
    here, elsewhere = client_for(editor_08), client_for(editor_08)
    assert logged_in(here) and logged_in(elsewhere)
    page = here.get(reverse("accounts:password_change"))
    assert page.status_code == 200
    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.url == reverse("accounts:profile")
    assert logged_in(here)
    assert not logged_in(elsewhere)


def test_password_reset_ends_every_session(
    client, client_for, editor_08, django_capture_on_commit_callbacks
):
    elsewhere = client_for(editor_08)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": editor_08.email})
    link = re.search(r"http://testserver(/konto/losenord/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert not logged_in(elsewhere)


def test_deactivating_a_user_ends_every_session(client_for, editor_08):
    first, second = client_for(editor_08), client_for(editor_08)
    assert logged_in(first) and logged_in(second)
    editor_08.is_active = False
    editor_08.save()
    assert not logged_in(first)
    assert not logged_in(second)


def test_log_out_on_all_devices(client_for, editor_08):
    here, elsewhere = client_for(editor_08), client_for(editor_08)
    assert "Logga ut på alla enheter" in here.get(reverse("accounts:profile")).content.decode()
    assert here.get(reverse("accounts:logout_everywhere")).status_code == 405
    response = here.post(reverse("accounts:logout_everywhere"))
    assert response.url == "/"
    assert not logged_in(here)
    assert not logged_in(elsewhere)
    assert AuditEntry.objects.filter(action="accounts.user.sessions_ended").count() == 1
    # Logging in again works as before.
    fresh = Client()
    fresh.post(reverse("accounts:login"), {"email": editor_08.email, "password": PASSWORD})
    assert logged_in(fresh)


def test_turning_on_two_factor_ends_other_sessions(client_for, editor_08, settings):
    from tests.accounts.test_two_factor import code

    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    here, elsewhere = client_for(editor_08), client_for(editor_08)
    here.get(reverse("accounts:two_factor_enrol"))
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=editor_08)
    here.post(reverse("accounts:two_factor_enrol"), {"code": code(device)})
    assert logged_in(here)
    assert not logged_in(elsewhere)
