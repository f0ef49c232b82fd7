"""Coverage (täckning): which trainings, processes and web courses each municipality and region
of a county has completed, against goals the county sets.

Completion is derived wherever the platform holds the data (attendance at linked events,
completed process support, base courses included in introduction training) and recorded by hand
(``CoverageRecord``) for what it cannot see, e.g. a web course a municipality reports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samordna.core.models import TimeStampedModel
from samordna.support.models import SupportEngagement

YEAR_MIN = 2000
YEAR_MAX = 2100


class CoverageItem(TimeStampedModel):
    """Something a county wants its municipalities and region to have done, e.g. the process
    "En kommun fri från våld" or the web course "Webbkurs om våld"."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        PROCESS = "process", _("Process")
        WEB_COURSE = "web_course", _("Web course")

    county = models.ForeignKey(
        "organisations.County",
        on_delete=models.PROTECT,
        related_name="coverage_items",
        verbose_name=_("county"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    events = models.ManyToManyField(
        "events.Event",
        blank=True,
        related_name="coverage_items",
        verbose_name=_("events that count"),
        help_text=_(
            "An organisation has completed the item when someone from it attended one of these "
            "events."
        ),
    )
    support_process = models.CharField(
        _("process support that counts"),
        max_length=30,
        choices=SupportEngagement.Process.choices,
        blank=True,
        help_text=_("Completed process support of this kind counts as completion."),
    )
    introduction_courses = models.ManyToManyField(
        "plans.Activity",
        blank=True,
        related_name="coverage_items",
        verbose_name=_("base courses in introduction training that count"),
        help_text=_(
            "An organisation that includes one of these web courses in its introduction training "
            "has completed the item."
        ),
    )
    knowledge_item = models.ForeignKey(
        "knowledge.KnowledgeItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coverage_items",
        verbose_name=_("web course in the knowledge bank"),
    )
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["county", "position", "name", "pk"]
        verbose_name = _("coverage item")
        verbose_name_plural = _("coverage items")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "name"], name="unique_coverage_item_name_per_county"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CoverageGoal(TimeStampedModel):
    """A county's goal: e.g. all municipalities complete "En kommun fri från våld" by 2024."""

    class Audience(models.TextChoices):
        MUNICIPALITIES = "municipalities", _("All municipalities")
        REGIONS = "regions", _("The region")
        ALL = "all", _("All municipalities and the region")

    county = models.ForeignKey(
        "organisations.County",
        on_delete=models.PROTECT,
        related_name="coverage_goals",
        verbose_name=_("county"),
    )
    item = models.ForeignKey(
        CoverageItem,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("coverage item"),
    )
    target_year = models.PositiveSmallIntegerField(_("by the end of year"))
    audience = models.CharField(
        _("who"), max_length=20, choices=Audience.choices, default=Audience.MUNICIPALITIES
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["county", "target_year", "item__position", "item__name", "pk"]
        verbose_name = _("coverage goal")
        verbose_name_plural = _("coverage goals")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__gte=YEAR_MIN) & Q(target_year__lte=YEAR_MAX),
                name="coverage_goal_year_in_range",
            ),
            models.UniqueConstraint(
                fields=["item", "target_year", "audience"], name="unique_coverage_goal"
            ),
        ]

    def __str__(self) -> str:
        return _("%(audience)s: %(item)s by %(year)s") % {
            "audience": self.get_audience_display(),
            "item": self.item.name,
            "year": self.target_year,
        }

    @property
    def short_label(self) -> str:
        return f"{self.item.name} ({self.target_year})"


class CoverageRecord(TimeStampedModel):
    """A completion the platform cannot see, recorded by county staff (e.g. a reported web
    course). One per organisation and item: the first completion is what coverage counts."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="coverage_records",
        verbose_name=_("organisation"),
    )
    item = models.ForeignKey(
        CoverageItem,
        on_delete=models.CASCADE,
        related_name="records",
        verbose_name=_("coverage item"),
    )
    completed_on = models.DateField(_("completed on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["item", "organisation__name"]
        verbose_name = _("completion record")
        verbose_name_plural = _("completion records")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "item"], name="unique_coverage_record_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.item}"
