import socket

import pytest
from django.core import mail
from django.utils import timezone

from samordna.core import services
from samordna.core.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_queued_email_is_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.email_queue(
            to=["a@example.se"],
            subject="Ämne",
            body_text="Hej",
            attachments=[
                {"filename": "x.ics", "content": "BEGIN:VCALENDAR", "mimetype": "text/calendar"}
            ],
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][0] == "x.ics"
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT
    assert message.attempts == 1


def test_nothing_is_sent_for_work_that_rolled_back(django_capture_on_commit_callbacks):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.email_queue(to=["a@example.se"], subject="S", body_text="B")
        raise RuntimeError("rollback")
    assert mail.outbox == []
    assert OutgoingEmail.objects.count() == 0


def test_smtp_down_keeps_the_message_and_retries_later(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _closed_port()
    settings.EMAIL_TIMEOUT = 2
    with django_capture_on_commit_callbacks(execute=True):
        message = services.email_queue(to=["a@example.se"], subject="S", body_text="B")
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.QUEUED
    assert message.attempts == 1
    assert message.last_error
    assert message.next_attempt_at > timezone.now()
    # Not due yet: the sweep leaves it alone.
    assert services.email_send_due() == 0
    # SMTP is back and the retry is due.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert services.email_send_due() == 1
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1


def test_message_fails_for_good_after_max_attempts(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _closed_port()
    settings.EMAIL_MAX_ATTEMPTS = 2
    message = OutgoingEmail.objects.create(to=["a@example.se"], subject="S", body_text="B")
    services.email_send_queued(email_id=message.pk)
    services.email_send_queued(email_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.FAILED
    assert message.attempts == 2


def test_sending_twice_sends_once():
    message = OutgoingEmail.objects.create(to=["a@example.se"], subject="S", body_text="B")
    services.email_send_queued(email_id=message.pk)
    services.email_send_queued(email_id=message.pk)
    assert len(mail.outbox) == 1
