"""The annual report (årsrapport) a county board submits to the national level by 1 March:
narrative text per required section, figures drafted from the data, review states and versions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samordna.core.models import TimeStampedModel

YEAR_MIN = 2000
YEAR_MAX = 2100


class AnnualReport(TimeStampedModel):
    """One version of a county's report for a year. A submitted version is locked and keeps its
    figures as a snapshot; reopening creates the next version as a draft."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready for review")
        APPROVED = "approved", _("Approved by the county admin")
        SUBMITTED = "submitted", _("Submitted")

    county = models.ForeignKey(
        "organisations.County",
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("county"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Narrative per required section; per-sub-goal narrative keyed by sub-goal number ("1", …).
    results_text = models.TextField(_("results and effects"), blank=True)
    subgoal_texts = models.JSONField(_("text per sub-goal"), default=dict, blank=True)
    analysis_text = models.TextField(_("analysis of the development in the county"), blank=True)
    needs_text = models.TextField(_("regional and local support needs"), blank=True)
    # Figures frozen at submission (see figures.py); empty while the report is live.
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    ready_at = models.DateTimeField(_("ready for review"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    previous_version = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
        verbose_name=_("previous version"),
    )
    reopened_reason = models.TextField(_("reason for the new version"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["county__code", "-year", "-version"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "year", "version"], name="unique_report_version"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN) & Q(year__lte=YEAR_MAX),
                name="report_year_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted") | Q(submitted_at__isnull=False),
                name="submitted_report_has_timestamp",
            ),
        ]

    def __str__(self) -> str:
        return f"Årsrapport {self.county.name} {self.year} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_latest(self) -> bool:
        return not AnnualReport.objects.filter(
            county_id=self.county_id, year=self.year, version__gt=self.version
        ).exists()


class ReportReminder(models.Model):
    """A deadline reminder already sent for a county's report year, so the reminder command
    sends each milestone (days before 1 March) at most once."""

    county = models.ForeignKey("organisations.County", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "year", "days_before"], name="unique_report_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.county_id} {self.year} −{self.days_before}"


EXPORT_DIR = "reports/exports"


def export_file_path(instance, filename: str) -> str:
    """A random name under MEDIA_ROOT/reports/exports/: the download name is computed from the
    report when it is served (``views.export_filename``)."""
    import uuid

    extension = filename.rsplit(".", 1)[-1]
    return f"{EXPORT_DIR}/{uuid.uuid4().hex}.{extension}"


class ReportExport(models.Model):
    """One DOCX, PDF or XLSX file of a report version, made by the task worker. The file lives
    under MEDIA_ROOT (served only by the permission-checked download view) and is deleted with
    the row by the gallring job after the retention period (privacy inventory
    ``reports.export``)."""

    class Format(models.TextChoices):
        DOCX = "docx", _("Word")
        PDF = "pdf", _("PDF")
        XLSX = "xlsx", _("Excel")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being created")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Step(models.TextChoices):
        QUEUED = "queued", _("Waiting for the task worker")
        FIGURES = "figures", _("Computing the figures")
        DOCUMENT = "document", _("Building the document")
        LAYOUT = "layout", _("Laying out the pages")
        SAVING = "saving", _("Saving the file")
        DONE = "done", _("The file is ready")
        FAILED = "failed", _("The file could not be created")

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="exports", verbose_name=_("report")
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    step = models.CharField(_("step"), max_length=10, choices=Step.choices, default=Step.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    file = models.FileField(_("file"), upload_to=export_file_path, blank=True, max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    # What was exported: the report row as it was, and for a draft (live figures) the page-cache
    # generation the figures were computed at; a later request reuses the file only while both
    # are unchanged (services.report_export_request).
    report_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    generation = models.CharField(max_length=64, blank=True, editable=False)
    # Technical detail for operators (the page shows a fixed, translated message).
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        indexes = [models.Index(fields=["report", "format", "status"])]

    def __str__(self) -> str:
        return f"{self.report} {self.format} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("reports:export_status", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
