"""Outputs of an issue: the HTML e-mail (inline styles, tables), the plain-text part, the PDF
(PDF/UA) and the per-recipient message with its unsubscribe headers. No tracking of any kind:
links go straight to their targets and no image is personalised."""

import base64
import html
import re
from email.utils import formataddr, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import tokens
from .models import Issue, Subscriber

# Placeholders in the rendered snapshot, replaced per recipient.
UNSUBSCRIBE_PLACEHOLDER = "__SAMORDNA_UNSUBSCRIBE_URL__"
PREFERENCES_PLACEHOLDER = "__SAMORDNA_PREFERENCES_URL__"

BRAND = "#1d3f66"
LINK = "#1a5a96"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def mail_domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or urlsplit(settings.SITE_URL).hostname or "localhost"


def from_address(issue: Issue) -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return formataddr((issue.county.board_name, address))


def unsubscribe_url(subscriber: Subscriber) -> str:
    return absolute(reverse("newsletter:unsubscribe", args=[tokens.make_manage_token(subscriber)]))


def preferences_url(subscriber: Subscriber) -> str:
    return absolute(reverse("newsletter:preferences", args=[tokens.make_manage_token(subscriber)]))


def _inline_body(body_html: str) -> str:
    """Give sanitised item HTML (nh3 output: bare tags) inline styles for mail clients."""
    body_html = body_html.replace("<p>", '<p style="margin:0 0 12px 0;">')
    body_html = body_html.replace("<ul>", '<ul style="margin:0 0 12px 0;padding-left:22px;">')
    body_html = body_html.replace("<ol>", '<ol style="margin:0 0 12px 0;padding-left:22px;">')
    return body_html.replace("<a ", f'<a style="color:{LINK};" ')


def _image_src(item, *, embed: bool) -> str:
    if not item.image:
        return ""
    if embed:
        try:
            with item.image.open("rb") as handle:
                data = handle.read()
        except OSError:
            return ""
        mime = "image/png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "image/jpeg"
        return f"data:{mime};base64,{base64.b64encode(data).decode()}"
    return absolute(reverse("newsletter:item_image", args=[item.issue_id_cached, item.pk]))


def issue_context(issue: Issue, *, embed_images: bool = False, for_email: bool = False) -> dict:
    sections = []
    for section in issue.sections.prefetch_related("items"):
        items = []
        for item in section.items.all():
            item.issue_id_cached = issue.pk
            item.image_src = _image_src(item, embed=embed_images)
            item.email_body = _inline_body(item.body_html) if for_email else item.body_html
            items.append(item)
        if items:
            sections.append({"section": section, "items": items})
    web_url = absolute(reverse("newsletter:issue_web", args=[issue.pk]))
    return {
        "issue": issue,
        "county": issue.county,
        "sections": sections,
        "web_url": web_url,
        "pdf_url": absolute(reverse("newsletter:issue_pdf", args=[issue.pk])),
        "forward_url": web_url + "?vidarebefordrat=1",
        "subscribe_url": absolute(reverse("newsletter:subscribe", args=[issue.county.code])),
        "privacy_url": absolute(reverse("newsletter:privacy")),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        "preferences_url": PREFERENCES_PLACEHOLDER,
        "brand": BRAND,
        "link_colour": LINK,
    }


def render_email(issue: Issue) -> tuple[str, str]:
    """The e-mail as (html, text) with placeholders for the per-recipient links."""
    with translation.override("sv"):
        context = issue_context(issue, for_email=True)
        body_html = render_to_string("newsletter/email/issue.html", context)
        body_text = render_to_string("newsletter/email/issue.txt", context)
    return body_html, _tidy_text(body_text)


def html_to_text(value: str) -> str:
    """Plain text of sanitised item HTML, keeping paragraphs, list items and link targets."""
    value = re.sub(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", value, flags=re.S)
    value = re.sub(r"<li[^>]*>", "\n  • ", value)
    value = re.sub(r"</p>|<br\s*/?>|</ul>|</ol>", "\n", value)
    value = re.sub(r"<[^>]+>", "", value)
    return html.unescape(value).strip()


def _tidy_text(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def personalise(template: str, subscriber: Subscriber) -> str:
    manage = tokens.make_manage_token(subscriber)
    return template.replace(
        UNSUBSCRIBE_PLACEHOLDER, absolute(reverse("newsletter:unsubscribe", args=[manage]))
    ).replace(PREFERENCES_PLACEHOLDER, absolute(reverse("newsletter:preferences", args=[manage])))


def message_id(issue: Issue, subscriber: Subscriber) -> str:
    """Stable per recipient and issue: a resent message is recognisable as the same one."""
    return f"<issue-{issue.pk}.sub-{subscriber.pk}@{mail_domain()}>"


def build_message(
    issue: Issue, subscriber: Subscriber, body_html: str, body_text: str, *, connection=None
) -> EmailMultiAlternatives:
    """The message for one recipient, with its own unsubscribe links and Message-ID."""
    manage = tokens.make_manage_token(subscriber)
    return _compose(
        issue,
        to=subscriber.email,
        message_id=message_id(issue, subscriber),
        unsubscribe=absolute(reverse("newsletter:unsubscribe", args=[manage])),
        preferences=absolute(reverse("newsletter:preferences", args=[manage])),
        body_html=body_html,
        body_text=body_text,
        connection=connection,
    )


def _compose(
    issue, *, to, message_id, unsubscribe, preferences, body_html, body_text, connection=None
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=issue.title,
        body=body_text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe).replace(
            PREFERENCES_PLACEHOLDER, preferences
        ),
        from_email=from_address(issue),
        to=[to],
        connection=connection,
        headers={
            "Message-ID": message_id,
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<list-{issue.mailing_list_id}.{mail_domain()}>",
            "Precedence": "bulk",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(
        body_html.replace(UNSUBSCRIBE_PLACEHOLDER, html.escape(unsubscribe)).replace(
            PREFERENCES_PLACEHOLDER, html.escape(preferences)
        ),
        "text/html",
    )
    return message


_TO = "samordna-recipient@placeholder.invalid"
_MESSAGE_ID = "__SAMORDNA_MESSAGE_ID__"


class MessageTemplate:
    """The issue's message serialised once, with placeholders for what differs per recipient
    (address, Message-ID, the two signed links). Building MIME per recipient is the costliest
    part of sending; substituting bytes gives the same message for a fraction of the cost.
    ``raw()`` returns None when the fast path cannot be used for that recipient."""

    def __init__(self, issue: Issue, body_html: str, body_text: str):
        self.issue = issue
        message = _compose(
            issue,
            to=_TO,
            message_id=_MESSAGE_ID,
            unsubscribe=UNSUBSCRIBE_PLACEHOLDER,
            preferences=PREFERENCES_PLACEHOLDER,
            body_html=body_html,
            body_text=body_text,
        )
        data = message.message().as_bytes(linesep="\r\n")
        expected_unsubscribe = 1 + (body_html + body_text).count(UNSUBSCRIBE_PLACEHOLDER)
        expected_preferences = (body_html + body_text).count(PREFERENCES_PLACEHOLDER)
        usable = (
            data.count(_TO.encode()) == 1
            and data.count(_MESSAGE_ID.encode()) == 1
            and data.count(UNSUBSCRIBE_PLACEHOLDER.encode()) == expected_unsubscribe
            and data.count(PREFERENCES_PLACEHOLDER.encode()) == expected_preferences
        )
        # E.g. a very long line made the body quoted-printable: use the slow path.
        self.data = data if usable else None
        self.envelope_from = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        marker = "__SAMORDNA_TOKEN__"
        self.unsubscribe_url = absolute(reverse("newsletter:unsubscribe", args=[marker]))
        self.preferences_url = absolute(reverse("newsletter:preferences", args=[marker]))
        self.marker = marker
        # Computed once per batch, not per recipient.
        self.signer = tokens.manage_signer()
        self.message_id_format = f"<issue-{issue.pk}.sub-{{}}@{mail_domain()}>"

    def raw(self, subscriber: Subscriber) -> bytes | None:
        if self.data is None or not subscriber.email.isascii():
            return None
        manage = tokens.make_manage_token(subscriber, signer=self.signer)
        if html.escape(manage) != manage:
            return None
        unsubscribe = self.unsubscribe_url.replace(self.marker, manage)
        preferences = self.preferences_url.replace(self.marker, manage)
        return (
            self.data.replace(_TO.encode(), subscriber.email.encode())
            .replace(_MESSAGE_ID.encode(), self.message_id_format.format(subscriber.pk).encode())
            .replace(UNSUBSCRIBE_PLACEHOLDER.encode(), unsubscribe.encode())
            .replace(PREFERENCES_PLACEHOLDER.encode(), preferences.encode())
        )


def render_pdf(issue: Issue) -> bytes:
    """A tagged, accessible PDF (PDF/UA-1) of the issue."""
    from weasyprint import HTML

    with translation.override("sv"):
        context = issue_context(issue, embed_images=True)
        document = render_to_string("newsletter/pdf/issue.html", context)
    return HTML(string=document, base_url=settings.SITE_URL).write_pdf(
        pdf_variant="pdf/ua-1", url_fetcher=_no_fetch
    )


def _no_fetch(url, *args, **kwargs):
    """WeasyPrint may only use data: URLs (images are embedded); never fetch over the network."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError("external resources are not fetched")
