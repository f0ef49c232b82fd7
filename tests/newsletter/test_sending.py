"""Sending to a REAL local SMTP server (aiosmtpd): every recipient exactly once, with the
unsubscribe headers; unsubscribed, bounced and unconfirmed addresses never get it."""

import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from samordna.newsletter import services
from samordna.newsletter.models import Delivery, Issue, Subscriber

from .factories import SubscriberFactory, issue_with_item
from .smtp_sink import RecordingHandler, SmtpSink

pytestmark = pytest.mark.django_db


def send_now(issue):
    """Queue the issue, then run the batch task that the commit would start (the test runs
    inside a transaction that never commits)."""
    call_command("send_newsletter", str(issue.pk))
    services.delivery_send_issue(issue_id=issue.pk)
    services.delivery_send_issue(issue_id=issue.pk)


@pytest.mark.django_db(transaction=True)
def test_issue_reaches_every_confirmed_subscriber_exactly_once_with_headers(
    county_08, smtp_sink, settings
):
    settings.NEWSLETTER_BATCH_SIZE = 7
    confirmed = SubscriberFactory.create_batch(25)
    SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED, email="gone@kommun.example")
    SubscriberFactory(status=Subscriber.Status.BOUNCED, email="bounced@kommun.example")
    SubscriberFactory(status=Subscriber.Status.UNCONFIRMED, email="pending@kommun.example")
    issue = issue_with_item()

    # The real pipeline: the commit enqueues the batch task (immediate backend in tests).
    call_command("send_newsletter", str(issue.pk))

    received = smtp_sink.handler.parsed()
    counts = Counter(rcpt for rcpts, _msg in received for rcpt in rcpts)
    assert counts == Counter({s.email: 1 for s in confirmed})
    for rcpts, message in received:
        subscriber = next(s for s in confirmed if s.email == rcpts[0])
        assert message["Message-ID"] == f"<issue-{issue.pk}.sub-{subscriber.pk}@samordna.example>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe = re.fullmatch(r"<(http\S+)>", str(message["List-Unsubscribe"]).strip()).group(
            1
        )
        assert "/nyhetsbrev/avregistrera/" in unsubscribe
        html = message.get_body(("html",)).get_content()
        text = message.get_body(("plain",)).get_content()
        assert unsubscribe in text
        assert unsubscribe.replace("&", "&amp;") in html
        assert "Webbkurs om våld" in html and "Webbkurs om våld" in text
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert issue.published
    assert services.issue_progress(issue=issue)["sent"] == 25


def test_one_click_link_from_the_mail_unsubscribes(county_08, smtp_sink):
    subscriber = SubscriberFactory()
    issue = issue_with_item()
    send_now(issue)
    _rcpts, message = smtp_sink.handler.parsed()[0]
    url = re.fullmatch(r"<(http\S+)>", str(message["List-Unsubscribe"]).strip()).group(1)
    path = url.replace("http://testserver", "")
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_sending_again_never_sends_twice(county_08, smtp_sink):
    SubscriberFactory.create_batch(5)
    issue = issue_with_item()
    send_now(issue)
    services.delivery_send_issue(issue_id=issue.pk)
    call_command("send_newsletter", "--resume")
    assert smtp_sink.handler.count == 5
    with pytest.raises(CommandError, match="redan"):
        send_now(issue)


def test_subscriber_who_unsubscribes_after_queueing_is_skipped(county_08, smtp_sink):
    keep = SubscriberFactory()
    leaving = SubscriberFactory()
    issue = issue_with_item(status=Issue.Status.SENDING)
    Delivery.objects.create(issue=issue, subscriber=keep)
    Delivery.objects.create(issue=issue, subscriber=leaving)
    services.subscriber_unsubscribe(subscriber=leaving)
    services.delivery_send_issue(issue_id=issue.pk)
    assert set(smtp_sink.handler.recipient_counts) == {keep.email}
    assert Delivery.objects.get(subscriber=leaving).status == Delivery.Status.SKIPPED


def test_hard_bounce_marks_subscriber_and_soft_failure_is_retried(county_08, settings):
    good = SubscriberFactory(email="ok@kommun.example")
    hard = SubscriberFactory(email="nobody@kommun.example")
    soft = SubscriberFactory(email="full@kommun.example")
    handler = RecordingHandler(
        refuse={
            "nobody@kommun.example": "550 5.1.1 No such user",
            "full@kommun.example": "452 4.2.2 Mailbox full",
        }
    )
    with SmtpSink(handler) as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = sink.host, sink.port
        settings.NEWSLETTER_MESSAGES_PER_SECOND = 0
        issue = issue_with_item()
        send_now(issue)
        assert set(handler.recipient_counts) == {good.email}
        hard.refresh_from_db()
        assert hard.status == Subscriber.Status.BOUNCED
        assert Delivery.objects.get(subscriber=hard).status == Delivery.Status.FAILED
        retry = Delivery.objects.get(subscriber=soft)
        assert retry.status == Delivery.Status.PENDING
        assert retry.attempts == 1 and retry.next_attempt_at is not None
        # The mailbox has room again and the back-off has passed: the retry succeeds.
        handler.refuse.clear()
        Delivery.objects.filter(pk=retry.pk).update(next_attempt_at=None)
        services.delivery_send_issue(issue_id=issue.pk)
        assert handler.recipient_counts[soft.email] == 1
        issue.refresh_from_db()
        assert issue.status == Issue.Status.SENT


def test_smtp_down_keeps_rows_for_retry(county_08, settings):
    from .smtp_sink import free_port

    SubscriberFactory.create_batch(3)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    issue = issue_with_item()
    send_now(issue)
    rows = list(Delivery.objects.filter(issue=issue))
    assert {row.status for row in rows} == {Delivery.Status.PENDING}
    assert all(row.attempts == 1 and row.next_attempt_at for row in rows)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENDING


def test_rate_limit_spaces_messages(county_08, smtp_sink, settings):
    import time

    settings.NEWSLETTER_MESSAGES_PER_SECOND = 20
    SubscriberFactory.create_batch(11)
    issue = issue_with_item()
    started = time.monotonic()
    send_now(issue)
    assert smtp_sink.handler.count == 11
    assert time.monotonic() - started >= 0.45  # 10 intervals of 50 ms


def test_scheduled_issue_is_sent_when_due(county_08, smtp_sink):
    from datetime import timedelta

    from django.utils import timezone

    SubscriberFactory.create_batch(2)
    issue = issue_with_item()
    services.issue_queue(actor=None, issue=issue, send_at=timezone.now() + timedelta(hours=1))
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED
    call_command("send_newsletter", "--resume")
    assert smtp_sink.handler.count == 0
    Issue.objects.filter(pk=issue.pk).update(send_at=timezone.now() - timedelta(seconds=1))
    call_command("send_newsletter", "--resume")
    services.delivery_send_issue(issue_id=issue.pk)
    assert smtp_sink.handler.count == 2


def test_other_mail_backends_get_the_same_message(county_08):
    """Without an SMTP connection (here: the locmem backend) each message is built by Django."""
    from django.core import mail

    subscriber = SubscriberFactory()
    issue = issue_with_item()
    send_now(issue)
    assert len(mail.outbox) == 1
    message = mail.outbox[0].message()
    assert message["Message-ID"] == f"<issue-{issue.pk}.sub-{subscriber.pk}@samordna.example>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/nyhetsbrev/avregistrera/" in message["List-Unsubscribe"]
    assert Delivery.objects.get().status == Delivery.Status.SENT
