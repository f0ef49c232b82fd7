"""Pages that show personal data are never stored by a cache, also when they are reached by a
signed link without logging in (core.middleware.no_store)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samordna.events import services as event_services
from samordna.newsletter import tokens
from samordna.surveys.links import answer_token
from tests.events.factories import make_event
from tests.newsletter.factories import MailingListFactory, SubscriberFactory
from tests.surveys.factories import build_survey

pytestmark = pytest.mark.django_db


def assert_no_store(response):
    assert response.status_code in (200, 302), response.status_code
    cache_control = response.headers.get("Cache-Control", "")
    assert "no-store" in cache_control and "private" in cache_control, cache_control


@pytest.fixture
def registration(county_08):
    event = make_event(county_08)
    return event_services.registration_create(
        event_id=event.pk, name="Anna Andersson", email="anna@example.se", consent=True
    )


def test_registration_pages_reached_by_link(client, registration):
    token = registration.cancel_token
    assert_no_store(client.get(reverse("events:registration_status", args=[token])))
    assert_no_store(client.get(reverse("events:registration_cancel", args=[token])))
    assert_no_store(client.post(reverse("events:registration_cancel", args=[token])))


def test_certificate_and_evaluation_pages_reached_by_link(client, registration):
    from samordna.events.models import Event, Registration

    past = timezone.now() - timedelta(days=2)
    Event.objects.filter(pk=registration.event_id).update(start=past, end=past + timedelta(hours=3))
    assert_no_store(client.get(reverse("events:evaluation", args=[registration.cancel_token])))
    Registration.objects.filter(pk=registration.pk).update(attended=True)
    response = client.get(reverse("events:certificate", args=[registration.cancel_token]))
    assert_no_store(response)


def test_survey_answer_pages_reached_by_link(client, county_08, kalmar_municipality):
    survey = build_survey(county_08, open_for=[kalmar_municipality])
    link = reverse("surveys:answer_link", args=[answer_token(survey.pk, kalmar_municipality.pk)])
    assert_no_store(client.get(link))
    code = kalmar_municipality.code
    assert_no_store(client.get(reverse("surveys:answer_start", args=[survey.pk, code])))
    assert_no_store(client.get(reverse("surveys:answer_page", args=[survey.pk, code, 1])))
    assert_no_store(client.get(reverse("surveys:answer_submit", args=[survey.pk, code])))


def test_newsletter_pages_reached_by_link(client, county_08):
    subscriber = SubscriberFactory(mailing_list=MailingListFactory(county=county_08))
    manage = tokens.make_manage_token(subscriber)
    assert_no_store(client.get(reverse("newsletter:preferences", args=[manage])))
    assert_no_store(client.get(reverse("newsletter:unsubscribe", args=[manage])))
    confirm = tokens.make_confirm_token(subscriber)
    assert_no_store(client.get(reverse("newsletter:confirm", args=[confirm])))


def test_personal_data_download_and_password_reset_link(client, client_for, editor_08):
    assert_no_store(client_for(editor_08).get(reverse("accounts:personal_data")))
    response = client.get(reverse("accounts:password_reset_confirm", args=["MQ", "x-y"]))
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_logged_in_pages_are_private_too(client_for, editor_08):
    assert_no_store(client_for(editor_08).get(reverse("accounts:profile")))
