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


def test_unsubscribe_during_sending_is_honoured_from_the_next_group(
    county_08, smtp_sink, settings, monkeypatch
):
    """Statuses are read once per group right before it is sent: someone who unsubscribes while
    an issue goes out is not sent to by any group that starts after that (the window is the one
    group being sent at that moment: at most NEWSLETTER_MARK_GROUP_SIZE messages, ~1 s)."""
    from samordna.newsletter.services import sending

    settings.NEWSLETTER_BATCH_SIZE = 10
    settings.NEWSLETTER_MARK_GROUP_SIZE = 3
    subscribers = SubscriberFactory.create_batch(9)
    same_group, later_group = subscribers[2], subscribers[7]
    issue = issue_with_item()
    real_send_one = sending._send_one

    def send_and_unsubscribe(smtp, template, issue, subscriber):
        real_send_one(smtp, template, issue, subscriber)
        if subscriber == subscribers[0]:
            services.subscriber_unsubscribe(subscriber=same_group)
            services.subscriber_unsubscribe(subscriber=later_group)

    monkeypatch.setattr(sending, "_send_one", send_and_unsubscribe)
    send_now(issue)

    received = smtp_sink.handler.recipient_counts
    assert later_group.email not in received
    assert Delivery.objects.get(subscriber=later_group).status == Delivery.Status.SKIPPED
    # same_group is inside the documented window (its group's statuses had been read): it may
    # or may not get this issue. Everybody else gets it once.
    others = [s for s in subscribers if s not in (same_group, later_group)]
    assert all(received[s.email] == 1 for s in others)
    assert set(received) - {same_group.email} == {s.email for s in others}


class _Crash(BaseException):
    """Stands for the worker process dying (SIGKILL, power cut): nothing runs after it."""


@pytest.mark.django_db(transaction=True)
def test_crash_before_a_group_commit_repeats_at_most_that_group(
    county_08, smtp_sink, settings, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    from samordna.newsletter.services import sending

    settings.NEWSLETTER_BATCH_SIZE = 10
    settings.NEWSLETTER_MARK_GROUP_SIZE = 4
    subscribers = SubscriberFactory.create_batch(10)
    issue = issue_with_item(status=Issue.Status.SENDING)
    for subscriber in subscribers:
        Delivery.objects.create(issue=issue, subscriber=subscriber)
    real_record = sending._Group.record
    commits = []

    def record_then_die(group):
        if commits:
            raise _Crash  # the second group was accepted by the server but is never recorded
        commits.append(len(group.accepted))
        real_record(group)

    monkeypatch.setattr(sending._Group, "record", record_then_die)
    with pytest.raises(_Crash):
        services.delivery_send_issue(issue_id=issue.pk)
    assert smtp_sink.handler.count == 8
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 4

    # The dead worker's claim runs out; another worker takes the unmarked rows.
    monkeypatch.setattr(sending._Group, "record", real_record)
    Delivery.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))
    services.delivery_send_issue(issue_id=issue.pk)

    counts = smtp_sink.handler.recipient_counts
    assert set(counts) == {s.email for s in subscribers}
    assert sum(n - 1 for n in counts.values()) <= 4  # the unrecorded group, no more
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 10
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_a_batch_continuing_from_a_cursor_still_sends_rows_before_it(
    county_08, smtp_sink, settings
):
    """The successor task starts after the previous batch's last row, but rows before that
    (a retry that became due, rows of a killed worker) are claimed too."""
    settings.NEWSLETTER_BATCH_SIZE = 3
    subscribers = SubscriberFactory.create_batch(7)
    issue = issue_with_item(status=Issue.Status.SENDING)
    rows = [Delivery.objects.create(issue=issue, subscriber=s) for s in subscribers]
    services.delivery_send_issue(issue_id=issue.pk, after=rows[4].pk)
    assert smtp_sink.handler.recipient_counts == Counter({s.email: 1 for s in subscribers})
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
