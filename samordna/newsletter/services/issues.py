"""Composing issues: sections, items (sanitised text, checked images), items pulled from the
knowledge bank and the calendar, and a test send to oneself."""

import html
import re

import nh3
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samordna.core.audit import log_action, model_changes
from samordna.core.errors import Conflict, ValidationFailed
from samordna.core.services import email_queue

from ..models import DEFAULT_SECTIONS, Issue, Item, MailingList, Section
from ..rendering import PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER, render_email

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a"}
MAX_IMAGE_BYTES = 2 * 1024 * 1024
HTML_TAG = re.compile(r"</?(p|br|strong|em|b|i|ul|ol|li|a)(\s[^>]*)?/?>", re.I)


def sanitise_text(value: str) -> str:
    """Sanitised rich text. Plain text (no tags) becomes paragraphs split on blank lines."""
    value = (value or "").strip()
    if not value:
        return ""
    if not HTML_TAG.search(value):
        paragraphs = re.split(r"\n\s*\n", value.replace("\r\n", "\n"))
        value = "".join(
            "<p>" + html.escape(p.strip()).replace("\n", "<br>") + "</p>"
            for p in paragraphs
            if p.strip()
        )
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _require_draft(issue: Issue) -> None:
    if not issue.is_editable:
        raise Conflict(_("The issue has already been sent or scheduled and can no longer change."))


def issue_create(*, actor, mailing_list: MailingList, title: str, intro: str = "") -> Issue:
    """A new draft issue with the default sections from the county newsletters."""
    title = title.strip()
    if not title:
        raise ValidationFailed(_("Give the issue a title."), field="title")
    with transaction.atomic():
        issue = Issue.objects.create(
            county=mailing_list.county,
            mailing_list=mailing_list,
            title=title,
            intro=intro.strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        Section.objects.bulk_create(
            [
                Section(issue=issue, title=name, position=index)
                for index, name in enumerate(DEFAULT_SECTIONS, start=1)
            ]
        )
        log_action(
            actor=actor,
            action="newsletter.issue.created",
            obj=issue,
            county_code=issue.county.code,
        )
    return issue


def issue_update(*, actor, issue: Issue, title: str, intro: str, mailing_list: MailingList):
    _require_draft(issue)
    if mailing_list.county_id != issue.county_id:
        raise ValidationFailed(_("Choose one of the county's lists."), field="mailing_list")
    values = {"title": title.strip(), "intro": intro.strip(), "mailing_list": mailing_list}
    if not values["title"]:
        raise ValidationFailed(_("Give the issue a title."), field="title")
    with transaction.atomic():
        changes = model_changes(issue, list(values), values)
        for key, value in values.items():
            setattr(issue, key, value)
        issue.save()
        log_action(
            actor=actor,
            action="newsletter.issue.updated",
            obj=issue,
            county_code=issue.county.code,
            data=changes,
        )
    return issue


def issue_delete(*, actor, issue: Issue) -> None:
    _require_draft(issue)
    with transaction.atomic():
        log_action(
            actor=actor,
            action="newsletter.issue.deleted",
            obj=issue,
            county_code=issue.county.code,
        )
        issue.delete()


def section_create(*, actor, issue: Issue, title: str) -> Section:
    _require_draft(issue)
    if not title.strip():
        raise ValidationFailed(_("Give the section a title."), field="title")
    with transaction.atomic():
        position = (issue.sections.aggregate(m=Max("position"))["m"] or 0) + 1
        section = Section.objects.create(issue=issue, title=title.strip(), position=position)
        log_action(
            actor=actor,
            action="newsletter.section.created",
            obj=section,
            county_code=issue.county.code,
        )
    return section


def section_update(*, actor, section: Section, title: str, position: int) -> Section:
    _require_draft(section.issue)
    if not title.strip():
        raise ValidationFailed(_("Give the section a title."), field="title")
    with transaction.atomic():
        section.title = title.strip()
        section.position = position
        section.save()
        log_action(
            actor=actor,
            action="newsletter.section.updated",
            obj=section,
            county_code=section.issue.county.code,
        )
    return section


def section_delete(*, actor, section: Section) -> None:
    _require_draft(section.issue)
    with transaction.atomic():
        log_action(
            actor=actor,
            action="newsletter.section.deleted",
            obj=section,
            county_code=section.issue.county.code,
        )
        section.delete()


def check_image(upload) -> None:
    """Only PNG and JPEG, recognised by their first bytes (not by name or declared type)."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationFailed(_("The image may be at most 2 MB."), field="image")
    head = upload.read(8)
    upload.seek(0)
    if not (head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff")):
        raise ValidationFailed(_("The image must be a PNG or JPEG file."), field="image")


def item_save(
    *,
    actor,
    section: Section,
    item: Item | None = None,
    heading: str,
    body: str = "",
    details: str = "",
    link_url: str = "",
    link_text: str = "",
    image=None,
    image_alt: str = "",
    remove_image: bool = False,
    position: int | None = None,
    source: str = Item.Source.MANUAL,
) -> Item:
    """Create or change an item. Text is sanitised; an image needs a description."""
    _require_draft(section.issue)
    heading = heading.strip()
    if not heading:
        raise ValidationFailed(_("Give the item a heading."), field="heading")
    if image:
        check_image(image)
    has_image = bool(image) or (item is not None and item.image and not remove_image)
    if has_image and not image_alt.strip():
        raise ValidationFailed(
            _("Describe the image for readers who cannot see it."), field="image_alt"
        )
    with transaction.atomic():
        creating = item is None
        if creating:
            item = Item(section=section, source=source)
            item.position = (section.items.aggregate(m=Max("position"))["m"] or 0) + 1
        item.section = section
        item.heading = heading[:200]
        item.body_html = sanitise_text(body)
        item.details = details.strip()[:300]
        item.link_url = link_url.strip()
        item.link_text = link_text.strip()[:200]
        item.image_alt = image_alt.strip()[:200] if has_image else ""
        if position is not None:
            item.position = position
        if remove_image and item.image:
            item.image.delete(save=False)
            item.image = ""
        if image:
            item.image = image
        item.save()
        log_action(
            actor=actor,
            action="newsletter.item.created" if creating else "newsletter.item.updated",
            obj=item,
            county_code=section.issue.county.code,
        )
    return item


def item_delete(*, actor, item: Item) -> None:
    _require_draft(item.section.issue)
    with transaction.atomic():
        log_action(
            actor=actor,
            action="newsletter.item.deleted",
            obj=item,
            county_code=item.section.issue.county.code,
        )
        if item.image:
            item.image.delete(save=False)
        item.delete()


def item_from_knowledge(*, actor, section: Section, knowledge_item) -> Item:
    """An item filled in from a knowledge-bank entry (title, summary, publisher, link)."""
    details = []
    if getattr(knowledge_item, "publisher", None):
        details.append(str(knowledge_item.publisher))
    if getattr(knowledge_item, "published_on", None):
        details.append(formats.date_format(knowledge_item.published_on, "j F Y"))
    return item_save(
        actor=actor,
        section=section,
        heading=knowledge_item.title,
        body=getattr(knowledge_item, "summary", "") or "",
        details=" · ".join(details),
        link_url=getattr(knowledge_item, "url", "") or "",
        link_text=_("Read more"),
        source=Item.Source.KNOWLEDGE,
    )


def item_from_event(*, actor, section: Section, event, site_url: str) -> Item:
    """An item filled in from an upcoming event: date, place, format, deadline and link."""
    start = timezone.localtime(event.start)
    parts = [formats.date_format(start, "j F Y H:i")]
    if getattr(event, "place", ""):
        parts.append(str(event.place))
    event_format = getattr(event, "get_format_display", None)
    if callable(event_format):
        parts.append(str(event_format()))
    elif getattr(event, "format", ""):
        parts.append(str(event.format))
    body = ""
    deadline = getattr(event, "registration_deadline", None)
    if deadline:
        if hasattr(deadline, "tzinfo"):
            deadline = timezone.localtime(deadline) if deadline.tzinfo else deadline
        body = _("Last day to register: %(date)s.") % {
            "date": formats.date_format(deadline, "j F Y")
        }
    return item_save(
        actor=actor,
        section=section,
        heading=event.title,
        body=body,
        details=" · ".join(parts),
        link_url=site_url.rstrip("/") + event.get_absolute_url(),
        link_text=_("Read more and register"),
        source=Item.Source.EVENT,
    )


def issue_test_send(*, actor, issue: Issue) -> None:
    """Send the issue as it looks now to the member of staff, through the transactional outbox."""
    if not getattr(actor, "email", ""):
        raise ValidationFailed(_("Your account has no e-mail address."))
    body_html, body_text = render_email(issue)
    preview = "#"
    with transaction.atomic():
        email_queue(
            to=[actor.email],
            subject=f"[{_('Test')}] {issue.title}",
            body_text=body_text.replace(UNSUBSCRIBE_PLACEHOLDER, preview).replace(
                PREFERENCES_PLACEHOLDER, preview
            ),
            body_html=body_html.replace(UNSUBSCRIBE_PLACEHOLDER, preview).replace(
                PREFERENCES_PLACEHOLDER, preview
            ),
        )
        log_action(
            actor=actor,
            action="newsletter.issue.test_sent",
            obj=issue,
            county_code=issue.county.code,
        )
