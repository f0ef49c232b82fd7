"""Exports of an annual report: DOCX (what the recipients work in), PDF/UA and XLSX of the
figures. Each takes the report and its figures and returns bytes; the task worker makes them
(``services.report_export_generate``)."""

from django.utils.text import slugify

from . import docx, pdf, xlsx

EXPORTERS = {
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        docx.render,
    ),
    "pdf": ("application/pdf", pdf.render),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.render),
}


def county_slug(name: str) -> str:
    """ "Kalmar län" → "kalmar", "Jönköpings län" → "jonkoping" (genitive s dropped)."""
    base = name.removesuffix(" län")
    if name.endswith("s län"):
        base = base.removesuffix("s")
    return slugify(base.replace("ö", "o").replace("ä", "a").replace("å", "a"))


def export_filename(report, fmt: str) -> str:
    """``arsrapport-<county>-<year>[-v<version>].<fmt>``, the name a download gets."""
    filename = f"arsrapport-{county_slug(report.county.name)}-{report.year}"
    if report.version > 1:
        filename += f"-v{report.version}"
    return f"{filename}.{fmt}"
