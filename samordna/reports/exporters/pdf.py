"""PDF export: a tagged, accessible PDF (PDF/UA-1) laid out by WeasyPrint, with a cover, a
table of contents with page numbers (CSS target-counter), tables and SVG charts."""

from django.template.loader import render_to_string
from django.utils import translation

from .. import document


def render_html(report, fig: dict) -> str:
    with translation.override("sv"):
        context = document.build(report, fig)
        return render_to_string("reports/export_pdf.html", context)


def _no_fetch(url, *args, **kwargs):
    """Everything is inline; never fetch over the network."""
    raise ValueError("external resources are not fetched")


def render(report, fig: dict, *, progress=None) -> bytes:
    """``progress(step)`` is called with "layout" once the HTML is built, before WeasyPrint lays
    out the pages (the long part)."""
    from weasyprint import HTML

    html = render_html(report, fig)
    if progress is not None:
        progress("layout")
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf(pdf_variant="pdf/ua-1")
