"""The annual mapping survey (kartläggning): questionnaires, responses, answers and indicators.

A survey belongs to a county (or is national when ``county`` is empty) and a year. Questions carry
a stable ``key`` that is kept when a survey is copied to the next year, so answers and indicators
stay comparable question by question; ``definition_hash`` tells when the wording changed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samordna.core.models import TimeStampedModel


class Survey(TimeStampedModel):
    """One questionnaire for one year, owned by a county or (county empty) national."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")

    county = models.ForeignKey(
        "organisations.County",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
        verbose_name=_("county"),
        help_text=_("Empty for a national survey."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    published_results = models.BooleanField(_("results published"), default=False)
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    # Reminder milestones (days before the deadline) already sent, so reminders are idempotent.
    reminders_sent = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        indexes = [models.Index(fields=["county", "year"])]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    @property
    def is_national(self) -> bool:
        return self.county_id is None


class Section(models.Model):
    """An ordered part of a survey; answering goes one section per page."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["survey", "position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """One question. ``key`` is stable across yearly copies; ``definition_hash`` changes when the
    wording, type or options change (years are then not comparable)."""

    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("Yes/no")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        NUMBER = "number", _("Number")
        TEXT = "text", _("Free text")
        MATRIX = "matrix", _("Matrix (rows × scale)")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=60)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.TextField(_("help text"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    choices = models.JSONField(_("options"), default=list, blank=True)
    matrix_rows = models.JSONField(_("matrix rows"), default=list, blank=True)
    matrix_scale = models.JSONField(_("matrix scale"), default=list, blank=True)
    min_value = models.DecimalField(
        _("lowest value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=0)
    condition_question = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependants",
        verbose_name=_("show only if question"),
    )
    condition_value = models.CharField(_("has the value"), max_length=200, blank=True)
    definition_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["section__position", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="unique_question_key_per_survey")
        ]

    def __str__(self) -> str:
        return self.text


class Assignment(models.Model):
    """An organisation that is asked to answer a survey."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="assignments")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="survey_assignments"
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "organisation"], name="unique_assignment_per_survey"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} – {self.organisation}"


class Response(TimeStampedModel):
    """One organisation's answer to a survey; answers are stored one row per question."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        REOPENED = "reopened", _("Reopened")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="survey_responses"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "organisation"], name="unique_response_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} – {self.organisation}"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Answer(models.Model):
    """The answer to one question: saved separately, so two people of one organisation saving
    different questions never overwrite each other."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # "yes"/"no", an option, a list of options, a decimal as text, text, or {row: scale value}.
    value = models.JSONField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="unique_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question.key}: {self.value}"


class Indicator(TimeStampedModel):
    """A figure computed from answers to the question with ``question_key`` in every year's
    survey of the owning county (national indicators: every survey)."""

    class Kind(models.TextChoices):
        SHARE_YES = "share_yes", _("Share answering yes")
        YES_NO = "yes_no", _("Yes/no per organisation")
        SUM = "sum", _("Sum of a number")
        MEAN = "mean", _("Mean of a number")
        SHARE_OPTION = "share_option", _("Share choosing an option")

    county = models.ForeignKey(
        "organisations.County",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="survey_indicators",
        verbose_name=_("county"),
        help_text=_("Empty for a national indicator."),
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("calculation"), max_length=20, choices=Kind.choices)
    question_key = models.SlugField(_("question key"), max_length=60)
    option = models.CharField(_("option"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "key"],
                name="unique_indicator_key_per_county",
                condition=Q(county__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["key"],
                name="unique_national_indicator_key",
                condition=Q(county__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """A cached indicator value for one year at one level (organisation, county or national),
    refreshed when a response is submitted or reopened, or by ``compute_indicators``."""

    class Level(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        COUNTY = "county", _("County")
        NATIONAL = "national", _("National")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField()
    level = models.CharField(max_length=12, choices=Level.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE
    )
    county = models.ForeignKey(
        "organisations.County", null=True, blank=True, on_delete=models.CASCADE
    )
    survey = models.ForeignKey(Survey, null=True, blank=True, on_delete=models.CASCADE)
    value = models.FloatField(null=True, blank=True)
    respondents = models.PositiveIntegerField(default=0)
    # Visible to everyone: the survey's results (for the national row: all contributing
    # surveys' results) are published.
    published = models.BooleanField(default=False)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "year"]
        indexes = [models.Index(fields=["indicator", "year", "level"])]

    def __str__(self) -> str:
        return f"{self.indicator.key} {self.year} {self.level}: {self.value}"


class KoladaKpi(models.Model):
    """A key figure from Kolada (the municipalities' KPI database), shown beside indicators."""

    kpi_id = models.CharField(_("Kolada key figure"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kpi_id"]
        verbose_name = _("Kolada key figure")
        verbose_name_plural = _("Kolada key figures")

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.title}".strip()


class KoladaValue(models.Model):
    """One municipality's value of a Kolada key figure for one year (total for all genders)."""

    kpi = models.ForeignKey(KoladaKpi, on_delete=models.CASCADE, related_name="values")
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    value = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["kpi", "year", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "municipality", "year"], name="unique_kolada_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kpi.kpi_id} {self.municipality.code} {self.year}: {self.value}"
