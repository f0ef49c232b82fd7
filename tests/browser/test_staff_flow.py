"""A county editor logs in through the form, finds People through the main navigation and adds a
person: the wrong input is explained in Swedish, the right input is saved and listed, and the
person can be removed again. Every page on the way passes axe."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import assert_accessible, goto, login, screenshot

pytestmark = pytest.mark.browser


def test_county_editor_adds_a_person(browser_page, live_server, editor_08):
    page = browser_page
    login(page, live_server, editor_08)
    assert urlsplit(page.url).path == "/"
    # The header names the editor's county board.
    assert "Länsstyrelsen i Kalmar län" in page.locator(".site-header").inner_text()
    screenshot(page, "staff-start")
    assert_accessible(page, "start page, logged in")

    nav = page.get_by_role("navigation", name="Arbetsverktyg")
    with page.expect_navigation():
        nav.get_by_role("link", name="Personer").click()
    assert urlsplit(page.url).path == "/personer/"
    assert nav.get_by_role("link", name="Personer").get_attribute("aria-current") == "page"
    screenshot(page, "staff-person-list")
    assert_accessible(page, "person list")

    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Lägg till person").click()
    assert urlsplit(page.url).path == "/personer/ny/"
    assert_accessible(page, "add person form")

    # The form's fields are labelled (axe checks the rest).
    for label in ("Namn", "E-post", "Organisation", "Titel (frivilligt)"):
        assert page.get_by_label(label, exact=True).count() == 1, label
    page.locator("#id_name").fill("")
    page.locator("#id_email").fill("inte-en-adress")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    summary_text = summary.inner_text()
    assert "Ange personens namn." in summary_text
    assert "Ange en giltig e-postadress, till exempel namn@kommun.se." in summary_text
    assert "Välj organisation." in summary_text
    # Each error links to its field.
    assert summary.get_by_role("link").count() == 3
    screenshot(page, "staff-person-form-errors")
    assert_accessible(page, "add person form with errors")

    page.locator("#id_name").fill("Agnes Lindqvist")
    page.locator("#id_email").fill("agnes.lindqvist@kalmar.example")
    page.locator("#id_organisation").select_option(label="Kalmar kommun")
    page.locator("#id_title").fill("Strateg för våld i nära relationer")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    assert urlsplit(page.url).path == "/personer/"
    assert page.get_by_role("status").get_by_text("Personen har lagts till.").is_visible()
    row = page.locator("table tbody tr", has_text="Agnes Lindqvist")
    assert row.count() == 1
    assert "Kalmar kommun" in row.inner_text()
    assert "agnes.lindqvist@kalmar.example" in row.inner_text()
    screenshot(page, "staff-person-added")
    assert_accessible(page, "person list after adding")

    # ... and removes the person again, after a confirmation step.
    with page.expect_navigation():
        row.get_by_role("link", name="Redigera Agnes Lindqvist").click()
    assert page.locator("#id_name").input_value() == "Agnes Lindqvist"
    assert_accessible(page, "edit person form")
    with page.expect_navigation():
        page.get_by_role("link", name="Ta bort person").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Ta bort Agnes Lindqvist?"
    assert_accessible(page, "remove person confirmation")
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, ta bort").click()
    assert page.get_by_role("status").get_by_text("Personen har tagits bort.").is_visible()
    assert page.locator("table tbody tr", has_text="Agnes Lindqvist").count() == 0


STAFF_PAGES = {
    "my-account": "/konto/",
    "organisation-new": "/organisationer/ny/",
    "organisation-edit": "/organisationer/0880/redigera/",
    "people-filtered": "/personer/?q=kalmar",
    "audit-log": None,  # the county admin's page, found through "My account" below
}


def test_county_admin_pages_have_no_accessibility_violations(browser_page, live_server, admin_08):
    page = browser_page
    login(page, live_server, admin_08)
    failures = []
    for name, path in STAFF_PAGES.items():
        if path is None:
            goto(page, live_server, "/konto/")
            with page.expect_navigation():
                page.locator("main").get_by_role("link", name="Händelselogg för ditt län").click()
        else:
            goto(page, live_server, path)
        screenshot(page, f"staff-{name}")
        try:
            assert_accessible(page, name)
        except pytest.fail.Exception as exc:
            failures.append(str(exc))
    # A page that does not exist answers with the site's own accessible 404 page.
    response = page.goto(live_server.url + "/organisationer/finns-inte/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Sidan kunde inte hittas"
    try:
        assert_accessible(page, "404 page")
    except pytest.fail.Exception as exc:
        failures.append(str(exc))
    assert failures == [], "\n".join(failures)
