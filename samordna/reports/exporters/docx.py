"""DOCX export with python-docx: a cover page, a table of contents field (Word fills in the page
numbers when the document is opened or the field is updated), headings, tables with repeated
header rows and bar charts as PNG with alt text."""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .. import charts, document

HEADER_FILL = "D9E2F3"
BRAND = RGBColor(0x1F, 0x3A, 0x5F)


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _mark_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _toc(doc) -> None:
    """A TOC field over heading levels 1–2."""
    paragraph = doc.add_paragraph()
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "1-2" \\h \\z \\u'
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = _("Right-click and choose Update field to show the table of contents.")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate, placeholder, end):
        run._r.append(element)
    # Ask Word to refresh fields (the TOC page numbers) when the document is opened.
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _table(doc, table: document.Table) -> None:
    caption = doc.add_paragraph(table.caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _mark_header(grid.rows[0])
    for index, (cell, heading) in enumerate(zip(grid.rows[0].cells, table.headers, strict=True)):
        cell.text = ""
        run = cell.paragraphs[0].add_run(heading)
        run.bold = True
        _shade(cell, HEADER_FILL)
        if table.numeric and table.numeric[index]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    rows = list(table.rows) + ([table.footer] if table.footer else [])
    for row_index, values in enumerate(rows):
        cells = grid.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.text = value or ""
            if table.numeric and table.numeric[index]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if table.footer and row_index == len(rows) - 1:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    doc.add_paragraph()


def _chart(doc, chart: charts.BarChart, number: int) -> None:
    doc.add_picture(io.BytesIO(charts.render_png(chart)), width=Cm(15))
    picture = doc.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True
    for properties in picture._p.xpath(".//wp:docPr"):
        properties.set("descr", chart.description)
        properties.set("title", chart.title)
    doc.add_paragraph(
        _("Figure %(number)s. %(title)s") % {"number": number, "title": chart.title},
        style="Caption",
    )


def _texts(doc, texts: list[str], missing: bool, draft: bool) -> None:
    for text in texts:
        doc.add_paragraph(text)
    if missing and draft:
        run = doc.add_paragraph().add_run(_("The text of this section has not been written yet."))
        run.italic = True


def render(report, fig: dict, *, progress=None) -> bytes:
    with translation.override("sv"):
        return _render(report, fig)


def _render(report, fig: dict) -> bytes:
    data = document.build(report, fig)
    draft = not report.is_locked
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    doc.core_properties.title = f"{data['title']} – {report.county.board_name}"
    doc.core_properties.author = report.county.board_name
    doc.core_properties.language = "sv-SE"
    doc.core_properties.subject = data["subtitle"]

    # Cover page.
    for _index in range(6):
        doc.add_paragraph()
    board = doc.add_paragraph()
    board_run = board.add_run(report.county.board_name)
    board_run.font.size = Pt(14)
    board_run.font.color.rgb = BRAND
    doc.add_heading(data["title"], level=0)
    subtitle = doc.add_paragraph()
    subtitle.add_run(data["subtitle"]).font.size = Pt(14)
    meta = doc.add_paragraph()
    meta.add_run(
        _("Report to the Swedish Gender Equality Agency and the Government Offices, due %(date)s.")
        % {"date": data["deadline"]}
    )
    meta.add_run().add_break()
    status = _("Version %(version)s · %(status)s") % {
        "version": report.version,
        "status": report.get_status_display(),
    }
    if report.submitted_at:
        status += " · " + _("submitted %(date)s") % {"date": data["submitted_on"]}
    meta.add_run(status)
    if draft:
        meta.add_run().add_break()
        meta.add_run(
            _("Draft: the figures are computed from the data on %(date)s and may change.")
            % {"date": data["computed_at"]}
        ).italic = True
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    contents = doc.add_paragraph().add_run(_("Contents"))
    contents.bold = True
    contents.font.size = Pt(16)
    contents.font.color.rgb = BRAND
    _toc(doc)
    doc.add_section(WD_SECTION.NEW_PAGE)

    figure_number = 0
    for section in data["sections"]:
        doc.add_heading(section.heading, level=1)
        _texts(doc, section.texts, section.narrative_missing, draft)
        for part in section.parts:
            doc.add_heading(part.heading, level=2)
            _texts(doc, part.texts, part.narrative_missing, draft)
            for fact in part.facts:
                doc.add_paragraph(fact)
            if part.note:
                doc.add_paragraph(part.note)
            for table in part.tables:
                _table(doc, table)
            for chart in part.charts:
                figure_number += 1
                _chart(doc, chart, figure_number)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
