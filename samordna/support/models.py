"""Support to the county's actors: process support (processtöd), actor visits (aktörsbesök) and
the register of support needs (behov av stöd) that the county may forward to national level.

Rows are scoped by county; the annual report counts them per county and year (engagements by
their period, visits by ``visit_date``, needs by ``raised_on`` and ``forwarded_at``)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samordna.core.models import TimeStampedModel


class SupportEngagement(TimeStampedModel):
    """Process support given to one organisation, e.g. "En kommun fri från våld"."""

    class Process(models.TextChoices):
        # A programme name, kept in Swedish in both languages.
        MUNICIPALITY_FREE_FROM_VIOLENCE = "kommun_fri_fran_vald", "En kommun fri från våld"
        REGIONAL_STRATEGY = (
            "regional_strategy",
            pgettext_lazy("support", "Implementation of the regional strategy"),
        )
        VIOLENCE_PREVENTION = (
            "violence_prevention",
            pgettext_lazy("support", "Violence-prevention methods"),
        )
        METHOD_SUPPORT = "method_support", pgettext_lazy("support", "Method support")
        OTHER = "other", pgettext_lazy("support", "Other process support")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("support", "Planned")
        ONGOING = "ongoing", pgettext_lazy("support", "Ongoing")
        COMPLETED = "completed", pgettext_lazy("support", "Completed")

    county = models.ForeignKey(
        "organisations.County",
        on_delete=models.PROTECT,
        related_name="support_engagements",
        verbose_name=_("county"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="support_engagements",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    process = models.CharField(
        _("kind of process"), max_length=30, choices=Process.choices, default=Process.OTHER
    )
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="support_engagements",
        verbose_name=_("responsible staff"),
    )
    notes = models.TextField(_("notes"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("process support")
        verbose_name_plural = _("process support")
        indexes = [models.Index(fields=["county", "start_date"])]
        constraints = [
            models.CheckConstraint(
                name="support_engagement_end_after_start",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.organisation}" if self.organisation_id else self.title

    def get_absolute_url(self) -> str:
        return reverse("support:engagement_detail", args=[self.pk])


class ActorVisit(TimeStampedModel):
    """A visit by county staff to an organisation (aktörsbesök)."""

    county = models.ForeignKey(
        "organisations.County",
        on_delete=models.PROTECT,
        related_name="actor_visits",
        verbose_name=_("county"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="actor_visits",
        verbose_name=_("organisation"),
    )
    visit_date = models.DateField(_("date of the visit"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="actor_visits",
        verbose_name=_("staff"),
    )
    participants = models.TextField(
        _("participants"),
        blank=True,
        help_text=_(
            "Professional roles only, e.g. head of unit, social worker. Never information about "
            "people exposed to violence."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)
    follow_up_actions = models.TextField(_("follow-up actions"), blank=True)
    follow_up_date = models.DateField(_("follow-up date"), null=True, blank=True)

    class Meta:
        ordering = ["-visit_date", "-id"]
        verbose_name = _("actor visit")
        verbose_name_plural = _("actor visits")
        indexes = [models.Index(fields=["county", "visit_date"])]

    def __str__(self) -> str:
        return f"{self.organisation} {self.visit_date:%Y-%m-%d}" if self.organisation_id else ""

    def get_absolute_url(self) -> str:
        return reverse("support:visit_detail", args=[self.pk])


class Need(TimeStampedModel):
    """A regional or local support need raised by an actor in the county (behov av stöd)."""

    class Source(models.TextChoices):
        VISIT = "visit", pgettext_lazy("support", "Actor visit")
        SURVEY = "survey", pgettext_lazy("support", "Mapping survey")
        NETWORK = "network", pgettext_lazy("support", "Network")
        OTHER = "other", pgettext_lazy("support", "Other")

    class Category(models.TextChoices):
        COMPETENCE = "competence", pgettext_lazy("support", "Competence and training")
        COOPERATION = "cooperation", pgettext_lazy("support", "Cooperation")
        METHOD_SUPPORT = "method_support", pgettext_lazy("support", "Method support")
        GOVERNANCE = "governance", pgettext_lazy("support", "Governance and management")
        PROTECTION_HOUSING = (
            "protection_housing",
            pgettext_lazy("support", "Protection and housing"),
        )
        CHILDREN = "children", pgettext_lazy("support", "Children")
        PERPETRATORS = "perpetrators", pgettext_lazy("support", "Perpetrators of violence")
        HONOUR = "honour", pgettext_lazy("support", "Honour-related violence and oppression")
        PROSTITUTION = (
            "prostitution",
            pgettext_lazy("support", "Prostitution and human trafficking"),
        )
        OTHER = "other", pgettext_lazy("support", "Other")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("support", "Open")
        IN_PROGRESS = "in_progress", pgettext_lazy("support", "In progress")
        ADDRESSED = "addressed", pgettext_lazy("support", "Addressed")
        CLOSED = "closed", pgettext_lazy("support", "Closed")

    county = models.ForeignKey(
        "organisations.County",
        on_delete=models.PROTECT,
        related_name="support_needs",
        verbose_name=_("county"),
    )
    raised_by = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="support_needs",
        verbose_name=_("raised by"),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.OTHER
    )
    visit = models.ForeignKey(
        ActorVisit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
        verbose_name=_("actor visit"),
    )
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    title = models.CharField(_("summary"), max_length=200)
    description = models.TextField(_("description"))
    raised_on = models.DateField(_("raised on"))
    response = models.TextField(_("the county's response"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    forward_to_national = models.BooleanField(_("forward to national level"), default=False)
    forwarded_at = models.DateTimeField(_("forwarded"), null=True, blank=True)
    forwarding_note = models.TextField(_("note to the national level"), blank=True)
    national_theme = models.CharField(_("national theme"), max_length=100, blank=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = _("support need")
        verbose_name_plural = _("support needs")
        indexes = [
            models.Index(fields=["county", "raised_on"]),
            models.Index(fields=["forward_to_national", "category"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="support_need_forwarded_has_time",
                condition=Q(forward_to_national=False) | Q(forwarded_at__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("support:need_detail", args=[self.pk])
