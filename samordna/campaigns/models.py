"""Campaigns: national or regional awareness campaigns with a period, owners, materials and the
organisations that spread them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samordna.core.models import TimeStampedModel


class TargetGroup(models.TextChoices):
    PUBLIC = "public", _("The general public")
    YOUNG_PEOPLE = "young_people", _("Young people")
    CHILDREN = "children", _("Children")
    PARENTS = "parents", _("Parents")
    OLDER_PEOPLE = "older_people", _("Older people")
    MEN = "men", _("Men and boys")
    PROFESSIONALS = "professionals", _("Professionals")
    EMPLOYERS = "employers", _("Employers and workplaces")


class Campaign(TimeStampedModel):
    """One campaign period. A yearly recurring campaign is one row per year."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=400, help_text=_("One or two sentences shown in lists.")
    )
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    county = models.ForeignKey(
        "organisations.County",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("county"),
        help_text=_("Empty for national campaigns."),
    )
    owners = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="owned_campaigns",
        verbose_name=_("owner organisations"),
    )
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    website = models.URLField(_("campaign website"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["start_date", "title"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="campaign_end_after_start"
            )
        ]
        indexes = [models.Index(fields=["start_date", "end_date"])]

    def __str__(self) -> str:
        return f"{self.title} {self.start_date.year}"

    def get_absolute_url(self) -> str:
        return reverse("campaigns:campaign_detail", args=[self.pk])

    @property
    def is_national(self) -> bool:
        return self.county_id is None

    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels[value]) for value in self.target_groups if value in labels]


class CampaignMaterial(TimeStampedModel):
    """A campaign material: a link or an uploaded file (PDF, PNG, JPG, DOCX) kept outside the
    web root and served only through a permission-checked view."""

    class Kind(models.TextChoices):
        LINK = "link", _("Link")
        FILE = "file", _("File")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="campaigns/", blank=True, max_length=255)
    original_filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("campaign material")
        verbose_name_plural = _("campaign materials")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="link") & ~Q(url="")) | (Q(kind="file") & ~Q(file="")),
                name="campaign_material_link_or_file",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def type_label(self) -> str:
        from samordna.core.uploads import FILE_TYPES

        return next((t.label for t in FILE_TYPES if t.content_type == self.content_type), "")

    def get_absolute_url(self) -> str:
        if self.kind == self.Kind.LINK:
            return self.url
        return reverse("campaigns:material_download", args=[self.pk])


class CampaignSpread(models.Model):
    """An organisation says "we spread this campaign"."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="spreads")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="campaign_spreads",
        verbose_name=_("organisation"),
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("organisation spreading the campaign")
        verbose_name_plural = _("organisations spreading the campaign")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organisation"], name="unique_campaign_spread"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.campaign}"
