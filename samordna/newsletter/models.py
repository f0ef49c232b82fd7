"""Newsletter: mailing lists per county, subscribers (double opt-in), issues and the delivery
outbox that makes sending resumable."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samordna.core.models import TimeStampedModel

DEFAULT_SECTIONS = [
    "Material och metodstöd",
    "Rapporter",
    "Nya lagar och nya uppdrag till myndigheter",
    "Kalender och utbildningar",
]


def new_token() -> str:
    return secrets.token_urlsafe(18)


class MailingList(TimeStampedModel):
    """A county's newsletter list: the main list, or a topic list if the county wants them."""

    county = models.ForeignKey(
        "organisations.County",
        on_delete=models.PROTECT,
        related_name="mailing_lists",
        verbose_name=_("county"),
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_main = models.BooleanField(_("main list"), default=False)

    class Meta:
        ordering = ["county__code", "-is_main", "name"]
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="newsletter_list_unique_name"),
            models.UniqueConstraint(
                fields=["county"],
                condition=models.Q(is_main=True),
                name="newsletter_one_main_list_per_county",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.county})"


class Subscriber(TimeStampedModel):
    """One e-mail address on one list. Unsubscribed rows keep only the address and status, so
    the address is never sent to again."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Unconfirmed")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Bounced")

    class Source(models.TextChoices):
        FORM = "form", _("Form")
        IMPORT = "import", _("Import")
        API = "api", _("API")

    mailing_list = models.ForeignKey(
        MailingList,
        on_delete=models.CASCADE,
        related_name="subscribers",
        verbose_name=_("list"),
    )
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.UNCONFIRMED
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("bounced"), null=True, blank=True)
    # Random secret; the signed links carry it, so rotating it invalidates old links.
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing_list", "email"], name="newsletter_subscriber_unique_email"
            ),
        ]
        indexes = [models.Index(fields=["mailing_list", "status"])]

    def __str__(self) -> str:
        return self.email


class Issue(TimeStampedModel):
    """One newsletter issue: composed by county staff, then sent to a list and archived."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    county = models.ForeignKey(
        "organisations.County",
        on_delete=models.PROTECT,
        related_name="newsletter_issues",
        verbose_name=_("county"),
    )
    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.PROTECT, related_name="issues", verbose_name=_("list")
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The web version is public once the issue has been queued for sending.
    published = models.BooleanField(_("published"), default=False)
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Snapshot of the e-mail taken when sending starts, so every recipient gets the same content.
    email_html = models.TextField(blank=True)
    email_text = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        indexes = [models.Index(fields=["county", "published"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("newsletter:issue_web", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class Section(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class Item(models.Model):
    """One news item in a section; may have been filled in from the knowledge bank or calendar."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Written here")
        KNOWLEDGE = "knowledge", _("Knowledge bank")
        EVENT = "event", _("Calendar")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    heading = models.CharField(_("heading"), max_length=200)
    # Sanitised HTML (nh3) – safe to render.
    body_html = models.TextField(_("text"), blank=True)
    details = models.CharField(_("details"), max_length=300, blank=True)
    link_url = models.URLField(_("link"), max_length=500, blank=True)
    link_text = models.CharField(_("link text"), max_length=200, blank=True)
    image = models.FileField(_("image"), upload_to="newsletter/%Y/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self) -> str:
        return self.heading


class Delivery(models.Model):
    """The newsletter outbox: one row per issue and subscriber. A row is marked sent only after
    the SMTP server accepted the message; a claim (``claimed_until``) keeps workers apart and
    expires, so rows of a killed worker are picked up again."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    # No index of its own: the (issue, id) index below serves every lookup by issue, and with
    # a second one the planner may pick it and sort all of an issue's rows for every claim.
    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    # Emptied by gallring (samordna.privacy) and when the subscriber is deleted: the row stays,
    # so the number sent per issue (annual report) does not change; the sender skips such rows.
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_once"
            ),
        ]
        # The claim reads an issue's rows in id order from a cursor: a short range scan however
        # many rows were sent already. No index holds a column that sending changes (status,
        # claim, attempts), so on PostgreSQL those updates are HOT updates that touch no index
        # (the table keeps free space in its pages for them, migration 0003).
        indexes = [models.Index(fields=["issue", "id"], name="newsletter_delivery_issue")]

    def __str__(self) -> str:
        return f"{self.issue_id}/{self.subscriber_id} {self.status}"
