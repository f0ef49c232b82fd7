"""Core flows work without JavaScript: logging in and switching language are plain forms."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import goto, login

pytestmark = pytest.mark.browser


def test_log_in_and_switch_language_without_javascript(new_page, live_server, editor_08):
    page = new_page(java_script_enabled=False)

    goto(page, live_server, "/organisationer/")
    assert page.locator("html").get_attribute("lang") == "sv"
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    # Back on the same page, now in English.
    assert urlsplit(page.url).path == "/organisationer/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Organisations"
    assert page.get_by_role("link", name="Leave the page quickly").count() == 1
    with page.expect_navigation():
        page.get_by_role("button", name="Svenska").click()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", level=1).inner_text() == "Organisationer"

    # A wrong password is explained, in Swedish, without JavaScript.
    goto(page, live_server, "/konto/logga-in/")
    page.locator("input[name=email]").fill(editor_08.email)
    page.locator("input[name=password]").fill("fel-losenord")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "E-postadressen eller lösenordet är fel." in page.locator("main").inner_text()

    login(page, live_server, editor_08)
    assert urlsplit(page.url).path == "/"
    assert (
        page.get_by_role("navigation", name="Arbetsverktyg")
        .get_by_role("link", name="Personer")
        .is_visible()
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Logga ut").click()
    assert page.get_by_role("status").get_by_text("Du är nu utloggad.").is_visible()
