"""XLSX export: every activity of the plan with all its fields, one row each."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from samordna.organisations.models import Person


def _safe(value):
    """Text that a spreadsheet would read as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def render(plan) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Activities")[:31]
    headings = [
        _("Area"),
        _("No."),
        _("Kind of item"),
        _("Activity"),
        _("Description"),
        _("Target group"),
        _("Target-group categories"),
        _("Outcome"),
        _("Regional sub-goals"),
        _("Responsible staff"),
        _("Months"),
        _("Start date"),
        _("End date"),
        _("Financing"),
        _("Financed by the municipal association"),
        _("Link"),
        _("Status"),
        _("What happened"),
        _("Number of participants"),
        _("Assessment of the result"),
    ]
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    categories = dict(Person.TargetGroup.choices)
    for area in plan.areas.all():
        for number, activity in enumerate(area.activities.all(), start=1):
            sheet.append(
                [
                    _safe(area.name),
                    number,
                    activity.get_kind_display(),
                    _safe(activity.title),
                    _safe(activity.description),
                    _safe(activity.target_groups),
                    ", ".join(str(categories.get(c, c)) for c in activity.target_group_categories),
                    _safe(activity.outcome),
                    activity.subgoal_label,
                    _safe(activity.responsible),
                    ", ".join(str(m) for m in activity.months),
                    activity.start_date,
                    activity.end_date,
                    _safe(activity.financing_note),
                    _("Yes") if activity.financed_by_municipal_association else _("No"),
                    activity.url,
                    activity.get_status_display(),
                    _safe(activity.follow_up),
                    activity.participant_count,
                    _safe(activity.assessment),
                ]
            )
    widths = [28, 6, 18, 50, 30, 30, 24, 40, 18, 22, 12, 12, 12, 24, 12, 30, 12, 30, 10, 30]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
