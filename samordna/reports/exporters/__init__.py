"""Exports of an annual report: DOCX (what the recipients work in), PDF/UA and XLSX of the
figures. Each takes the report and its figures and returns bytes."""

from . import docx, pdf, xlsx

EXPORTERS = {
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        docx.render,
    ),
    "pdf": ("application/pdf", pdf.render),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.render),
}
