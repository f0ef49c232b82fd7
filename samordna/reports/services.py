"""Writes of annual reports: create, edit the narrative, the review states (draft → ready for
review → approved → submitted), new versions and deadline reminders. County editors draft and
mark ready; only the county's admin approves and submits; the national role reads only."""

from __future__ import annotations

import datetime
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samordna.accounts.models import COUNTY_ROLES, User
from samordna.core import pagecache
from samordna.core.audit import log_action, model_changes
from samordna.core.errors import Conflict, NotPermitted, ValidationFailed
from samordna.core.permissions import get_access
from samordna.core.services import email_queue
from samordna.organisations.models import County

from . import figures
from .models import (
    EXPORT_DIR,
    YEAR_MAX,
    YEAR_MIN,
    AnnualReport,
    ReportExport,
    ReportReminder,
    export_file_path,
)

logger = logging.getLogger(__name__)

TEXT_FIELDS = ["results_text", "analysis_text", "needs_text"]
REMINDER_DAYS = (30, 14, 7, 1)
Status = AnnualReport.Status


def deadline_for(year: int) -> datetime.date:
    """The report on ``year`` is due on 1 March of the following year."""
    return datetime.date(year + 1, 3, 1)


def _require_edit(actor, report: AnnualReport) -> None:
    if not get_access(actor).can_edit_county(report.county_id):
        raise NotPermitted(_("Only the county board's editors and admins can edit its report."))


def _require_admin(actor, report: AnnualReport) -> None:
    if not get_access(actor).can_admin_county(report.county_id):
        raise NotPermitted(
            _("Only the county admin of %(county)s can approve and submit the report.")
            % {"county": report.county.name}
        )


def _require_unlocked(report: AnnualReport) -> None:
    if report.is_locked:
        raise Conflict(
            _(
                "The report was submitted on %(date)s and is locked. Open a new version to make "
                "changes."
            )
            % {"date": _date(report.submitted_at)}
        )
    if not report.is_latest:
        raise Conflict(_("A newer version of this report exists. Edit the newest version."))


def _date(value) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(value), "j F Y") if value else ""


def _lock(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("county").get(pk=report.pk)


def report_create(*, actor, county: County, year: int) -> AnnualReport:
    """Start the county's report for a year (version 1, a draft with live figures)."""
    if not get_access(actor).can_edit_county(county.pk):
        raise NotPermitted(_("Only the county board's editors and admins can start its report."))
    if not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationFailed(_("Enter a year between 2000 and 2100."), field="year")
    if AnnualReport.objects.filter(county=county, year=year).exists():
        raise Conflict(
            _("%(county)s already has a report for %(year)s.")
            % {"county": county.name, "year": year},
            field="year",
        )
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(
                county=county,
                year=year,
                version=1,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            log_action(
                actor=actor,
                action="reports.report.created",
                obj=report,
                county_code=county.code,
                data={"year": year},
            )
    except IntegrityError:
        raise Conflict(
            _("%(county)s already has a report for %(year)s.")
            % {"county": county.name, "year": year},
            field="year",
        ) from None
    return report


def report_update_text(
    *, actor, report: AnnualReport, subgoal_texts: dict | None = None, **texts
) -> AnnualReport:
    """Change the narrative. A report that was ready or approved goes back to draft, since what
    was reviewed has changed."""
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown report fields: {sorted(unknown)}")
    _require_edit(actor, report)
    with transaction.atomic():
        report = _lock(report)
        _require_unlocked(report)
        values = {name: (value or "").strip() for name, value in texts.items()}
        changes = model_changes(report, TEXT_FIELDS, values)
        if subgoal_texts is not None:
            cleaned = {str(k): (v or "").strip() for k, v in subgoal_texts.items() if v}
            cleaned = {k: v for k, v in cleaned.items() if v}
            if cleaned != report.subgoal_texts:
                changes["subgoal_texts"] = {"changed": sorted(cleaned)}
                report.subgoal_texts = cleaned
        for name, value in values.items():
            setattr(report, name, value)
        if changes and report.status in (Status.READY, Status.APPROVED):
            changes["status"] = {"before": report.status, "after": Status.DRAFT}
            report.status = Status.DRAFT
            report.ready_at = None
            report.approved_at = None
            report.approved_by = None
        report.save()
        log_action(
            actor=actor,
            action="reports.report.updated",
            obj=report,
            county_code=report.county.code,
            data=changes,
        )
    return report


def _transition(
    report: AnnualReport,
    *,
    actor,
    allowed_from: tuple[str, ...],
    refusal: str,
    to: str,
    action: str,
    values=None,
    check=None,
    data: dict | None = None,
) -> AnnualReport:
    """Move an unlocked report from one of ``allowed_from`` to ``to`` under the row lock:
    ``check(report)`` may refuse, ``values(report)`` gives the fields to set with the status;
    one audit entry with the status before and after (and ``data``)."""
    with transaction.atomic():
        report = _lock(report)
        _require_unlocked(report)
        if report.status not in allowed_from:
            raise Conflict(refusal)
        if check is not None:
            check(report)
        before = report.status
        for name, value in (values(report) if values else {}).items():
            setattr(report, name, value)
        report.status = to
        report.save()
        log_action(
            actor=actor,
            action=action,
            obj=report,
            county_code=report.county.code,
            data={"status": {"before": before, "after": to}, **(data or {})},
        )
    return report


def _all_sections_written(report: AnnualReport) -> None:
    missing = [name for name in TEXT_FIELDS if not getattr(report, name).strip()]
    if missing:
        raise ValidationFailed(
            _("Write the text of every section before marking the report ready for review."),
            field=missing[0],
        )


def report_mark_ready(*, actor, report: AnnualReport) -> AnnualReport:
    """The editor hands the draft to the county admin for review."""
    _require_edit(actor, report)
    return _transition(
        report,
        actor=actor,
        allowed_from=(Status.DRAFT,),
        refusal=_("Only a draft can be marked ready for review."),
        to=Status.READY,
        action="reports.report.marked_ready",
        check=_all_sections_written,
        values=lambda _report: {"ready_at": timezone.now()},
    )


def report_return_to_draft(*, actor, report: AnnualReport) -> AnnualReport:
    """Send a report under review (or approved) back to draft for more work."""
    _require_edit(actor, report)
    return _transition(
        report,
        actor=actor,
        allowed_from=(Status.READY, Status.APPROVED),
        refusal=_("The report is already a draft."),
        to=Status.DRAFT,
        action="reports.report.returned_to_draft",
        values=lambda _report: {"ready_at": None, "approved_at": None, "approved_by": None},
    )


def report_approve(*, actor, report: AnnualReport) -> AnnualReport:
    """The county admin approves a report that is ready for review."""
    _require_admin(actor, report)
    return _transition(
        report,
        actor=actor,
        allowed_from=(Status.READY,),
        refusal=_("Only a report that is ready for review can be approved."),
        to=Status.APPROVED,
        action="reports.report.approved",
        values=lambda _report: {"approved_at": timezone.now(), "approved_by": actor},
    )


def report_submit(*, actor, report: AnnualReport) -> AnnualReport:
    """The county admin submits an approved report: it is locked with a timestamp and its
    figures are frozen as a snapshot, so the submitted report never changes."""
    _require_admin(actor, report)
    return _transition(
        report,
        actor=actor,
        allowed_from=(Status.APPROVED,),
        refusal=_("The report must be approved by the county admin before submission."),
        to=Status.SUBMITTED,
        action="reports.report.submitted",
        values=lambda locked: {
            "snapshot": figures.report_figures(locked.county, locked.year),
            "submitted_at": timezone.now(),
            "submitted_by": actor,
        },
        data={"version": report.version},
    )


def report_reopen(*, actor, report: AnnualReport, reason: str) -> AnnualReport:
    """Open a new version of a submitted report as a draft with the same text; the submitted
    version stays as it was."""
    _require_admin(actor, report)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Give a reason for opening a new version."), field="reason")
    with transaction.atomic():
        report = _lock(report)
        if report.status != Status.SUBMITTED:
            raise Conflict(_("Only a submitted report can be opened in a new version."))
        if not report.is_latest:
            raise Conflict(_("A newer version of this report already exists."))
        new = AnnualReport.objects.create(
            county=report.county,
            year=report.year,
            version=report.version + 1,
            results_text=report.results_text,
            subgoal_texts=dict(report.subgoal_texts),
            analysis_text=report.analysis_text,
            needs_text=report.needs_text,
            previous_version=report,
            reopened_reason=reason,
            created_by=actor,
        )
        log_action(
            actor=actor,
            action="reports.report.reopened",
            obj=new,
            county_code=report.county.code,
            data={"previous_version": report.version, "reason": reason},
        )
    return new


# --- deadline reminders ------------------------------------------------------------------------


def _county_staff_emails(county: County) -> list[str]:
    return sorted(
        User.objects.filter(
            is_active=True,
            role_assignments__role__in=COUNTY_ROLES,
            role_assignments__county=county,
        )
        .values_list("email", flat=True)
        .distinct()
    )


def report_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail the editors and admins of every county whose report on last year is not yet
    submitted, 30, 14, 7 and 1 day(s) before 1 March. Idempotent: each milestone is sent once per
    county and year. Returns the number of e-mails queued."""
    today = today or timezone.localdate()
    with translation.override("sv"):
        return _send_reminders(today)


def _send_reminders(today: datetime.date) -> int:
    year = today.year - 1
    days_before = (deadline_for(year) - today).days
    if days_before not in REMINDER_DAYS:
        return 0
    submitted = set(
        AnnualReport.objects.filter(year=year, status=Status.SUBMITTED).values_list(
            "county_id", flat=True
        )
    )
    queued = 0
    for county in County.objects.order_by("code"):
        if county.pk in submitted:
            continue
        recipients = _county_staff_emails(county)
        if not recipients:
            continue
        with transaction.atomic():
            _reminder, created = ReportReminder.objects.get_or_create(
                county=county,
                year=year,
                days_before=days_before,
                defaults={"recipients": len(recipients)},
            )
            if not created:
                continue
            report = (
                AnnualReport.objects.filter(county=county, year=year).order_by("-version").first()
            )
            link = settings.SITE_URL.rstrip("/") + (
                report.get_absolute_url() if report else "/arsrapport/"
            )
            subject = _("Reminder: the annual report %(year)s is due on %(date)s") % {
                "year": year,
                "date": _date_plain(deadline_for(year)),
            }
            body = _(
                "The annual report of %(board)s on %(year)s must be submitted by %(date)s "
                "(%(days)s day(s) left).\n\nStatus: %(status)s\n\n%(link)s\n"
            ) % {
                "board": county.board_name,
                "year": year,
                "date": _date_plain(deadline_for(year)),
                "days": days_before,
                "status": report.get_status_display() if report else _("not started"),
                "link": link,
            }
            for email in recipients:
                email_queue(to=[email], subject=subject, body_text=body)
                queued += 1
            log_action(
                actor=None,
                action="reports.reminder.sent",
                county_code=county.code,
                data={"year": year, "days_before": days_before, "recipients": len(recipients)},
            )
    return queued


def _date_plain(value: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(value, "j F Y")


# --- exports (made by the task worker) ---------------------------------------------------------

# A queued or running export younger than this is handed to the next person who asks for the
# same file (a double click, two colleagues); an older one is taken to be stuck.
EXPORT_PENDING_REUSE = timedelta(minutes=10)
# Progress (percent) when each step starts.
EXPORT_PROGRESS = {
    ReportExport.Step.FIGURES: 10,
    ReportExport.Step.DOCUMENT: 40,
    ReportExport.Step.LAYOUT: 55,
    ReportExport.Step.SAVING: 90,
}


def _export_unchanged(export: ReportExport, report: AnnualReport) -> bool:
    """Whether a finished file still shows the report as it is. A submitted version never
    changes (text and snapshot are locked); a draft's figures are live, so its file is reused
    only while nothing at all was written since its figures were computed (the page-cache
    generation, bumped by every committed write, is the one it was made at)."""
    if export.report_updated_at != report.updated_at:
        return False
    if not report.is_locked and export.generation != pagecache.current_generation():
        return False
    return bool(export.file) and default_storage.exists(export.file.name)


def _reusable_export(report: AnnualReport, fmt: str) -> ReportExport | None:
    now = timezone.now()
    recent = ReportExport.objects.filter(
        report=report,
        format=fmt,
        status__in=[
            ReportExport.Status.QUEUED,
            ReportExport.Status.RUNNING,
            ReportExport.Status.DONE,
        ],
    ).order_by("-created_at", "-pk")[:5]
    for export in recent:
        if export.status == ReportExport.Status.DONE:
            if _export_unchanged(export, report):
                return export
        elif export.status == ReportExport.Status.QUEUED:
            # Its figures are computed when it runs, i.e. after this request: as fresh as a
            # new one would be.
            if export.created_at > now - EXPORT_PENDING_REUSE:
                return export
        elif (
            report.is_locked
            and export.started_at is not None
            and export.started_at > now - EXPORT_PENDING_REUSE
        ):
            return export
    return None


def report_export_request(*, actor, report: AnnualReport, fmt: str) -> ReportExport:
    """Ask the task worker for a DOCX, PDF or XLSX file of a report version. Whoever may read the
    report may export it. If a file of the unchanged report exists (or is being made) that one
    is returned and nothing is written."""
    if fmt not in ReportExport.Format.values:
        raise ValidationFailed(_("Choose Word, PDF or Excel."), field="format")
    if not get_access(actor).can_read_county(report.county_id):
        raise NotPermitted(
            _("Only the county board's staff and the national level can export its report.")
        )
    with transaction.atomic():
        # The row lock makes concurrent requests for the same report wait for each other, so
        # the second finds the export the first created.
        report = _lock(report)
        existing = _reusable_export(report, fmt)
        if existing is not None:
            return existing
        export = ReportExport.objects.create(
            report=report,
            format=fmt,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        log_action(
            actor=actor,
            action="reports.export.requested",
            obj=report,
            county_code=report.county.code,
            data={"export": export.pk, "format": fmt, "version": report.version},
        )
        transaction.on_commit(lambda: _enqueue_export(export.pk))
    return export


def _enqueue_export(export_id: int) -> None:
    from .tasks import generate_report_export

    generate_report_export.enqueue(export_id)


def _export_update(export_id: int, **values) -> int:
    """Progress bookkeeping on the export row, committed at once so the status page sees it.
    (An update, not a save: progress is no change of domain data and bumps no page cache.)"""
    return ReportExport.objects.filter(pk=export_id).update(**values)


def _export_step(export_id: int, step: str) -> None:
    _export_update(export_id, step=step, progress=EXPORT_PROGRESS[step])


def _elapsed_ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


def report_export_generate(*, export_id: int) -> ReportExport | None:
    """Make the file of a requested export (in the task worker), recording the step and
    progress as it goes: figures computed, document built, file saved. Idempotent: a finished
    export is left as it is; an interrupted one (a worker that died) is made again; an error
    marks it failed, and asking again makes a new one."""
    from . import selectors
    from .exporters import EXPORTERS

    started = time.perf_counter()
    with transaction.atomic():
        export = (
            ReportExport.objects.select_for_update()
            .select_related("report__county")
            .filter(pk=export_id)
            .first()
        )
        if export is None or export.status == ReportExport.Status.DONE:
            return export
        # Read before the figures: a write committed while they are computed changes the
        # generation, so the file is then never taken for the newer data.
        generation = pagecache.current_generation()
        report = export.report
        _export_update(
            export.pk,
            status=ReportExport.Status.RUNNING,
            step=ReportExport.Step.FIGURES,
            progress=EXPORT_PROGRESS[ReportExport.Step.FIGURES],
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
            error="",
        )
    try:
        with translation.override("sv"):
            fig = selectors.report_figures(report)
            _export_step(export.pk, ReportExport.Step.DOCUMENT)
            _content_type, render = EXPORTERS[export.format]
            content = render(report, fig, progress=lambda step: _export_step(export.pk, step))
            _export_step(export.pk, ReportExport.Step.SAVING)
            name = default_storage.save(
                export_file_path(export, f"export.{export.format}"), ContentFile(content)
            )
    except Exception as exc:  # noqa: BLE001 - any failure is shown as a failed export
        logger.exception("Report export %s failed", export.pk)
        _export_update(
            export.pk,
            status=ReportExport.Status.FAILED,
            step=ReportExport.Step.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
            duration_ms=_elapsed_ms(started),
        )
        return ReportExport.objects.filter(pk=export.pk).first()
    with transaction.atomic():
        current = ReportExport.objects.select_for_update().filter(pk=export.pk).first()
        if current is None or current.status == ReportExport.Status.DONE:
            # Deleted meanwhile, or a second run of the same task finished first.
            transaction.on_commit(lambda: default_storage.delete(name))
            return current
        _export_update(
            export.pk,
            status=ReportExport.Status.DONE,
            step=ReportExport.Step.DONE,
            progress=100,
            file=name,
            size=len(content),
            generation=generation,
            report_updated_at=report.updated_at,
            finished_at=timezone.now(),
            duration_ms=_elapsed_ms(started),
        )
    return ReportExport.objects.get(pk=export.pk)


def report_exports_delete(queryset) -> int:
    """Delete export rows and, once that is committed, their files; also files under the
    export folder that no row names (left by a worker that died between saving the file and
    recording it) once they are a day old. Runs in the caller's transaction (gallring)."""
    rows = list(queryset.values_list("pk", "file"))
    ids = [pk for pk, _name in rows]
    for start in range(0, len(ids), 500):
        ReportExport.objects.filter(pk__in=ids[start : start + 500]).delete()
    names = [name for _pk, name in rows if name]
    transaction.on_commit(lambda: _delete_files(names))
    transaction.on_commit(_delete_orphan_files)
    return len(rows)


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _delete_orphan_files() -> None:
    try:
        _dirs, files = default_storage.listdir(EXPORT_DIR)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - timedelta(days=1)
    known = set(
        ReportExport.objects.filter(file__startswith=EXPORT_DIR).values_list("file", flat=True)
    )
    for filename in files:
        name = f"{EXPORT_DIR}/{filename}"
        if name not in known and default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)
