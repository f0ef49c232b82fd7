"""The demo data holds the complete Jönköping action plan 2022, and its DOCX and PDF exports
match the source document's tables row by row, area by area."""

import io
import re
import subprocess
from html.parser import HTMLParser

import pytest
from docx import Document
from openpyxl import load_workbook

from samordna.plans import demo
from samordna.plans.exporters import docx as docx_export
from samordna.plans.exporters import pdf as pdf_export
from samordna.plans.exporters import xlsx as xlsx_export
from samordna.plans.selectors import plan_get_with_content
from samordna.strategy.labels import parse_subgoal_label, subgoal_label
from tests.conftest import require_tool
from tests.plans.seed_table import HEADER, seed_areas, seed_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def jonkoping():
    demo.seed()
    plan = demo.seed_jonkoping_2022()
    return plan_get_with_content(plan.pk)


@pytest.fixture
def kalmar():
    demo.seed()
    return plan_get_with_content(demo.seed_kalmar_2022().pk)


@pytest.fixture
def source():
    path = seed_path()
    if path is None:
        pytest.skip("shared/seeds is not beside the repository")
    return seed_areas(path)


def assert_row_matches(exported: list[str], expected: list[str], where: str) -> None:
    activity, target, outcome, label = (cell.strip() for cell in exported)
    assert [activity, target, outcome] == expected[:3], where
    # The source writes the same sets in two ways ("2–3, 5" and "2, 3, 5", "3-4, 5"):
    # the export writes each set one way, with the same numbers.
    numbers = parse_subgoal_label(expected[3])
    assert parse_subgoal_label(label) == numbers, where
    assert label == subgoal_label(numbers), where


def test_demo_is_idempotent_and_complete(jonkoping, kalmar):
    again = demo.seed()
    assert again["jonkoping_2022_activities"] == 37
    assert [area.name for area in jonkoping.areas.all()] == [
        "Regional strategi",
        "Samordning",
        "Projekt och kartläggningar",
        "Utbildning och kompetensutveckling",
        "Kommunikation",
    ]
    assert jonkoping.published and kalmar.published
    assert jonkoping.strategy.subgoals.count() == 5


def test_demo_plan_matches_the_source_area_by_area(jonkoping, source):
    areas = list(jonkoping.areas.all())
    assert len(areas) == len(source)
    for area, (name, rows) in zip(areas, source, strict=True):
        assert area.name.lower() == name
        activities = list(area.activities.all())
        assert len(activities) == len(rows), name
        for activity, expected in zip(activities, rows, strict=True):
            assert_row_matches(
                [activity.title, activity.target_groups, activity.outcome, activity.subgoal_label],
                expected,
                f"{name}: {expected[0][:40]}",
            )


def _docx_area_tables(content: bytes) -> list[tuple[str, list[list[str]]]]:
    document = Document(io.BytesIO(content))
    result = []
    heading = None
    tables = iter(document.tables)
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            style = block.xpath("string(./w:pPr/w:pStyle/@w:val)")
            text = "".join(block.xpath(".//w:t/text()"))
            if style.startswith("Heading"):
                heading = text
        elif tag == "tbl":
            table = next(tables)
            rows = [[cell.text for cell in row.cells] for row in table.rows]
            if rows and rows[0] == HEADER:
                result.append((heading, rows[1:]))
    return result


def test_docx_export_matches_the_source_tables(jonkoping, source):
    tables = _docx_area_tables(docx_export.render(jonkoping))
    assert [heading for heading, _rows in tables] == [f"Område {name}" for name, _ in source]
    for (heading, rows), (_name, expected_rows) in zip(tables, source, strict=True):
        assert len(rows) == len(expected_rows), heading
        for row, expected in zip(rows, expected_rows, strict=True):
            assert_row_matches(row, expected, heading)
    document = Document(io.BytesIO(docx_export.render(jonkoping)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Anna Alm-Mårtensson" in text and "tania.karanja@lansstyrelsen.se" in text
    # The contacts come after the last area table.
    assert text.index("Kontaktuppgifter") > text.index("Område kommunikation")


class _TableParser(HTMLParser):
    """Collects (h2 text, rows) for tables of the PDF's HTML."""

    def __init__(self):
        super().__init__()
        self.tables, self.heading, self.capture, self.cell, self.row = [], "", None, None, None
        self.in_h2 = False

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self.in_h2, self.heading = True, ""
        elif tag == "table":
            self.tables.append((self.heading.strip(), []))
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = ""
        elif tag == "br" and self.cell is not None:
            self.cell += "\n"

    def handle_endtag(self, tag):
        if tag == "h2":
            self.in_h2 = False
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[-1][1].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.in_h2:
            self.heading += data
        if self.cell is not None:
            self.cell += data


def test_pdf_export_matches_the_source_tables(jonkoping, source):
    parser = _TableParser()
    parser.feed(pdf_export.render_html(jonkoping))
    area_tables = [(h, rows[1:]) for h, rows in parser.tables if rows and rows[0] == HEADER]
    assert [heading for heading, _ in area_tables] == [f"Område {name}" for name, _ in source]
    for (heading, rows), (_name, expected_rows) in zip(area_tables, source, strict=True):
        assert len(rows) == len(expected_rows), heading
        for row, expected in zip(rows, expected_rows, strict=True):
            assert_row_matches([re.sub(r"\n\s*", "\n", cell) for cell in row], expected, heading)


def test_pdf_text_holds_every_activity_and_the_wheel(jonkoping, source, tmp_path):
    require_tool("pdftotext")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(pdf_export.render(jonkoping))
    text = subprocess.run(  # noqa: S603
        ["pdftotext", str(pdf), "-"],
        capture_output=True,
        check=True,
        text=True,  # noqa: S607
    ).stdout
    flat = " ".join(text.split())
    for name, rows in source:
        assert f"Område {name}" in flat
        for row in rows:
            first_line = " ".join(row[0].splitlines()[0].split())
            assert first_line[:35] in flat, first_line
    assert "Årshjul 2022" in flat
    assert "Anna Alm-Mårtensson" in flat


def test_competence_plan_exports_mark_financed_trainings(kalmar):
    document = Document(io.BytesIO(docx_export.render(kalmar)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Utbildning i riskbedömningsinstrumentet Patriark *" in cells
    assert "Föreläsning våldsprevention för chefer" in cells
    text = "\n".join(p.text for p in document.paragraphs)
    assert "* Finansieras av kommunförbundet." in text
    html = pdf_export.render_html(kalmar)
    assert 'role="img"' in html and "Webbkurs om våld – Nationellt centrum för kvinnofrid" in html


def test_xlsx_export_has_every_activity_with_all_fields(jonkoping):
    workbook = load_workbook(io.BytesIO(xlsx_export.render(jonkoping)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 37
    header = rows[0]
    assert "Regionala delmål" in header and "Status" in header and "Antal deltagare" in header
    first = dict(zip(header, rows[1], strict=True))
    assert first["Aktivitet"] == "Samordna arbetet kring regional strategi"
    assert first["Regionala delmål"] == "Delmål 1–5"
    assert first["Status"] == "Planerad"


def test_xlsx_neutralises_formula_like_text(county_06):
    from tests.plans.factories import add_activity, make_plan

    plan = make_plan(county_06)
    add_activity(plan, title='=HYPERLINK("http://x")')
    workbook = load_workbook(io.BytesIO(xlsx_export.render(plan_get_with_content(plan.pk))))
    assert workbook.active.cell(row=2, column=4).value.startswith("'=")
