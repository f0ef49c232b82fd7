"""A county's regional strategy, its numbered sub-goals (delmål) and affiliated organisations."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samordna.core.models import TimeStampedModel


class NationalGoal(models.IntegerChoices):
    """The four goals of the national strategy against men's violence against women."""

    PREVENTION = 1, _("An expanded and effective preventive work against violence")
    DETECTION = 2, _("Improved detection of violence")
    PROTECTION = 3, _("Stronger protection and support for abused women and children")
    LAW_ENFORCEMENT = 4, _("More effective law enforcement")


class Strategy(TimeStampedModel):
    """A county's multi-year regional strategy (e.g. 2020–2026)."""

    county = models.ForeignKey(
        "organisations.County",
        on_delete=models.PROTECT,
        related_name="strategies",
        verbose_name=_("county"),
    )
    name = models.CharField(_("name"), max_length=300)
    period_start_year = models.PositiveSmallIntegerField(_("first year"))
    period_end_year = models.PositiveSmallIntegerField(_("last year"))
    text = models.TextField(_("text"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["county__code", "-period_start_year", "name"]
        verbose_name = _("regional strategy")
        verbose_name_plural = _("regional strategies")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end_year__gte=models.F("period_start_year")),
                name="strategy_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.period_start_year}–{self.period_end_year}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:strategy_detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        return f"{self.period_start_year}–{self.period_end_year}"


class SubGoal(models.Model):
    """A numbered sub-goal (delmål) of a strategy, mapped to the national strategy's goals and
    to the gender-equality sub-goal 6."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="subgoals", verbose_name=_("strategy")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    # Numbers of the national strategy's goals (NationalGoal values 1–4).
    national_goals = models.JSONField(_("national goals"), default=list, blank=True)
    gender_equality_goal_6 = models.BooleanField(
        _("contributes to gender-equality sub-goal 6"), default=True
    )

    class Meta:
        ordering = ["strategy", "number"]
        verbose_name = _("sub-goal")
        verbose_name_plural = _("sub-goals")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"], name="unique_subgoal_number_per_strategy"
            )
        ]

    def __str__(self) -> str:
        return f"Delmål {self.number}: {self.title}"

    @property
    def national_goal_labels(self) -> list[str]:
        labels = dict(NationalGoal.choices)
        return [str(labels[number]) for number in self.national_goals if number in labels]


class Affiliation(TimeStampedModel):
    """An organisation that joined a strategy by a declaration of intent (and may leave it)."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("strategy")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="strategy_affiliations",
        verbose_name=_("organisation"),
    )
    declaration_date = models.DateField(_("date of the declaration of intent"))
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "organisation"],
                condition=Q(left_on__isnull=True),
                name="unique_active_affiliation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.strategy}"

    @property
    def is_active(self) -> bool:
        return self.left_on is None
