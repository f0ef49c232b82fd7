"""The annual report in the browser: a county editor starts the report from the list, reads the
drafted figures, writes the text; the national role opens the overview. Every page passes axe."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from samordna.reports.models import AnnualReport
from tests.browser.conftest import assert_accessible, goto, login, screenshot

pytestmark = pytest.mark.browser


def test_editor_starts_and_writes_the_report(browser_page, live_server, editor_08):
    page = browser_page
    login(page, live_server, editor_08)
    goto(page, live_server, "/arsrapport/")
    assert_accessible(page, "report list")
    page.locator("form.form").get_by_label("År", exact=True).select_option("2022")
    with page.expect_navigation():
        page.get_by_role("button", name="Påbörja rapporten").click()
    report = AnnualReport.objects.get(county__code="08", year=2022)
    assert urlsplit(page.url).path == f"/arsrapport/{report.pk}/"
    expect(page.get_by_role("heading", name="1. Resultat och effekter")).to_be_visible()
    expect(
        page.get_by_role("heading", name="3. Regionala och lokala behov av stöd")
    ).to_be_visible()
    screenshot(page, "report-detail")
    assert_accessible(page, "report detail")

    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Redigera texten").click()
    assert_accessible(page, "report text form")
    page.get_by_label("Analys av utvecklingen i länet").fill("Analysen av året.")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    expect(page.locator("main")).to_contain_text("Analysen av året.")


def test_national_overview(browser_page, live_server, national_user, county_08, editor_08):
    from samordna.reports import services

    services.report_create(actor=editor_08, county=county_08, year=2022)
    page = browser_page
    login(page, live_server, national_user)
    goto(page, live_server, "/arsrapport/nationell-oversikt/?year=2022")
    assert page.get_by_role("link", name="Kalmar län").count() == 1
    screenshot(page, "report-national")
    assert_accessible(page, "national overview")
