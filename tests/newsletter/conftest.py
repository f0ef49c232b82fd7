import pytest

from tests.browser.conftest import (  # noqa: F401 - browser fixtures for test_browser.py
    _reference_rows,
    browser,
    browser_page,
    foreign_requests,
    new_page,
    pytest_runtest_teardown,
)

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


def _ensure_reference_data():
    from samordna.organisations.models import County
    from samordna.organisations.services import reference_data_load

    if not County.objects.filter(code="08").exists():
        reference_data_load()


@pytest.fixture
def county_08(db):
    """As the shared fixture, but robust in transactional tests (the database was flushed)."""
    from samordna.organisations.models import County

    _ensure_reference_data()
    return County.objects.get(code="08")


@pytest.fixture
def county_06(db):
    from samordna.organisations.models import County

    _ensure_reference_data()
    return County.objects.get(code="06")
