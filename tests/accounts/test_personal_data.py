import json

import pytest
from django.core import mail
from django.urls import reverse

from samordna.organisations.models import Person

pytestmark = pytest.mark.django_db


def test_user_downloads_own_data_as_json(client_for, editor_08, kalmar_municipality):
    Person.objects.create(name="Editor", email=editor_08.email, organisation=kalmar_municipality)
    Person.objects.create(
        name="Someone else", email="other@kalmar.se", organisation=kalmar_municipality
    )
    response = client_for(editor_08).get(reverse("accounts:personal_data"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == editor_08.email
    assert data["roles"] == [{"role": "county_editor", "county": "08", "organisation": None}]
    assert [p["email"] for p in data["person_records"]] == [editor_08.email]


def test_personal_data_needs_login(client):
    assert client.get(reverse("accounts:personal_data")).status_code == 302


def test_account_holder_is_told_when_logins_are_blocked(
    client, editor_08, settings, django_capture_on_commit_callbacks
):
    settings.LOGIN_MAX_FAILURES_PER_EMAIL = 3
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            client.post(reverse("accounts:login"), {"email": editor_08.email, "password": "fel"})
    notices = [m for m in mail.outbox if m.to == [editor_08.email]]
    assert len(notices) == 1
    assert "/konto/losenord/" in notices[0].body


def test_no_lockout_notice_for_unknown_addresses(
    client, settings, django_capture_on_commit_callbacks
):
    settings.LOGIN_MAX_FAILURES_PER_EMAIL = 2
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.post(reverse("accounts:login"), {"email": "ingen@example.se", "password": "x"})
    assert mail.outbox == []
