"""Registration exports (CSV, XLSX) and the certificate of attendance (PDF)."""

import csv
import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Event, Question, Registration


def _rows(registrations: list[Registration], questions: list[Question]):
    header = [
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Municipality"),
        _("Status"),
        _("Attended"),
        _("Registered"),
        *[q.label for q in questions],
    ]
    yield header
    for r in registrations:
        answers = []
        for q in questions:
            value = r.answers.get(q.key, "")
            if isinstance(value, bool):
                value = _("Yes") if value else _("No")
            answers.append(_safe_cell(str(value)))
        yield [
            _safe_cell(r.name),
            r.email,
            _safe_cell(r.organisation_display),
            r.municipality.name if r.municipality_id else "",
            str(r.get_status_display()),
            _("Yes") if r.attended else _("No"),
            timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
            *answers,
        ]


def _safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas in user-entered text (CSV injection)."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def registrations_csv(event: Event, registrations, questions) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in _rows(registrations, questions):
        writer.writerow(row)
    # BOM so that Excel opens UTF-8 with Swedish characters correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def registrations_xlsx(event: Event, registrations, questions) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    for row in _rows(registrations, questions):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def certificate_pdf(registration: Registration) -> bytes:
    from weasyprint import HTML

    event = registration.event
    html = render_to_string(
        "events/certificate.html",
        {
            "registration": registration,
            "event": event,
            "sessions": list(event.sessions.all()),
            "issued": timezone.localdate(),
        },
    )
    return HTML(string=html).write_pdf()
