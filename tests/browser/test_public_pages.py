"""What an anonymous visitor sees: every public page passes axe, offers the quick exit and loads
nothing from other hosts."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import assert_accessible, goto, screenshot

pytestmark = pytest.mark.browser

PUBLIC_PAGES = {
    "start": "/",
    "county-list": "/lan/",
    "county-08": "/lan/08/",
    "municipality-0880": "/kommuner/0880/",
    "organisation-list": "/organisationer/",
    "organisation-0880": "/organisationer/0880/",
    "accessibility-statement": "/tillganglighet/",
    "accessibility-report": "/tillganglighet/rapportera/",
    "login": "/konto/logga-in/",
    "password-reset": "/konto/losenord/",
}


def test_public_pages_have_no_accessibility_violations(browser_page, live_server, foreign_requests):
    page = browser_page
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    failures = []
    for name, path in PUBLIC_PAGES.items():
        goto(page, live_server, path)
        assert page.locator("html").get_attribute("lang") == "sv"
        assert page.locator("h1").count() == 1, f"{path} must have exactly one h1"
        screenshot(page, f"public-{name}")
        try:
            assert_accessible(page, path)
        except pytest.fail.Exception as exc:
            failures.append(str(exc))
    assert failures == [], "\n".join(failures)
    # Everything the pages need comes from the site itself (the guard in browser_page also
    # fails the test at teardown otherwise).
    assert any(url.endswith(".css") for url in requested), "the stylesheet was not requested"
    assert any(url.endswith(".js") for url in requested), "the script was not requested"
    assert foreign_requests == []


def test_filtered_and_paginated_organisation_list_is_accessible(browser_page, live_server):
    page = browser_page
    goto(page, live_server, "/organisationer/")
    page.get_by_label("Typ").select_option("municipality")
    with page.expect_navigation():
        page.get_by_role("button", name="Filtrera").click()
    assert "kind=municipality" in page.url
    assert page.get_by_text("290 organisationer").is_visible()

    with page.expect_navigation():
        page.get_by_role("navigation", name="Sidor").get_by_role("link", name="Nästa").click()
    assert "kind=municipality" in page.url
    assert "page=2" in page.url
    assert page.get_by_text("Sida 2 av 12").is_visible()
    assert page.get_by_label("Typ").input_value() == "municipality"
    screenshot(page, "public-organisation-list-page-2")
    assert_accessible(page, "organisation list, municipalities, page 2")


def test_accessibility_report_shows_errors_then_thanks(browser_page, live_server):
    page = browser_page
    goto(page, live_server, "/tillganglighet/")
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Rapportera brist i tillgängligheten").click()
    assert urlsplit(page.url).path == "/tillganglighet/rapportera/"

    with page.expect_navigation():
        page.get_by_role("button", name="Skicka rapporten").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "Det finns ett problem" in summary.inner_text()
    assert "Beskriv problemet du hittade." in summary.inner_text()
    # The summary takes focus so that screen-reader users hear it first.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    screenshot(page, "public-accessibility-report-errors")
    assert_accessible(page, "accessibility report with errors")

    page.get_by_label("Beskriv problemet").fill("Kartan går inte att använda med tangentbordet.")
    page.get_by_label("Din e-postadress").fill("inte-en-adress")
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka rapporten").click()
    assert "Ange en giltig e-postadress" in page.locator(".error-summary").inner_text()
    # What the visitor wrote is kept.
    assert "tangentbordet" in page.get_by_label("Beskriv problemet").input_value()

    page.get_by_label("Din e-postadress").fill("besokare@example.se")
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka rapporten").click()
    assert urlsplit(page.url).path == "/tillganglighet/"
    assert page.get_by_role("status").get_by_text("Tack! Din rapport har skickats.").is_visible()
    screenshot(page, "public-accessibility-report-sent")
    assert_accessible(page, "accessibility statement after a report")


def test_quick_exit_is_on_every_public_page_and_leaves_the_site(browser, live_server):
    own_host = urlsplit(live_server.url).netloc
    context = browser.new_context()
    # The neutral site is answered locally: tests never reach the internet.
    context.route(
        lambda url: urlsplit(url).netloc != own_host,
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>neutral</p>"),
    )
    page = context.new_page()
    try:
        for path in PUBLIC_PAGES.values():
            goto(page, live_server, path)
            link = page.get_by_role("link", name="Lämna sidan snabbt")
            assert link.count() == 1, f"no quick exit on {path}"
            href = urlsplit(link.get_attribute("href"))
            assert href.scheme == "https", f"quick exit on {path} is not an https link"
            assert href.netloc and href.netloc != own_host, f"quick exit on {path} stays here"

        goto(page, live_server, "/lan/")
        goto(page, live_server, "/kommuner/0880/")
        with page.expect_navigation():
            page.get_by_role("link", name="Lämna sidan snabbt").click()
        assert urlsplit(page.url).netloc != own_host
        # The page left is replaced in the history: Back does not return to it.
        page.go_back()
        assert urlsplit(page.url).path == "/lan/"

        # Shift+Escape is the keyboard shortcut for the same.
        goto(page, live_server, "/organisationer/")
        with page.expect_navigation():
            page.keyboard.press("Shift+Escape")
        assert urlsplit(page.url).netloc != own_host
    finally:
        context.close()
