"""Export tables (header + rows) for raw answers and indicator values, and the CSV/XLSX writers."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import engine, selectors
from ..maps import format_value
from ..models import Answer, Question, Survey


def answers_table(survey: Survey) -> tuple[list[str], list[list]]:
    """One row per assigned organisation, one column per question (matrix: per row)."""
    questions = selectors.survey_questions(survey)
    header = [_("Organisation code"), _("Organisation"), _("Status"), _("Submitted")]
    columns: list[tuple[Question, str | None]] = []
    for question in questions:
        if question.kind == Question.Kind.MATRIX:
            for row in question.matrix_rows:
                columns.append((question, row))
                header.append(f"{question.key} [{row}]")
        else:
            columns.append((question, None))
            header.append(question.key)
    values: dict[tuple, object] = {
        (a.response.organisation_id, a.question_id): a.value
        for a in Answer.objects.filter(response__survey=survey).select_related("response")
    }
    rows = []
    status_labels = {"not_started": _("Not started")}
    for item in selectors.response_overview(survey):
        organisation = item["organisation"]
        response = item["response"]
        row = [
            organisation.code,
            organisation.name,
            response.get_status_display() if response else status_labels["not_started"],
            timezone.localtime(response.submitted_at).strftime("%Y-%m-%d %H:%M")
            if response and response.submitted_at
            else "",
        ]
        for question, matrix_row in columns:
            value = values.get((organisation.pk, question.pk))
            if matrix_row is not None:
                row.append((value or {}).get(matrix_row, "") if isinstance(value, dict) else "")
            elif question.kind == Question.Kind.NUMBER and value not in (None, ""):
                row.append(float(value) if "." in str(value) else int(value))
            else:
                row.append(engine.display_value(question, value))
        rows.append(row)
    return header, rows


def indicator_table(user, indicators, *, year: int | None = None, county=None):
    """Visible indicator values: one row per indicator, year and level (and organisation)."""
    header = [
        _("Indicator key"),
        _("Indicator"),
        _("Year"),
        _("Level"),
        _("County"),
        _("Organisation code"),
        _("Organisation"),
        _("Value"),
        _("Shown as"),
        _("Unit"),
        _("Number of answers"),
    ]
    rows = []
    for indicator in indicators:
        values = selectors.indicator_values_for_user(user, indicator)
        if year is not None:
            values = values.filter(year=year)
        if county is not None:
            values = values.filter(county=county) | values.filter(county__isnull=True)
        rows.extend(
            [
                indicator.key,
                indicator.name,
                value.year,
                value.get_level_display(),
                value.county.name if value.county_id else "",
                value.organisation.code if value.organisation_id else "",
                value.organisation.name if value.organisation_id else "",
                value.value,
                format_value(indicator, value.value, level=value.level),
                indicator.unit,
                value.respondents,
            ]
            for value in values.order_by("year", "level", "organisation__name")
        )
    return header, rows


def to_csv(header: list[str], rows: list[list]) -> bytes:
    """CSV for Swedish Excel: UTF-8 with BOM, semicolon separated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else _csv_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(cell):
    if isinstance(cell, float):
        return f"{cell:g}".replace(".", ",")
    text = str(cell)
    # Never let a cell start a spreadsheet formula.
    if text[:1] in ("=", "+", "-", "@") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def to_xlsx(header: list[str], rows: list[list], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xlsx_cell(cell) for cell in row])
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 50)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(cell):
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@"):
        return "'" + cell
    return cell
