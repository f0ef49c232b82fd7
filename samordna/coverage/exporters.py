"""The county matrix as CSV and XLSX: one row per municipality/region, one column per goal
(the year the item was completed, or empty), then the other columns of the matrix."""

import csv
import io

from django.utils.translation import gettext as _

from .selectors import CountyCoverage


def _safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas in user-entered text (CSV injection)."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def _rows(coverage: CountyCoverage):
    yield [
        _("Organisation"),
        _("Kind"),
        *[_safe_cell(goal.short_label) for goal in coverage.goals],
        _("Goals met"),
        _("Base courses in introduction training"),
        _("Joined the strategy"),
        _("Process support"),
        _("Survey submitted %(year)s") % {"year": coverage.year},
    ]
    for row in coverage.rows:
        cells = []
        for cell in row.cells:
            if not cell.applies:
                cells.append("")
            elif cell.completion is not None:
                cells.append(str(cell.completion.year))
            else:
                cells.append(_("No"))
        yield [
            _safe_cell(row.organisation.name),
            str(row.organisation.get_kind_display()),
            *cells,
            f"{row.goals_met}/{row.goals_total}",
            _safe_cell(", ".join(row.introduction_courses)),
            _("Yes") if row.affiliation else _("No"),
            _safe_cell(", ".join(e.title for e in row.support)),
            _("Yes") if row.survey_submitted else _("No"),
        ]


def matrix_csv(coverage: CountyCoverage) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(_rows(coverage))
    # BOM so that Excel opens UTF-8 with Swedish characters correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def matrix_xlsx(coverage: CountyCoverage) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (_("Coverage") + f" {coverage.year}")[:31]
    for row in _rows(coverage):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 28
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
