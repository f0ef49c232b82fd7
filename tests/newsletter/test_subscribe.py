"""Double opt-in: sign-up, confirmation by signed link, repeated sign-ups, expiry and purge."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from samordna.newsletter import tokens
from samordna.newsletter.models import Subscriber

from .factories import MailingListFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def _subscribe(client, email="anna@kommun.example", **extra):
    data = {"email": email, "name": "Anna", "organisation": "Kalmar kommun", "consent": "on"}
    data.update(extra)
    return client.post("/nyhetsbrev/08/prenumerera/", data)


def _confirm_link(message) -> str:
    return re.search(r"https?://\S+/nyhetsbrev/bekrafta/\S+/", message.body).group(0)


def test_subscribe_form_sends_confirmation_and_stores_unconfirmed(
    county_08, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _subscribe(Client())
    assert response.status_code == 302
    assert response["Location"] == "/nyhetsbrev/08/prenumerera/tack/"
    subscriber = Subscriber.objects.get(email="anna@kommun.example")
    assert subscriber.status == Subscriber.Status.UNCONFIRMED
    assert subscriber.source == Subscriber.Source.FORM
    assert subscriber.mailing_list.county == county_08
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@kommun.example"]
    assert "/nyhetsbrev/bekrafta/" in mail.outbox[0].body
    assert "/nyhetsbrev/personuppgifter/" in mail.outbox[0].body


def test_form_requires_consent_and_valid_address(county_08):
    response = _subscribe(Client(), email="inte-en-adress", consent="")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert "consent" in response.context["form"].errors
    assert not Subscriber.objects.exists()


def test_subscribe_page_links_the_privacy_notice(county_08):
    response = Client().get("/nyhetsbrev/08/prenumerera/")
    assert response.status_code == 200
    assert b'href="/nyhetsbrev/personuppgifter/"' in response.content
    privacy = Client().get("/nyhetsbrev/personuppgifter/")
    assert "Så hanterar vi dina personuppgifter" in privacy.content.decode()


def test_confirm_link_get_shows_button_and_post_confirms(
    county_08, django_capture_on_commit_callbacks
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client)
    link = _confirm_link(mail.outbox[0]).replace("http://testserver", "")
    page = client.get(link)
    assert page.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.UNCONFIRMED  # prefetch-safe
    response = client.post(link)
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    assert subscriber.consent_at == subscriber.confirmed_at


def test_tampered_or_expired_confirm_link_is_refused(county_08, settings):
    subscriber = SubscriberFactory(status=Subscriber.Status.UNCONFIRMED)
    token = tokens.make_confirm_token(subscriber)
    assert Client().get(f"/nyhetsbrev/bekrafta/{token}x/").status_code == 404
    settings.NEWSLETTER_CONFIRM_DAYS = 0
    assert Client().post(f"/nyhetsbrev/bekrafta/{token}/").status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNCONFIRMED


def test_repeated_subscribe_never_resets_a_confirmed_subscriber(
    county_08, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="anna@kommun.example", name="Anna Andersson")
    before = Subscriber.objects.get(pk=subscriber.pk)
    with django_capture_on_commit_callbacks(execute=True):
        known = _subscribe(Client(), email="Anna@KOMMUN.example", name="Stranger")
        unknown = _subscribe(Client(), email="ny@kommun.example")
    after = Subscriber.objects.get(pk=subscriber.pk)
    assert after.status == Subscriber.Status.CONFIRMED
    assert after.name == "Anna Andersson"
    assert after.confirmed_at == before.confirmed_at
    assert after.token == before.token
    # Same answer whether or not the address was known; no mail to the confirmed address.
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [["ny@kommun.example"]]


def test_resubscribe_of_unsubscribed_needs_confirmation(
    county_08, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(
        email="anna@kommun.example", status=Subscriber.Status.UNSUBSCRIBED
    )
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(Client())
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert len(mail.outbox) == 1
    Client().post(_confirm_link(mail.outbox[0]).replace("http://testserver", ""))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_repeated_signups_do_not_mail_bomb(county_08, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            _subscribe(Client())
    assert len(mail.outbox) == 1


def test_api_subscribe_answers_the_same_for_known_and_unknown(
    county_08, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="known@kommun.example")
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(
            "/api/v1/newsletter/subscribe",
            {"email": "known@kommun.example", "county": "08"},
            content_type="application/json",
        )
        unknown = client.post(
            "/api/v1/newsletter/subscribe",
            {"email": "new@kommun.example", "county": "08"},
            content_type="application/json",
        )
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert Subscriber.objects.get(email="new@kommun.example").source == Subscriber.Source.API
    assert [m.to for m in mail.outbox] == [["new@kommun.example"]]


def test_api_subscribe_rejects_bad_input_with_field(county_08):
    response = Client().post(
        "/api/v1/newsletter/subscribe",
        {"email": "nope", "county": "08"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["field"] == "email"
    response = Client().post(
        "/api/v1/newsletter/subscribe",
        {"email": "a@b.example", "county": "99"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["field"] == "county"


def test_purge_deletes_only_stale_unconfirmed(county_08):
    stale = SubscriberFactory(status=Subscriber.Status.UNCONFIRMED, confirmed_at=None)
    fresh = SubscriberFactory(status=Subscriber.Status.UNCONFIRMED, confirmed_at=None)
    confirmed = SubscriberFactory()
    old = timezone.now() - timedelta(days=30)
    Subscriber.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(created_at=old)
    call_command("newsletter_purge_unconfirmed")
    remaining = set(Subscriber.objects.values_list("pk", flat=True))
    assert remaining == {fresh.pk, confirmed.pk}


def test_topic_list_is_offered_on_the_form(county_08):
    MailingListFactory(county=county_08)
    from samordna.newsletter.models import MailingList

    MailingList.objects.create(county=county_08, name="Hedersrelaterat våld")
    response = Client().get("/nyhetsbrev/08/prenumerera/")
    assert "Hedersrelaterat våld" in response.content.decode()
