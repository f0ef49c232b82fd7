"""The record of processing (registerförteckning) passes axe for a county admin and the national
role, and its CSV link and county choice work."""

import pytest
from django.conf import settings
from django.test import Client

from samordna.privacy import services
from tests.browser.conftest import assert_accessible, goto, screenshot
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.browser


def _log_in(page, live_server, user) -> None:
    """Log in through a session made by the test client (verified with a second factor where
    the role requires it), so this test does not depend on the log-in form's steps."""
    client = Client()
    client.force_login(user, backend="samordna.accounts.backends.EmailBackend")
    try:
        from tests.conftest import verify_two_factor
    except ImportError:  # before two-factor authentication existed
        verify_two_factor = None
    if verify_two_factor is not None:
        verify_two_factor(client, user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_record_of_processing_for_county_admin_passes_axe(
    browser_page, live_server, admin_08, county_08
):
    SubscriberFactory.create_batch(2)
    services.retention_rule_set(
        actor=None, category_key="events.registration", county=county_08, days=200
    )
    services.retention_run(dry_run=True)
    services.retention_run()
    page = browser_page
    _log_in(page, live_server, admin_08)
    goto(page, live_server, "/registerforteckning/")
    assert page.locator("h1").count() == 1
    assert "Registerförteckning" in page.locator("h1").inner_text()
    assert page.locator("table caption").count() == 3
    assert page.locator("a[href$='registerforteckning.csv?lan=08']").count() == 1
    # The wide table scrolls inside its region; the page itself does not (WCAG 1.4.10).
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    screenshot(page, "privacy-register-county-admin")
    assert_accessible(page, "record of processing (county admin)")


def test_record_of_processing_for_national_chooses_a_county(
    browser_page, live_server, national_user
):
    page = browser_page
    _log_in(page, live_server, national_user)
    goto(page, live_server, "/registerforteckning/")
    assert_accessible(page, "record of processing (national, all counties)")
    page.select_option("#register-county", "06")
    with page.expect_navigation():
        page.locator("main form.filters button[type=submit]").click()
    assert "lan=06" in page.url
    assert "Jönköping" in page.locator("h1").inner_text()
    screenshot(page, "privacy-register-national-06")
    assert_accessible(page, "record of processing (national, county 06)")
