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


def test_export_is_made_in_the_background_and_downloaded(
    browser_page, live_server, editor_08, county_08
):
    from samordna.reports import services

    report = services.report_create(actor=editor_08, county=county_08, year=2022)
    page = browser_page
    login(page, live_server, editor_08)
    goto(page, live_server, f"/arsrapport/{report.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Skapa Word-fil").click()
    # The test settings run the task at once (on commit), so the file is ready.
    expect(page.locator("#export-step")).to_have_text("Filen är klar")
    assert_accessible(page, "export status (done)")
    screenshot(page, "report-export-done")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned arsrapport-kalmar-2022.docx").click()
    assert download.value.suggested_filename == "arsrapport-kalmar-2022.docx"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_export_status_updates_itself_while_the_file_is_made(
    javascript, new_page, live_server, editor_08, county_08, monkeypatch
):
    from samordna.reports import services

    report = services.report_create(actor=editor_08, county=county_08, year=2022)
    # No worker yet: the export waits until the test makes it below.
    monkeypatch.setattr(services, "_enqueue_export", lambda export_id: None)
    export = services.report_export_request(actor=editor_08, report=report, fmt="pdf")
    page = new_page(java_script_enabled=javascript)
    login(page, live_server, editor_08)
    goto(page, live_server, f"/arsrapport/export/{export.pk}/")
    status = page.locator("#export-step")
    expect(status).to_have_text("Väntar på att servern ska börja (0 %)")
    expect(status).to_have_attribute("role", "status")
    if javascript:
        assert_accessible(page, "export status (waiting)")
        screenshot(page, "report-export-waiting")
    else:
        expect(page.get_by_role("link", name="Sluta ladda om")).to_be_visible()
    services.report_export_generate(export_id=export.pk)
    # With JavaScript the page is updated in place, without it the page reloads itself.
    expect(status).to_have_text("Filen är klar", timeout=10_000)
    expect(page.get_by_role("link", name="Ladda ned arsrapport-kalmar-2022.pdf")).to_be_visible()
