"""Pages, permissions, exports and the API of the annual report."""

import io
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from samordna.reports import figures, services
from samordna.reports.models import AnnualReport

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "editor_08", "admin_08", "editor_06", "national"]


@pytest.fixture
def users(participant_0880, editor_08, admin_08, editor_06, national_user):
    return {
        "anonymous": None,
        "participant": participant_0880,
        "editor_08": editor_08,
        "admin_08": admin_08,
        "editor_06": editor_06,
        "national": national_user,
    }


@pytest.fixture
def submitted(report_08, editor_08, admin_08):
    services.report_update_text(
        actor=editor_08, report=report_08, results_text="R", analysis_text="A", needs_text="B"
    )
    services.report_mark_ready(actor=editor_08, report=report_08)
    services.report_approve(actor=admin_08, report=report_08)
    return services.report_submit(actor=admin_08, report=report_08)


LIST = [302, 403, 200, 200, 200, 200]
READ = [302, 403, 200, 200, 404, 200]
EDIT = [302, 403, 200, 200, 404, 403]
ADMIN = [302, 403, 403, 200, 404, 403]
POST_ONLY = [302, 403, 405, 405, 405, 405]
NATIONAL = [302, 403, 403, 403, 403, 200]

MATRIX = {
    "/arsrapport/": LIST,
    "/arsrapport/ny/": [302, 403, 200, 200, 200, 403],
    "/arsrapport/nationell-oversikt/": NATIONAL,
    "/arsrapport/{pk}/": READ,
    "/arsrapport/{pk}/redigera/": EDIT,
    "/arsrapport/{pk}/klar-for-granskning/": POST_ONLY,
    "/arsrapport/{pk}/till-utkast/": POST_ONLY,
    "/arsrapport/{pk}/godkann/": POST_ONLY,
    "/arsrapport/{pk}/skicka-in/": POST_ONLY,
    "/arsrapport/{pk}/ny-version/": ADMIN,
    "/arsrapport/{pk}/export.docx": POST_ONLY,
    "/arsrapport/{pk}/export.pdf": POST_ONLY,
    "/arsrapport/{pk}/export.xlsx": POST_ONLY,
    "/arsrapport/export/{pk}/": READ,
    "/arsrapport/export/{pk}/ladda-ned/": READ,
}


@pytest.fixture
def export_08(report_08, editor_08):
    """A finished DOCX of the 2022 report of 08."""
    export = services.report_export_request(actor=editor_08, report=report_08, fmt="docx")
    return services.report_export_generate(export_id=export.pk)


@pytest.mark.parametrize("url_template", list(MATRIX))
def test_report_pages_matrix(url_template, users, report_08, export_08, client_for):
    pk = export_08.pk if url_template.startswith("/arsrapport/export/") else report_08.pk
    url = url_template.format(pk=pk)
    for role, expected in zip(ROLES, MATRIX[url_template], strict=True):
        response = client_for(users[role]).get(url)
        if expected == 405 and response.status_code == 405:
            continue
        assert response.status_code == expected, (url, role, response.status_code)
        if expected == 302:
            assert response.url.startswith("/konto/logga-in/")


def test_every_report_url_is_in_the_matrix():
    from tests.core.test_view_permissions import all_app_patterns

    routes = {route for route, _p in all_app_patterns() if route.startswith("arsrapport/")}
    normalised = {r.replace("<int:pk>", "{pk}").replace("<str:fmt>", "docx") for r in routes}
    assert normalised <= {t.removeprefix("/") for t in MATRIX}
    assert len(routes) == 13


@pytest.mark.parametrize("role", ["editor_08", "admin_08", "national"])
def test_who_may_read_the_report_may_export_it(role, report_08, users, client_for):
    response = client_for(users[role]).post(f"/arsrapport/{report_08.pk}/export.pdf")
    assert response.status_code == 302
    assert response.url.startswith("/arsrapport/export/")


def test_export_of_another_county_and_unknown_formats_are_refused(report_08, users, client_for):
    assert (
        client_for(users["editor_06"]).post(f"/arsrapport/{report_08.pk}/export.docx").status_code
        == 404
    )
    assert (
        client_for(users["participant"]).post(f"/arsrapport/{report_08.pk}/export.docx").status_code
        == 403
    )
    assert (
        client_for(users["editor_08"]).post(f"/arsrapport/{report_08.pk}/export.odt").status_code
        == 404
    )


def test_review_flow_over_http(report_08, users, client_for):
    editor, admin = client_for(users["editor_08"]), client_for(users["admin_08"])
    pk = report_08.pk
    response = editor.post(
        f"/arsrapport/{pk}/redigera/",
        {"results_text": "Resultat", "analysis_text": "Analys", "needs_text": "Behov"},
    )
    assert response.status_code == 302
    editor.post(f"/arsrapport/{pk}/klar-for-granskning/")
    assert editor.post(f"/arsrapport/{pk}/godkann/").status_code == 403
    assert client_for(users["national"]).post(f"/arsrapport/{pk}/godkann/").status_code == 403
    assert client_for(users["editor_06"]).post(f"/arsrapport/{pk}/godkann/").status_code == 404
    admin.post(f"/arsrapport/{pk}/godkann/")
    assert editor.post(f"/arsrapport/{pk}/skicka-in/").status_code == 403
    admin.post(f"/arsrapport/{pk}/skicka-in/")
    report_08.refresh_from_db()
    assert report_08.status == AnnualReport.Status.SUBMITTED


def test_locked_report_refuses_edit_with_swedish_message(submitted, users, client_for):
    response = client_for(users["editor_08"]).post(
        f"/arsrapport/{submitted.pk}/redigera/",
        {"results_text": "Ändrat", "analysis_text": "A", "needs_text": "B"},
    )
    assert response.status_code == 200
    assert "är låst" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.results_text == "R"


def test_reopen_over_http_creates_version_2(submitted, users, client_for):
    response = client_for(users["admin_08"]).post(
        f"/arsrapport/{submitted.pk}/ny-version/", {"reason": "Rättad siffra"}
    )
    assert response.status_code == 302
    new = AnnualReport.objects.get(county=submitted.county, year=2022, version=2)
    assert response.url == new.get_absolute_url()


def test_detail_shows_figures_with_links(report_08, users, client_for):
    page = client_for(users["editor_08"]).get(f"/arsrapport/{report_08.pk}/").content.decode()
    assert "Resultat och effekter" in page
    assert "Analys av utvecklingen i länet" in page
    assert "Regionala och lokala behov av stöd" in page
    assert "/stod/behov/?county=08&amp;year=2022" in page


def test_docx_export_opens_with_headings_and_tables(report_08, users, client_for, export_file):
    response = export_file(client_for(users["editor_08"]), report_08, "docx")
    assert response["Content-Disposition"] == 'attachment; filename="arsrapport-kalmar-2022.docx"'
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    doc = Document(io.BytesIO(response.body))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Resultat och effekter" in headings
    assert "Regionala och lokala behov av stöd" in headings
    # Without plan or events only the support figures have rows.
    assert [c.text for c in doc.tables[0].rows[0].cells] == ["Uppgift", "Antal"]
    assert doc.tables[0].rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_pdf_export_is_tagged_pdf_ua_with_the_figures(demo, client_for, export_file):
    from samordna.accounts.models import User

    report = AnnualReport.objects.get(county__code="06", year=2022)
    editor = User.objects.get(email="utvecklingsledare.jonkoping@lansstyrelsen.example")
    response = export_file(client_for(editor), report, "pdf")
    assert response["Content-Disposition"].endswith('arsrapport-jonkoping-2022.pdf"')
    assert response["Content-Type"] == "application/pdf"
    content = response.body
    assert content.startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True)
    assert "Tagged:          yes" in info.stdout.decode()
    meta = subprocess.run(["pdfinfo", "-meta", "-"], input=content, capture_output=True, check=True)
    assert "pdfuaid:part" in meta.stdout.decode()
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    text = " ".join(text.split())
    fig = figures.report_figures(report.county, 2022)
    assert "Resultat och effekter" in text
    assert f"{fig['events']['attended']} deltagare som närvarade" in text
    for row in fig["events"]["rows"]:
        assert row["title"] in text


def test_xlsx_values_equal_the_figures(demo, client_for, export_file):
    from samordna.accounts.models import User

    report = AnnualReport.objects.get(county__code="06", year=2022)
    editor = User.objects.get(email="utvecklingsledare.jonkoping@lansstyrelsen.example")
    response = export_file(client_for(editor), report, "xlsx")
    assert response["Content-Disposition"].endswith('arsrapport-jonkoping-2022.xlsx"')
    workbook = load_workbook(io.BytesIO(response.body))
    fig = figures.report_figures(report.county, 2022)
    subgoals = list(workbook["Delmål"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2], r[3], r[7]) for r in subgoals] == [
        (r["subgoal"], r["activities"], r["done"], r["attended"]) for r in fig["activities"]["rows"]
    ]
    events = list(workbook["Evenemang"].iter_rows(min_row=2, values_only=True))
    assert sum(r[4] for r in events) == fig["events"]["attended"]


def test_submitted_export_uses_the_snapshot(submitted, users, client_for, export_file):
    submitted.snapshot["events"]["count"] = 4242
    AnnualReport.objects.filter(pk=submitted.pk).update(snapshot=submitted.snapshot)
    national = client_for(users["national"])
    page = national.get(f"/arsrapport/{submitted.pk}/").content.decode()
    assert "4\u00a0242 evenemang" in page
    doc = Document(io.BytesIO(export_file(national, submitted, "docx").body))
    assert any("4\u00a0242 evenemang" in p.text for p in doc.paragraphs)


def test_api_lists_status_and_submitted_at(submitted, users, client_for):
    response = client_for(users["national"]).get("/api/v1/reports?county=08&year=2022")
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["status"] == "submitted" and item["submitted_at"]
    assert client_for(users["editor_06"]).get("/api/v1/reports?county=08").json()["items"] == []
    assert client_for(None).get("/api/v1/reports").status_code == 401
    assert client_for(users["participant"]).get("/api/v1/reports").status_code == 403


def test_national_overview_lists_all_counties(submitted, users, client_for):
    page = client_for(users["national"]).get("/arsrapport/nationell-oversikt/?year=2022")
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count("<tr>") >= 21
    assert "1 av 21 län har skickat in rapporten för 2022" in body


def test_national_overview_keeps_the_default_year_when_only_a_theme_is_chosen(
    submitted, users, client_for
):
    from django.utils import timezone

    default_year = timezone.localdate().year - 1
    page = client_for(users["national"]).get("/arsrapport/nationell-oversikt/?theme=")
    body = page.content.decode()
    assert f'<option value="{default_year}" selected>' in body
    assert f"har skickat in rapporten för {default_year}" in body
