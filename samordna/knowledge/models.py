"""The knowledge bank: web courses, method support, reports, laws and government assignments,
good examples and materials, tagged by form of violence, target group and sub-goal."""

import uuid
from pathlib import PurePosixPath

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samordna.core.models import TimeStampedModel
from samordna.organisations.models import Person

SUB_GOAL_NUMBERS = (1, 2, 3, 4, 5)


class ViolenceForm(models.TextChoices):
    PARTNER = "partner", _("Partner violence")
    HONOUR = "honour", _("Honour-related violence and oppression")
    SEXUAL = "sexual", _("Sexual violence")
    PROSTITUTION = "prostitution", _("Prostitution and human trafficking")
    CHILDREN = "children", _("Violence against children")
    ELDERLY = "elderly", _("Violence against elderly people")
    DISABILITY = "disability", _("Violence against people with disabilities")
    LGBTQI = "lgbtqi", _("Violence against LGBTQI people")
    PERPETRATORS = "perpetrators", _("Work with perpetrators")


def knowledge_file_path(instance, filename: str) -> str:
    """Uploads get a random name (the original is kept in ``file_name``), so a file name can
    never collide, traverse directories or be guessed."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"knowledge/{uuid.uuid4().hex}{suffix}"


class KnowledgeItem(TimeStampedModel):
    """One item in the knowledge bank. ``county`` empty means a national item."""

    class Kind(models.TextChoices):
        WEB_COURSE = "web_course", _("Web course")
        METHOD_SUPPORT = "method_support", _("Method support")
        REPORT = "report", _("Report")
        LAW = "law", _("Law or government assignment")
        GOOD_EXAMPLE = "good_example", _("Good example")
        MATERIAL = "material", _("Material")

    class FileType(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    publisher = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_items",
        verbose_name=_("publisher"),
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=knowledge_file_path, blank=True, max_length=200)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_type = models.CharField(
        _("file type"), max_length=10, choices=FileType.choices, blank=True
    )
    file_size = models.PositiveIntegerField(_("file size"), default=0)
    county = models.ForeignKey(
        "organisations.County",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="knowledge_items",
        verbose_name=_("county"),
        help_text=_("Empty for national items."),
    )
    published = models.BooleanField(_("published"), default=False, db_index=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        # Newest first, undated last on both databases (PostgreSQL puts NULLs first otherwise).
        ordering = [F("published_on").desc(nulls_last=True), "title"]
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        indexes = [models.Index(fields=["published", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(file="") | ~Q(file_type=""), name="knowledge_file_has_type"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:item_detail", args=[self.pk])

    def get_file_url(self) -> str:
        return reverse("knowledge:item_file", args=[self.pk]) if self.file else ""

    def _tag_values(self, category: str) -> list[str]:
        return [t.value for t in self.tags.all() if t.category == category]

    @property
    def violence_forms(self) -> list[str]:
        return self._tag_values(KnowledgeItemTag.Category.VIOLENCE_FORM)

    @property
    def target_groups(self) -> list[str]:
        return self._tag_values(KnowledgeItemTag.Category.TARGET_GROUP)

    @property
    def sub_goals(self) -> list[int]:
        return sorted(s.number for s in self.sub_goal_links.all())

    def violence_form_labels(self) -> list[str]:
        labels = dict(ViolenceForm.choices)
        return [str(labels.get(v, v)) for v in self.violence_forms]

    def target_group_labels(self) -> list[str]:
        labels = dict(Person.TargetGroup.choices)
        return [str(labels.get(v, v)) for v in self.target_groups]


class KnowledgeItemTag(models.Model):
    """A tag of an item: a form of violence or a target group (``Person.TargetGroup``)."""

    class Category(models.TextChoices):
        VIOLENCE_FORM = "violence_form", _("Form of violence")
        TARGET_GROUP = "target_group", _("Target group")

    item = models.ForeignKey(KnowledgeItem, on_delete=models.CASCADE, related_name="tags")
    category = models.CharField(max_length=20, choices=Category.choices)
    value = models.CharField(max_length=30)

    class Meta:
        ordering = ["category", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "category", "value"], name="unique_knowledge_tag"
            )
        ]
        indexes = [models.Index(fields=["category", "value"])]

    def __str__(self) -> str:
        return f"{self.category}:{self.value}"


class KnowledgeItemSubGoal(models.Model):
    """A regional sub-goal (delmål 1–5) an item supports."""

    item = models.ForeignKey(KnowledgeItem, on_delete=models.CASCADE, related_name="sub_goal_links")
    number = models.PositiveSmallIntegerField(_("sub-goal"))

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="unique_knowledge_sub_goal"),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=5), name="knowledge_sub_goal_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return str(self.number)
