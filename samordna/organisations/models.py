from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samordna.core.models import TimeStampedModel


class County(models.Model):
    """One of Sweden's 21 counties (län) and its county administrative board."""

    code = models.CharField(_("county code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    board_name = models.CharField(_("county board"), max_length=150)

    class Meta:
        ordering = ["code"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:county_detail", args=[self.code])


class Municipality(models.Model):
    """One of Sweden's 290 municipalities (kommun), with its boundary from the reference data."""

    code = models.CharField(_("municipality code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="municipalities")
    # GeoJSON geometry (Polygon or MultiPolygon, WGS84 lon/lat).
    boundary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:municipality_detail", args=[self.code])


class Organisation(TimeStampedModel):
    """An actor: county board, municipality, region, state agency, civil-society organisation."""

    class Kind(models.TextChoices):
        COUNTY_BOARD = "county_board", _("County administrative board")
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        STATE_AGENCY = "state_agency", _("State agency")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    county = models.ForeignKey(
        County,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("county"),
        help_text=_("Empty for national bodies."),
    )
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("functional e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["county", "kind", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:organisation_detail", args=[self.code])


class Person(TimeStampedModel):
    """A professional (never a victim): minimal data to invite, register and follow up."""

    class TargetGroup(models.TextChoices):
        SPECIALIST = "specialist", _("Specialist")
        GENERALIST = "generalist", _("Generalist")
        STRATEGIST = "strategist", _("Strategist")
        MANAGER = "manager", _("Manager")
        CIVIL_SOCIETY = "civil_society", _("Civil society")

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup.choices, blank=True
    )
    is_contact = models.BooleanField(
        _("contact person for the organisation"),
        default=False,
        help_text=_("Named contact, e.g. the municipality's strategist for violence issues."),
    )
    user = models.OneToOneField(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"], name="unique_person_email_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:person_edit", args=[self.pk])
