"""Exports of a plan: DOCX and PDF with the source action plan's table layout, XLSX of all
activity fields. Each exporter takes a plan whose content is prefetched and returns bytes."""

from . import docx, pdf, xlsx

EXPORTERS = {
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        docx.render,
    ),
    "pdf": ("application/pdf", pdf.render),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.render),
}
