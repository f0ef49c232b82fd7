"""PDF export: the same content as the web page, laid out by WeasyPrint from an HTML template,
with the annual wheel as an SVG figure."""

from django.template.loader import render_to_string
from weasyprint import HTML

from .layout import document


def render_html(plan) -> str:
    return render_to_string("plans/export_pdf.html", document(plan))


def render(plan) -> bytes:
    return HTML(string=render_html(plan)).write_pdf()
