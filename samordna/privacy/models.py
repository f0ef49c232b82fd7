"""Retention (gallring) of personal data: county overrides of the retention periods, the record of
every retention run, and the hashed suppression list of the newsletter."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

SUPPRESSION_KEY_SALT = "samordna.privacy.suppression"


class RetentionRule(models.Model):
    """A retention period (days) decided for one category of personal data, either for one county
    (each county board is its own authority with its own gallring decisions) or, with no county,
    for every county that has not decided otherwise."""

    category = models.CharField(_("category"), max_length=60)
    county = models.ForeignKey(
        "organisations.County",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("county"),
        help_text=_("Empty: applies to every county without its own rule."),
    )
    days = models.PositiveIntegerField(_("retention period (days)"))
    decision = models.CharField(
        _("decision"),
        max_length=200,
        blank=True,
        help_text=_("Reference to the gallring decision, e.g. its registration number."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "county__code"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "county"],
                condition=Q(county__isnull=False),
                name="privacy_rule_unique_per_county",
            ),
            models.UniqueConstraint(
                fields=["category"],
                condition=Q(county__isnull=True),
                name="privacy_rule_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.county.code if self.county_id else '*'}: {self.days}"


class RetentionRun(models.Model):
    """One run of the gallring job: when, whether it was a dry run, and how many rows of each
    category it deleted or anonymised (or, in a dry run, would have)."""

    class Trigger(models.TextChoices):
        COMMAND = "command", _("Command")
        TASK = "task", _("Scheduled task")

    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    trigger = models.CharField(
        _("started by"), max_length=10, choices=Trigger.choices, default=Trigger.COMMAND
    )
    counts = models.JSONField(_("rows per category"), default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}{' (dry run)' if self.dry_run else ''}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class Suppression(models.Model):
    """An address that left a newsletter list, kept only as a keyed hash (HMAC-SHA256 of the
    lower-cased address with a key derived from SECRET_KEY): imports skip it, yet the address
    itself is gone. The person may subscribe again through double opt-in, which lifts it."""

    mailing_list = models.ForeignKey(
        "newsletter.MailingList", on_delete=models.CASCADE, related_name="+"
    )
    email_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mailing_list", "email_hash"], name="privacy_suppression_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mailing_list_id}:{self.email_hash[:12]}…"

    @staticmethod
    def hash_email(email: str, *, secret: str | None = None) -> str:
        return salted_hmac(
            SUPPRESSION_KEY_SALT,
            (email or "").strip().lower(),
            secret=secret or settings.SECRET_KEY,
            algorithm="sha256",
        ).hexdigest()

    @classmethod
    def hashes_for(cls, email: str) -> list[str]:
        """The hash under the current key and under every fallback key (key rotation)."""
        secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
        return [cls.hash_email(email, secret=secret) for secret in secrets]
