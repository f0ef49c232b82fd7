"""Yearly action plans and competence-development plans: areas, activities, contacts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samordna.core.models import TimeStampedModel

YEAR_MIN = 2000
YEAR_MAX = 2100

DEFAULT_AREAS = (
    "Regional strategi",
    "Samordning",
    "Projekt och kartläggningar",
    "Utbildning och kompetensutveckling",
    "Kommunikation",
)


class ActionPlan(TimeStampedModel):
    """A county's plan for one year: the action plan (handlingsplan) or the
    competence-development plan (kompetensutvecklingsplan)."""

    class Kind(models.TextChoices):
        ACTION = "action", _("Action plan")
        COMPETENCE = "competence", _("Competence-development plan")

    county = models.ForeignKey(
        "organisations.County",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("county"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ACTION)
    title = models.CharField(_("title"), max_length=300)
    strategy = models.ForeignKey(
        "strategy.Strategy",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
        verbose_name=_("regional strategy"),
    )
    foreword = models.TextField(_("foreword"), blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    final_target_groups = models.TextField(
        _("final target groups"), blank=True, help_text=_("One per line.")
    )
    closing_text = models.TextField(_("closing text"), blank=True)
    contacts_heading = models.CharField(_("heading above the contacts"), max_length=300, blank=True)
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["county__code", "-year", "kind"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "year", "kind"], name="unique_plan_per_county_year_kind"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN) & Q(year__lte=YEAR_MAX),
                name="plan_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", args=[self.pk])

    @property
    def final_target_group_list(self) -> list[str]:
        return [line.strip() for line in self.final_target_groups.splitlines() if line.strip()]


class Area(models.Model):
    """A grouping of activities in a plan (område), editable and orderable."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="areas", verbose_name=_("plan")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.name


class Activity(TimeStampedModel):
    """One row of a plan: activity · target group · outcome · regional sub-goals, plus planning
    and follow-up fields."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    class ItemKind(models.TextChoices):
        ACTIVITY = "activity", _("Activity")
        WEB_COURSE = "web_course", _("Web course (base knowledge)")
        TRAINING = "training", _("Training (method knowledge)")
        NETWORK = "network", _("Network")
        CAMPAIGN = "campaign", _("Campaign")
        CAMPAIGN_WEEK = "campaign_week", _("Campaign week")
        SURVEY = "survey", _("Mapping survey")

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("plan")
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="activities", verbose_name=_("area")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(
        _("kind of item"), max_length=20, choices=ItemKind.choices, default=ItemKind.ACTIVITY
    )
    title = models.CharField(_("activity"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    target_groups = models.TextField(_("target group"), blank=True)
    # organisations.Person.TargetGroup values.
    target_group_categories = models.JSONField(
        _("target-group categories"), default=list, blank=True
    )
    outcome = models.TextField(_("outcome"), blank=True)
    subgoals = models.ManyToManyField(
        "strategy.SubGoal", blank=True, related_name="activities", verbose_name=_("sub-goals")
    )
    responsible = models.CharField(_("responsible staff"), max_length=300, blank=True)
    months = models.JSONField(_("months"), default=list, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    financing_note = models.CharField(_("financing"), max_length=500, blank=True)
    financed_by_municipal_association = models.BooleanField(
        _("financed by the municipal association"), default=False
    )
    url = models.URLField(_("link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    follow_up = models.TextField(_("what happened"), blank=True)
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    assessment = models.TextField(_("assessment of the result"), blank=True)

    class Meta:
        ordering = ["plan", "area__position", "area_id", "position", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="activity_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subgoal_numbers(self) -> list[int]:
        return sorted(subgoal.number for subgoal in self.subgoals.all())

    @property
    def subgoal_label(self) -> str:
        """ "Delmål 1–5" as printed in the action plan's fourth column."""
        from samordna.strategy.labels import subgoal_label

        return subgoal_label(self.subgoal_numbers)

    @property
    def display_title(self) -> str:
        """The title, with * when financed by the municipal association (as in the source)."""
        return f"{self.title} *" if self.financed_by_municipal_association else self.title


class PlanContact(models.Model):
    """A contact person printed after the plan's tables."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("plan")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name


class IntroductionCourse(models.Model):
    """An organisation includes a base-knowledge web course of a competence-development plan in
    its introduction training."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="introduction_courses",
        verbose_name=_("organisation"),
    )
    course = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="introduction_inclusions",
        verbose_name=_("web course"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "course__position"]
        verbose_name = _("web course in introduction training")
        verbose_name_plural = _("web courses in introduction training")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "course"], name="unique_introduction_course"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.course}"
