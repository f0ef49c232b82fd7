"""Events (trainings, webinars, conferences …), their sessions, questions and registrations."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samordna.core.models import TimeStampedModel
from samordna.organisations.models import County, Municipality, Organisation, Person


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Event(TimeStampedModel):
    """Something people register for: a training, webinar, conference, lecture, network meeting
    or seminar. ``start``/``end`` mirror the first session's start and the last session's end."""

    class Type(models.TextChoices):
        TRAINING = "training", _("Training")
        WEBINAR = "webinar", _("Webinar")
        CONFERENCE = "conference", _("Conference")
        LECTURE = "lecture", _("Lecture")
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        SEMINAR = "seminar", _("Seminar")

    class Format(models.TextChoices):
        DIGITAL = "digital", _("Digital")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        INVITED = "invited", _("Invited organisations only")

    title = models.CharField(_("title"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, db_index=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    link = models.URLField(_("link to the digital meeting"), blank=True)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    # Comma-separated ``Person.TargetGroup`` values (portable filtering on SQLite and PostgreSQL).
    target_groups = models.CharField(_("target groups"), max_length=200, blank=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="events", verbose_name=_("organising county")
    )
    co_organising_counties = models.ManyToManyField(
        County,
        blank=True,
        related_name="co_organised_events",
        verbose_name=_("co-organising counties"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    invited_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="event_invitations",
        verbose_name=_("invited organisations"),
    )
    published = models.BooleanField(_("published"), default=False, db_index=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Empty means registration is open until the event starts."),
    )
    registration_closed = models.BooleanField(
        _("registration closed"),
        default=False,
        help_text=_("Close registration now, regardless of the deadline."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    capacity_per_organisation = models.PositiveIntegerField(
        _("seats per organisation"), null=True, blank=True
    )
    capacity_per_county = models.PositiveIntegerField(_("seats per county"), null=True, blank=True)
    # The number of confirmed registrations, kept by ``services.seats._seats_change`` (the only
    # writer) in the same transaction as every status change: a seat is taken with one
    # conditional UPDATE instead of counting rows under a lock (bench/registration_burst.py).
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)
    requires_approval = models.BooleanField(_("registrations require approval"), default=False)
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_("If filled in, registrants must tick a box to agree to this text."),
    )
    # Links to the regional strategy and the year's plan (added in migration 0002).
    plan_activity = models.ForeignKey(
        "plans.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calendar_events",
        verbose_name=_("plan activity"),
    )
    subgoals = models.ManyToManyField(
        "strategy.SubGoal",
        blank=True,
        related_name="calendar_events",
        verbose_name=_("sub-goals"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    evaluation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["county", "published", "start"]),
            # The calendar lists events that have not ended (end >= now): without this index
            # the planner walks ten years of past events in start order.
            models.Index(fields=["end"], name="events_event_end_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="event_end_gte_start"
            ),
            # No overbooking, whatever path writes: the database refuses a seat beyond capacity.
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(seats_taken__lte=models.F("capacity")),
                name="event_seats_taken_within_capacity",
                violation_error_message=_(
                    "More people already have a seat than the number of seats given."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", args=[self.pk])

    @property
    def target_group_list(self) -> list[str]:
        return [value for value in self.target_groups.split(",") if value]

    def get_target_group_labels(self) -> list[str]:
        labels = dict(Person.TargetGroup.choices)
        return [str(labels.get(value, value)) for value in self.target_group_list]

    @property
    def effective_deadline(self):
        return self.registration_deadline or self.start

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.registration_closed:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return now <= self.effective_deadline

    def all_counties(self) -> list[County]:
        return [self.county, *self.co_organising_counties.all()]


class EventSession(models.Model):
    """One sitting of an event, e.g. day two of a three-day training."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200, blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="event_session_end_gte_start"
            )
        ]

    def __str__(self) -> str:
        return self.title or f"{self.start:%Y-%m-%d %H:%M}"


class Question(models.Model):
    """A custom question on the registration form (dietary needs, role …)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        YES_NO = "yes_no", _("Yes/no")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("options"), blank=True, help_text=_("One option per line."))
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.label

    @property
    def key(self) -> str:
        return f"q{self.pk}"

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Registration(TimeStampedModel):
    """A person's registration for an event. Waiting-list order is creation order."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
        WAITLISTED = "waitlisted", pgettext_lazy("registration status", "Waiting list")
        PENDING_APPROVAL = (
            "pending_approval",
            pgettext_lazy("registration status", "Awaiting approval"),
        )
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("organisation (free text)"), max_length=200, blank=True)
    # Derived from the organisation: feeds coverage (which municipalities took part).
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("municipality"),
    )
    registrant_county = models.ForeignKey(
        County,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("county of the registrant"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    consent_given = models.BooleanField(_("consent given"), default=False)
    cancel_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    attended = models.BooleanField(_("attended"), default=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Set by the gallring job (samordna.privacy): name, e-mail, answers and user link removed.
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=~Q(status="cancelled"),
                name="unique_active_registration_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    @property
    def organisation_display(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name

    def get_cancel_url(self) -> str:
        return reverse("events:registration_cancel", args=[self.cancel_token])

    def get_absolute_cancel_url(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.get_cancel_url()


class EvaluationResponse(models.Model):
    """A participant's answers to the built-in evaluation (one per registration).

    Self-contained until the survey engine can be reused."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="evaluations")
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="evaluation"
    )
    overall = models.PositiveSmallIntegerField(_("overall impression"))
    content = models.PositiveSmallIntegerField(_("content"))
    usefulness = models.PositiveSmallIntegerField(_("usefulness in my work"))
    comment = models.TextField(_("comments"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")
        constraints = [
            models.CheckConstraint(
                condition=Q(overall__gte=1, overall__lte=5)
                & Q(content__gte=1, content__lte=5)
                & Q(usefulness__gte=1, usefulness__lte=5),
                name="evaluation_ratings_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.registration_id}"
