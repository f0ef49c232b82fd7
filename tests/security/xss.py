"""Shared parts of the XSS tests: the payload corpus, a source that spreads it over every text
field of ``seed.seed_county``, the seeded world, and a checker for dangerous markup."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

from django.utils import timezone

from samordna.campaigns.models import Campaign
from samordna.events.models import Event
from samordna.knowledge.models import KnowledgeItem
from samordna.newsletter import services as newsletter_services
from samordna.plans.models import ActionPlan
from samordna.strategy.models import Strategy
from samordna.surveys.models import Survey
from tests.security.routes import filled_urls
from tests.security.seed import publish_issue, seed_county

CORPUS = Path(__file__).with_name("xss_payloads.txt")
PAYLOADS_PER_TEXT = 8  # payloads joined into one TextField value


def load_payloads() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line.strip() and not line.startswith("# ")]


URL_PREFIXES = ("javascript", "data:", "vbscript", " javascript", "jav", "&#")


class PayloadSource:
    """Hands out the corpus round-robin: one payload per CharField (one that fits), several per
    TextField, URL-like payloads for URL fields and slash-free ones for file names."""

    def __init__(self, payloads: list[str]):
        self.payloads = payloads
        self.urls = [p for p in payloads if p.lower().startswith(URL_PREFIXES)]
        self.names = [p for p in payloads if "/" not in p and "\\" not in p]
        self.position = 0
        self.used: set[str] = set()

    def _next(self, pool: list[str], max_length: int | None) -> str:
        for _attempt in range(len(pool)):
            payload = pool[self.position % len(pool)]
            self.position += 1
            if max_length is None or len(payload) <= max_length:
                self.used.add(payload)
                return payload
        return "<b>x</b>"[: max_length or 8]

    def __call__(self, label: str, kind: str, max_length: int | None) -> str:
        if kind == "url":
            return self._next(self.urls, max_length)
        if kind == "filename":
            return self._next(self.names, (max_length or 200) - 4)
        if max_length is None:
            return "\n".join(self._next(self.payloads, None) for _ in range(PAYLOADS_PER_TEXT))
        return self._next(self.payloads, max_length)


def seed_xss_world(county, admin):
    """County data full of payloads, published where the app publishes, plus a sent issue."""
    source = PayloadSource(load_payloads())
    seeded = seed_county(county, source)
    o = seeded.objects
    ActionPlan.objects.filter(pk=o["plan"].pk).update(published=True)
    Strategy.objects.filter(pk=o["strategy"].pk).update(published=True)
    Event.objects.filter(pk=o["event"].pk).update(published=True)
    Campaign.objects.filter(pk=o["campaign"].pk).update(published=True)
    KnowledgeItem.objects.filter(pk=o["knowledge_item"].pk).update(published=True)
    Survey.objects.filter(pk=o["survey"].pk).update(published_results=True)
    # A second issue, sent: the public archive, the web version and the e-mail snapshot.
    sent = newsletter_services.issue_create(
        actor=None, mailing_list=o["mailing_list"], title=source("issue", "text", 200)
    )
    section = sent.sections.order_by("position").first()
    newsletter_services.item_save(
        actor=None,
        section=section,
        heading=source("item", "text", 200),
        body=source("item.body", "text", None),
        details=source("item.details", "text", 200),
        link_url="https://example.se/",
        link_text=source("item.link_text", "text", 100),
    )
    publish_issue(sent)
    o["sent_issue"] = sent
    # A past copy of the event so certificates and evaluations are reachable.
    Event.objects.filter(pk=o["event"].pk).update(
        start=timezone.now() - datetime.timedelta(days=2),
        end=timezone.now() - datetime.timedelta(days=2) + datetime.timedelta(hours=3),
    )
    return seeded, source


def html_urls(seeded, clients: dict) -> list[tuple[str, str]]:
    """(who, url) of every page that answers 200 with HTML, for each of ``clients``
    (who → logged-in test client)."""
    result = []
    extra = [
        f"/nyhetsbrev/nummer/{seeded.objects['sent_issue'].pk}/",
        f"/nyhetsbrev/hantera/nummer/{seeded.objects['sent_issue'].pk}/",
        f"/nyhetsbrev/hantera/nummer/{seeded.objects['sent_issue'].pk}/forhandsvisning/",
    ]
    urls = [url for _route, url, _p in filled_urls(seeded)] + extra
    for who, client in clients.items():
        for url in urls:
            response = client.get(url)
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                result.append((who, url))
    return result


# --- checking markup ------------------------------------------------------------------------

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "applet", "frame", "frameset"}
CONTROL = re.compile(r"[\x00-\x20]+")


def _dangerous_url(value: str) -> bool:
    value = CONTROL.sub("", value).lower()
    return value.startswith(("javascript:", "vbscript:", "data:text/html"))


class DangerFinder(HTMLParser):
    """Collects markup that could run script: inline or foreign scripts, event-handler
    attributes, script URLs, frames and objects, refresh redirects, CSS expressions."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = {name.lower(): value or "" for name, value in attrs}
        if tag == "script":
            src = attributes.get("src", "")
            json = attributes.get("type", "").endswith("json")
            if not (src.startswith("/static/") or json):
                self.found.append(f"<script {attributes}>")
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta refresh>")
        for name, value in attributes.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and _dangerous_url(value):
                self.found.append(f"<{tag} {name}={value[:40]!r}>")
            if name == "srcdoc":
                self.found.append(f"<{tag} srcdoc>")
            if name == "style" and re.search(r"expression\(|javascript:|url\(", value, re.I):
                self.found.append(f"<{tag} style={value[:40]!r}>")

    handle_startendtag = handle_starttag


def dangerous_markup(html: str) -> list[str]:
    finder = DangerFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def unescaped_payloads(html: str, payloads: list[str]) -> list[str]:
    """Payloads with markup that appear verbatim, and template syntax that was evaluated."""
    found = [p for p in payloads if "<" in p and p in html]
    if "49qqtpl" in html:
        found.append("{{7*7}} was evaluated")
    return found
