import re

import pytest
from django.core import mail
from django.urls import reverse

from samordna.accounts.models import LoginAttempt
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_with_email_and_password_redirects_to_start(client, editor_08):
    response = client.post(
        reverse("accounts:login"), {"email": "EDITOR08@lst.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/"
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert LoginAttempt.objects.filter(email="editor08@lst.example", succeeded=True).count() == 1


def test_wrong_password_is_refused_with_a_message_and_logged(client, editor_08):
    response = client.post(
        reverse("accounts:login"), {"email": editor_08.email, "password": "nope"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["__all__"]
    assert "_auth_user_id" not in client.session
    assert LoginAttempt.objects.filter(email=editor_08.email, succeeded=False).count() == 1


def test_empty_login_form_names_each_missing_field(client):
    response = client.post(reverse("accounts:login"), {"email": "", "password": ""})
    form = response.context["form"]
    assert set(form.errors) == {"email", "password"}


def test_login_is_rate_limited_after_repeated_failures(client, editor_08, settings):
    settings.LOGIN_MAX_FAILURES_PER_EMAIL = 3
    for _ in range(3):
        client.post(reverse("accounts:login"), {"email": editor_08.email, "password": "wrong"})
    # Even the right password is refused while the limit holds.
    response = client.post(
        reverse("accounts:login"), {"email": editor_08.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", code="rate_limited")
    assert "_auth_user_id" not in client.session


def test_login_rate_limit_per_ip_covers_many_addresses(client, editor_08, settings):
    settings.LOGIN_MAX_FAILURES_PER_IP = 4
    for index in range(4):
        client.post(reverse("accounts:login"), {"email": f"x{index}@example.se", "password": "w"})
    response = client.post(
        reverse("accounts:login"), {"email": editor_08.email, "password": PASSWORD}
    )
    assert response.context["form"].has_error("__all__", code="rate_limited")


def test_login_refuses_offsite_next_url(client, editor_08):
    response = client.post(
        reverse("accounts:login"),
        {"email": editor_08.email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.url == "/"


def test_logout_needs_post(client_for, editor_08):
    client = client_for(editor_08)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_inactive_user_cannot_log_in(client, editor_08):
    editor_08.is_active = False
    editor_08.save()
    response = client.post(
        reverse("accounts:login"), {"email": editor_08.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_working_link_through_the_outbox(
    client, editor_08, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": editor_08.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/konto/losenord/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    new_password = "ett-nytt-losenord-for-test-99"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    editor_08.refresh_from_db()
    assert editor_08.check_password(new_password)


def test_password_reset_for_unknown_address_sends_nothing_but_looks_the_same(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.se"})
    assert response.status_code == 302
    assert mail.outbox == []
