"""Unsubscribe and preferences by signed link, without log-in; RFC 8058 one-click POST."""

import pytest
from django.test import Client

from samordna.newsletter import tokens
from samordna.newsletter.models import Subscriber

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_get_shows_confirm_button_and_does_not_unsubscribe(county_08):
    subscriber = SubscriberFactory()
    token = tokens.make_manage_token(subscriber)
    response = Client().get(f"/nyhetsbrev/avregistrera/{token}/")
    assert response.status_code == 200
    assert b'method="post"' in response.content
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_one_click_post_without_session_or_csrf_unsubscribes(county_08):
    subscriber = SubscriberFactory(name="Anna", organisation="Kalmar kommun")
    token = tokens.make_manage_token(subscriber)
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/nyhetsbrev/avregistrera/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    # Only what is needed to never send again is kept.
    assert subscriber.email
    assert (subscriber.name, subscriber.organisation, subscriber.consent_at) == ("", "", None)


def test_unsubscribe_is_idempotent(county_08):
    subscriber = SubscriberFactory()
    token = tokens.make_manage_token(subscriber)
    for _ in range(2):
        assert Client().post(f"/nyhetsbrev/avregistrera/{token}/").status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_forged_token_cannot_unsubscribe_anyone(county_08):
    victim = SubscriberFactory()
    other = SubscriberFactory()
    forged = tokens.make_manage_token(other).replace(f"{other.pk}.", f"{victim.pk}.", 1)
    assert Client().post(f"/nyhetsbrev/avregistrera/{forged}/").status_code == 404
    assert Client().post(f"/nyhetsbrev/avregistrera/{victim.pk}/").status_code == 404
    victim.refresh_from_db()
    assert victim.status == Subscriber.Status.CONFIRMED


def test_confirmation_token_is_not_an_unsubscribe_token(county_08):
    subscriber = SubscriberFactory()
    token = tokens.make_confirm_token(subscriber)
    assert Client().post(f"/nyhetsbrev/avregistrera/{token}/").status_code == 404


def test_preferences_change_name_and_organisation(county_08):
    subscriber = SubscriberFactory(name="Anna")
    token = tokens.make_manage_token(subscriber)
    client = Client()
    assert client.get(f"/nyhetsbrev/installningar/{token}/").status_code == 200
    response = client.post(
        f"/nyhetsbrev/installningar/{token}/",
        {"name": "Anna Berg", "organisation": "Region Kalmar län"},
    )
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert (subscriber.name, subscriber.organisation) == ("Anna Berg", "Region Kalmar län")


def test_rotating_the_token_invalidates_old_links(county_08):
    subscriber = SubscriberFactory()
    token = tokens.make_manage_token(subscriber)
    Subscriber.objects.filter(pk=subscriber.pk).update(token="rotated-token")
    assert Client().get(f"/nyhetsbrev/installningar/{token}/").status_code == 404
