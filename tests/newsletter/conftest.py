import pytest

from .smtp_sink import RecordingHandler, SmtpSink


@pytest.fixture
def smtp_sink(settings):
    """A real local SMTP server; Django sends to it over SMTP."""
    with SmtpSink(RecordingHandler()) as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = sink.host
        settings.EMAIL_PORT = sink.port
        settings.NEWSLETTER_MESSAGES_PER_SECOND = 0
        yield sink
