"""Networks and groups: steering groups, networks, working groups, focus groups and resource
teams of a county, with members, meetings and documents in a members-only area."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samordna.core.models import TimeStampedModel

SUB_GOAL_NUMBERS = (1, 2, 3, 4, 5)


class Network(TimeStampedModel):
    """A group of a county. The public sees its outline; meetings, minutes and documents only its
    members and the county's staff."""

    class Kind(models.TextChoices):
        STEERING_GROUP = "steering_group", _("Steering group")
        NETWORK = "network", _("Network")
        WORKING_GROUP = "working_group", _("Working group")
        FOCUS_GROUP = "focus_group", _("Focus group")
        RESOURCE_TEAM = "resource_team", _("Resource team")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    county = models.ForeignKey(
        "organisations.County",
        on_delete=models.PROTECT,
        related_name="networks",
        verbose_name=_("county"),
    )
    purpose = models.TextField(_("purpose"))
    sub_goals = models.JSONField(
        _("sub-goals"),
        default=list,
        blank=True,
        help_text=_("Numbers of the regional strategy's sub-goals (1–5) the group works on."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["county__code", "kind", "name"]
        verbose_name = _("network or group")
        verbose_name_plural = _("networks and groups")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "name"], name="unique_network_name_per_county"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:network_detail", args=[self.pk])


class Membership(TimeStampedModel):
    """A person or an organisation in a group, with a role."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Ordinary member")
        CO_OPTED = "co_opted", _("Co-opted member")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        "organisations.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="network_memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="network_memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["network", "role", "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(organisation__isnull=True))
                | (Q(person__isnull=True) & Q(organisation__isnull=False)),
                name="membership_person_xor_organisation",
            ),
            models.UniqueConstraint(
                fields=["network", "person"],
                condition=Q(person__isnull=False),
                name="unique_network_person",
            ),
            models.UniqueConstraint(
                fields=["network", "organisation"],
                condition=Q(organisation__isnull=False),
                name="unique_network_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_role_display()})"

    @property
    def member(self):
        return self.person or self.organisation


class Meeting(TimeStampedModel):
    """A meeting of a group, with agenda; the minutes are an uploaded document."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    event = models.ForeignKey(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="network_meetings",
        verbose_name=_("event in the calendar"),
        help_text=_("Optional: the calendar event where people register for the meeting."),
    )

    class Meta:
        ordering = ["-starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.starts_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("networks:meeting_detail", args=[self.network_id, self.pk])


class NetworkDocument(TimeStampedModel):
    """An uploaded document of a group (PDF, PNG, JPG, DOCX), optionally the minutes or another
    paper of a meeting. Stored outside the web root; served only to members and county staff."""

    class Kind(models.TextChoices):
        MINUTES = "minutes", _("Minutes")
        AGENDA = "agenda", _("Agenda")
        OTHER = "other", _("Document")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="documents")
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        verbose_name=_("meeting"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="networks/", max_length=255)
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("networks:document_download", args=[self.network_id, self.pk])
