"""SMTP down for an hour: registrations keep working, their confirmations wait in the outbox
with back-off (no hammering, nothing given up), and go out exactly once when SMTP is back.

The hour passes on a fake clock: the sweep (``manage.py send_queued_emails``, run from cron every
minute) is called once per simulated minute; nobody sleeps."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from samordna.core.models import OutgoingEmail
from samordna.events.models import Registration
from tests.events.factories import make_event
from tests.newsletter.smtp_sink import RecordingHandler, SmtpSink

from .helpers import free_port

pytestmark = pytest.mark.django_db

FORM_REGISTRATIONS = 4
API_REGISTRATIONS = 4


@pytest.fixture
def clock(monkeypatch):
    """``timezone.now()`` under the test's control (everything in the app reads it)."""
    current = [timezone.now()]
    monkeypatch.setattr(timezone, "now", lambda: current[0])
    return current


@pytest.fixture
def smtp_down(settings):
    port = free_port()  # nothing listens here until the sink is started on it
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
    settings.EMAIL_RETRY_BASE_SECONDS = 60
    settings.EMAIL_MAX_ATTEMPTS = 8
    return port


def _register_over_http(client, event) -> set[str]:
    emails = set()
    for n in range(FORM_REGISTRATIONS):
        email = f"form{n}@example.se"
        response = client.post(
            f"/kalender/{event.pk}/", {"name": f"Form {n}", "email": email}, follow=True
        )
        assert response.status_code == 200
        assert response.redirect_chain and "/kalender/anmalan/" in response.redirect_chain[-1][0]
        emails.add(email)
    for n in range(API_REGISTRATIONS):
        email = f"api{n}@example.se"
        response = client.post(
            f"/api/v1/events/{event.pk}/registrations",
            {"name": f"Api {n}", "email": email},
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        emails.add(email)
    return emails


def test_smtp_down_for_an_hour_then_every_confirmation_goes_out_once(
    client, county_08, smtp_down, clock, django_capture_on_commit_callbacks
):
    event = make_event(county_08, capacity=50)
    with django_capture_on_commit_callbacks(execute=True):
        emails = _register_over_http(client, event)

    # Registrations were accepted and stored although every first attempt failed.
    assert set(Registration.objects.filter(event=event).values_list("email", flat=True)) == emails
    queued = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.QUEUED)
    assert queued.count() == len(emails)
    assert set(queued.values_list("attempts", flat=True)) == {1}
    assert all(queued.values_list("last_error", flat=True)), "the SMTP error is kept"

    # One hour of cron sweeps, once a minute, with SMTP still down.
    start = clock[0]
    for _minute in range(60):
        clock[0] += timedelta(minutes=1)
        call_command("send_queued_emails", stdout=open_devnull())
    rows = list(OutgoingEmail.objects.all())
    assert all(row.status == OutgoingEmail.Status.QUEUED for row in rows), "nothing given up"
    # Back-off 1, 2, 4, 8, 16, 32 minutes: five retries within the hour, not sixty.
    assert {row.attempts for row in rows} == {6}
    assert all(row.next_attempt_at - start > timedelta(hours=1) for row in rows)

    # SMTP comes back on the same port; the next due sweep sends everything, exactly once.
    with SmtpSink(RecordingHandler(), port=smtp_down) as sink:
        clock[0] = max(row.next_attempt_at for row in rows)
        call_command("send_queued_emails", stdout=open_devnull())
        call_command("send_queued_emails", stdout=open_devnull())  # a second sweep repeats none
        assert sink.handler.wait_for(len(emails), timeout=10)
    assert dict(sink.handler.recipient_counts) == dict.fromkeys(emails, 1)
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}
    subjects = {message["Subject"] for _rcpts, message in sink.handler.parsed()}
    assert all(event.title in subject for subject in subjects), subjects


def open_devnull():
    import io

    return io.StringIO()
