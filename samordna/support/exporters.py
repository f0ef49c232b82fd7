"""Exports of the needs register (XLSX, CSV)."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Need


def _safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas in user-entered text (CSV injection)."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def _rows(needs: list[Need]):
    yield [
        _("County"),
        _("Raised by"),
        _("Municipality"),
        _("Raised on"),
        _("Category"),
        _("Summary"),
        _("Description"),
        _("Source"),
        _("Status"),
        _("The county's response"),
        _("Forwarded to national level"),
        _("Forwarded"),
        _("National theme"),
        _("Note to the national level"),
    ]
    for need in needs:
        municipality = need.raised_by.municipality
        yield [
            need.county.name,
            _safe_cell(need.raised_by.name),
            municipality.name if municipality else "",
            need.raised_on.isoformat(),
            str(need.get_category_display()),
            _safe_cell(need.title),
            _safe_cell(need.description),
            str(need.get_source_display()),
            str(need.get_status_display()),
            _safe_cell(need.response),
            _("Yes") if need.forward_to_national else _("No"),
            timezone.localtime(need.forwarded_at).strftime("%Y-%m-%d") if need.forwarded_at else "",
            _safe_cell(need.national_theme),
            _safe_cell(need.forwarding_note),
        ]


def needs_csv(needs: list[Need]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(_rows(needs))
    # BOM so that Excel opens UTF-8 with Swedish characters correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def needs_xlsx(needs: list[Need]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Support needs")[:31]
    for row in _rows(needs):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths = [16, 28, 16, 12, 26, 36, 60, 16, 14, 50, 12, 12, 24, 40]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
