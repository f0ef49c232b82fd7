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
