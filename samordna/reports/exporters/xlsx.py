"""XLSX export: the report's underlying figures, one sheet per figure group."""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def _safe(value):
    """Text that a spreadsheet would read as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _sheet(workbook, title: str, headings: list[str], rows: list[list]) -> None:
    sheet = workbook.create_sheet(title[:31])
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(value) for value in row])
    for index, heading in enumerate(headings, start=1):
        width = max([len(str(heading))] + [len(str(r[index - 1] or "")) for r in rows] + [8])
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"


def render(report, fig: dict, *, progress=None) -> bytes:
    with translation.override("sv"):
        return _render(report, fig)


def _render(report, fig: dict) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Report")[:31]
    for row in (
        [_("County"), report.county.name],
        [_("Year"), report.year],
        [_("Version"), report.version],
        [_("Status"), str(report.get_status_display())],
        [_("Figures computed"), fig.get("computed_at", "")],
    ):
        summary.append(row)
    summary.column_dimensions["A"].width = 24
    summary.column_dimensions["B"].width = 40

    activities = fig["activities"]
    _sheet(
        workbook,
        _("Sub-goals"),
        [
            _("Sub-goal"),
            _("Title"),
            _("Activities in the plan"),
            pgettext("activities", "Done"),
            _("Ongoing"),
            _("Participants reported"),
            _("Events held"),
            _("Participants at events"),
        ],
        [
            [
                r["subgoal"],
                r["title"],
                r["activities"],
                r["done"],
                r["ongoing"],
                r["participants_reported"],
                r["events"],
                r["attended"],
            ]
            for r in activities["rows"]
        ],
    )
    events = fig["events"]
    _sheet(
        workbook,
        _("Events"),
        [_("Event"), _("Date"), _("Type"), _("Registered"), _("Attended")],
        [
            [e["title"], e["date"], e["type"], e["registrations"], e["attended"]]
            for e in events["rows"]
        ],
    )
    participants = fig["participants"]
    _sheet(
        workbook,
        _("Organisation types"),
        [_("Organisation type"), _("Participants")],
        [[r["label"], r["count"]] for r in participants["by_kind"]],
    )
    _sheet(
        workbook,
        _("Municipalities"),
        [_("Municipality code"), _("Municipality"), _("Participants")],
        [[r["code"], r["label"], r["count"]] for r in participants["by_municipality"]],
    )
    _sheet(
        workbook,
        _("Coverage"),
        [_("Goal"), _("Target year"), _("Reached"), _("Reached the year before"), _("Of")],
        [
            [g["name"], g["target_year"], g["achieved"], g["achieved_previous_year"], g["total"]]
            for g in fig["coverage"]["goals"]
        ],
    )
    _sheet(
        workbook,
        _("Indicators"),
        [_("Indicator"), _("Unit"), str(report.year), str(report.year - 1), _("Respondents")],
        [
            [r["name"], r["unit"], r["value"], r["previous"], r["respondents"]]
            for r in fig["indicators"]["rows"]
        ],
    )
    _sheet(
        workbook,
        _("Campaigns"),
        [_("Campaign"), _("Start"), _("End"), _("National"), _("Spread by organisations")],
        [
            [
                c["title"],
                c["start"],
                c["end"],
                _("Yes") if c["national"] else _("No"),
                c["spread_by"],
            ]
            for c in fig["campaigns"]["rows"]
        ],
    )
    _sheet(
        workbook,
        _("Newsletters"),
        [_("Issue"), _("Sent"), _("Recipients")],
        [[n["title"], n["date"], n["recipients"]] for n in fig["newsletters"]["rows"]],
    )
    support = fig["support"]
    _sheet(
        workbook,
        _("Support"),
        [_("Figure"), _("Count")],
        [
            [_("Process support active during the year"), support["engagements_active"]],
            [_("Process support completed"), support["engagements_completed"]],
            [_("Organisations supported"), support["organisations_supported"]],
            [_("Actor visits"), support["visits"]],
            [_("Needs raised"), support["needs_raised"]],
            [_("Needs forwarded to national level"), support["needs_forwarded"]],
        ]
        + [[r["label"], r["count"]] for r in support["needs_by_category"]],
    )
    _sheet(
        workbook,
        _("Needs"),
        [
            _("Need"),
            _("Raised by"),
            _("Category"),
            _("Status"),
            _("Forwarded"),
            _("National theme"),
        ],
        [
            [
                n["title"],
                n["organisation"],
                n["category"],
                n["status"],
                _("Yes") if n["forwarded"] else _("No"),
                n["theme"],
            ]
            for n in support["needs"]
        ],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
