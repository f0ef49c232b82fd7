"""DOCX export with python-docx. The annual wheel is a PNG figure drawn with Pillow from the same
layout as the SVG (python-docx cannot embed SVG), with alt text, a caption and the same items as a
table after it."""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..wheel_png import render_png
from .layout import document

HEADER_FILL = "D9E2F3"


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


def _table(doc, headings: list[str], rows: list[list[str]]):
    table = doc.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _mark_header(table.rows[0])
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(heading)
        run.bold = True
        _shade(cell, HEADER_FILL)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value or ""
    return table


def _figure(doc, wheel) -> None:
    """The wheel as a centred picture with Swedish alt text and a caption below it."""
    doc.add_picture(io.BytesIO(render_png(wheel)), width=Cm(16))
    picture = doc.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True
    alt = _(
        "Annual wheel %(year)s: the twelve months with %(count)s planned items placed by month "
        "and coloured by area. The same items are listed in the table after the figure."
    ) % {"year": wheel.year, "count": len(wheel.entries)}
    for properties in picture._p.xpath(".//wp:docPr"):
        properties.set("descr", alt)
        properties.set("title", _("Annual wheel %(year)s") % {"year": wheel.year})
    doc.add_paragraph(
        _("Figure 1. Annual wheel %(year)s: the items of the plan by month, coloured by area.")
        % {"year": wheel.year},
        style="Caption",
    )


def render(plan) -> bytes:
    data = document(plan)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    doc.core_properties.title = plan.title
    doc.core_properties.author = plan.county.board_name
    doc.core_properties.language = "sv-SE"

    doc.add_paragraph(plan.county.board_name).runs[0].font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    doc.add_heading(plan.title, level=0)
    if data["foreword"]:
        doc.add_heading(_("Foreword"), level=1)
        for text in data["foreword"]:
            doc.add_paragraph(text)
    if data["introduction"]:
        doc.add_heading(
            _("The county board's action plan")
            if plan.kind == "action"
            else _("Purpose and goals"),
            level=1,
        )
        for text in data["introduction"]:
            doc.add_paragraph(text)
    if data["subgoals"]:
        doc.add_paragraph(
            _("The regional strategy %(period)s has these sub-goals:")
            % {"period": plan.strategy.period_label}
        )
        for subgoal in data["subgoals"]:
            doc.add_paragraph(f"Mål {subgoal.number}\t{subgoal.title}", style="List Bullet")
    if data["target_groups"] or data["final_target_groups"]:
        doc.add_heading(_("Target groups and concepts"), level=1)
        for text in data["target_groups"]:
            doc.add_paragraph(text)
        for text in data["final_target_groups"]:
            doc.add_paragraph(text, style="List Bullet")

    doc.add_heading(_("Annual wheel %(year)s") % {"year": plan.year}, level=1)
    wheel = data["wheel"]
    _figure(doc, wheel)
    doc.add_paragraph(_("The annual wheel as a list: the items of the plan by month."))
    _table(
        doc,
        [_("No."), _("Activity"), _("Area"), _("Months")],
        [
            [str(entry.number), entry.title, entry.group.name, entry.period]
            for entry in wheel.entries + wheel.unplaced
        ],
    )

    for table in data["tables"]:
        doc.add_heading(table.heading, level=1)
        if table.description:
            doc.add_paragraph(table.description)
        _table(doc, data["columns"], table.rows)
    if data["financed_note"]:
        doc.add_paragraph(data["financed_note"])
    for text in data["closing"]:
        doc.add_paragraph(text)
    if data["contacts"]:
        doc.add_heading(_("Contact details"), level=1)
        if plan.contacts_heading:
            doc.add_paragraph(plan.contacts_heading)
        for contact in data["contacts"]:
            paragraph = doc.add_paragraph()
            paragraph.add_run(contact.name).bold = True
            for line in (contact.role, contact.email, contact.phone):
                if line:
                    paragraph.add_run().add_break()
                    paragraph.add_run(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
