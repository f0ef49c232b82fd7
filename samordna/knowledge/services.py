"""Writes of the knowledge bank: create and edit items, attach a checked file."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from samordna.core import uploads
from samordna.core.audit import log_action, model_changes
from samordna.core.errors import ValidationFailed
from samordna.organisations.models import County, Organisation, Person

from .models import SUB_GOAL_NUMBERS, KnowledgeItem, KnowledgeItemSubGoal, KnowledgeItemTag
from .models import ViolenceForm as ViolenceFormChoices

# Default upload limit; an installation may set KNOWLEDGE_MAX_FILE_BYTES.
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
FILE_TYPE_CHOICES = {
    uploads.PDF: KnowledgeItem.FileType.PDF,
    uploads.DOCX: KnowledgeItem.FileType.DOCX,
}
CONTENT_TYPES = {choice: file_type.content_type for file_type, choice in FILE_TYPE_CHOICES.items()}


def max_file_bytes() -> int:
    return int(getattr(settings, "KNOWLEDGE_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES))


@dataclass(frozen=True)
class CheckedFile:
    """An upload whose content has been sniffed: its bytes, type and original name."""

    content: bytes
    file_type: str
    name: str


def knowledge_file_check(upload) -> CheckedFile:
    """Accept only real PDF and DOCX files under the size limit; the type is decided by the
    content (``core.uploads``), never by the name or the browser's claimed Content-Type."""
    checked = uploads.check_upload(
        upload, max_bytes=max_file_bytes(), allowed=uploads.DOCUMENT_TYPES
    )
    upload.seek(0)
    content = upload.read()
    name = checked.original_filename[:150] or "fil"
    return CheckedFile(content, FILE_TYPE_CHOICES[checked.file_type], name)


def _check_values(*, title: str) -> None:
    # Link and file are both optional: some method support is described, not linked.
    if not title.strip():
        raise ValidationFailed(_("Enter a title."), field="title")


def _check_tags(violence_forms, target_groups, sub_goals) -> None:
    valid_forms = set(ViolenceFormChoices.values)
    for value in violence_forms:
        if value not in valid_forms:
            raise ValidationFailed(
                _("Unknown form of violence %(value)s.") % {"value": value},
                field="violence_forms",
            )
    valid_groups = set(Person.TargetGroup.values)
    for value in target_groups:
        if value not in valid_groups:
            raise ValidationFailed(
                _("Unknown target group %(value)s.") % {"value": value}, field="target_groups"
            )
    for number in sub_goals:
        if int(number) not in SUB_GOAL_NUMBERS:
            raise ValidationFailed(
                _("Sub-goals are numbered 1 to 5, not %(number)s.") % {"number": number},
                field="sub_goals",
            )


def _set_tags(item: KnowledgeItem, violence_forms, target_groups, sub_goals) -> None:
    item.tags.all().delete()
    item.sub_goal_links.all().delete()
    KnowledgeItemTag.objects.bulk_create(
        [
            KnowledgeItemTag(item=item, category=KnowledgeItemTag.Category.VIOLENCE_FORM, value=v)
            for v in dict.fromkeys(violence_forms)
        ]
        + [
            KnowledgeItemTag(item=item, category=KnowledgeItemTag.Category.TARGET_GROUP, value=v)
            for v in dict.fromkeys(target_groups)
        ]
    )
    KnowledgeItemSubGoal.objects.bulk_create(
        [
            KnowledgeItemSubGoal(item=item, number=int(n))
            for n in sorted({int(n) for n in sub_goals})
        ]
    )


def _attach_file(item: KnowledgeItem, file: CheckedFile) -> None:
    old_name = item.file.name if item.file else ""
    item.file.save(file.name, ContentFile(file.content), save=False)
    item.file_name = file.name
    item.file_type = file.file_type
    item.file_size = len(file.content)
    if old_name:
        storage = item.file.storage
        # Delete the replaced file only once the new row is committed.
        transaction.on_commit(lambda: storage.delete(old_name))


def knowledge_item_create(
    *,
    actor,
    title: str,
    kind: str,
    county: County | None,
    summary: str = "",
    publisher: Organisation | None = None,
    published_on: date | None = None,
    url: str = "",
    file=None,
    published: bool = False,
    violence_forms=(),
    target_groups=(),
    sub_goals=(),
) -> KnowledgeItem:
    """Add an item to the knowledge bank (``county`` None = national). ``file`` is an upload
    that is checked by content before it is stored."""
    checked = knowledge_file_check(file) if file is not None else None
    _check_values(title=title)
    _check_tags(violence_forms, target_groups, sub_goals)
    if kind not in KnowledgeItem.Kind.values:
        raise ValidationFailed(_("Choose a kind."), field="kind")
    with transaction.atomic():
        item = KnowledgeItem(
            title=title.strip(),
            kind=kind,
            county=county,
            summary=summary,
            publisher=publisher,
            published_on=published_on,
            url=url,
            published=published,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if checked is not None:
            _attach_file(item, checked)
        item.save()
        _set_tags(item, violence_forms, target_groups, sub_goals)
        log_action(
            actor=actor,
            action="knowledge.item.created",
            obj=item,
            county_code=county.code if county else "",
        )
    return item


ITEM_FIELDS = ["title", "summary", "kind", "publisher", "published_on", "url", "published"]


def knowledge_item_update(
    *,
    actor,
    item: KnowledgeItem,
    file=None,
    remove_file: bool = False,
    violence_forms=None,
    target_groups=None,
    sub_goals=None,
    **values,
) -> KnowledgeItem:
    """Change an item's fields, tags and file; the county never changes."""
    values = {k: v for k, v in values.items() if k in ITEM_FIELDS}
    checked = knowledge_file_check(file) if file is not None else None
    _check_values(title=values.get("title", item.title))
    if "kind" in values and values["kind"] not in KnowledgeItem.Kind.values:
        raise ValidationFailed(_("Choose a kind."), field="kind")
    new_forms = item.violence_forms if violence_forms is None else list(violence_forms)
    new_groups = item.target_groups if target_groups is None else list(target_groups)
    new_goals = item.sub_goals if sub_goals is None else [int(n) for n in sub_goals]
    _check_tags(new_forms, new_groups, new_goals)
    with transaction.atomic():
        changes = model_changes(item, ITEM_FIELDS, values)
        for field, value in values.items():
            setattr(item, field, value)
        if checked is not None:
            _attach_file(item, checked)
            changes["file"] = {"after": checked.name}
        elif remove_file and item.file:
            old_name = item.file.name
            storage = item.file.storage
            item.file = ""
            item.file_name = ""
            item.file_type = ""
            item.file_size = 0
            changes["file"] = {"before": old_name, "after": ""}
            transaction.on_commit(lambda: storage.delete(old_name))
        item.save()
        _set_tags(item, new_forms, new_groups, new_goals)
        log_action(
            actor=actor,
            action="knowledge.item.updated",
            obj=item,
            county_code=item.county.code if item.county else "",
            data={"changes": changes},
        )
    return item
