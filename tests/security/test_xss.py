"""User-authored text renders inert: a corpus of XSS payloads (xss_payloads.txt) is put in every
text field of every app (seed.seed_county fills them by model introspection), then every page
where it can appear is rendered through the test client, as the county's admin and anonymously,
and checked for markup that could run script and for payloads that came through unescaped.
E-mails (outbox and the newsletter snapshot) are checked too. The same pages are opened in
chromium by test_xss_browser.py."""

import pytest

from samordna.core.models import OutgoingEmail
from samordna.newsletter.models import Issue
from tests.security.seed import SKIP_FIELDS, SKIP_MODELS, counter_source, models_with_text
from tests.security.seed import seed_county as seed
from tests.security.xss import (
    dangerous_markup,
    html_urls,
    load_payloads,
    seed_xss_world,
    unescaped_payloads,
)

pytestmark = pytest.mark.django_db


def test_the_corpus_has_at_least_100_distinct_payloads():
    payloads = load_payloads()
    assert len(payloads) == len(set(payloads))
    assert len(payloads) >= 100


def test_seed_covers_every_text_field(county_06):
    """Every CharField/TextField of the apps' models is either filled by the seed or skipped
    with a reason: a new model needs a line in seed.py, a new field is filled automatically."""
    source, _registry = counter_source("cover")
    seeded = seed(county_06, source)
    filled = {(type(obj)._meta.label, name) for obj, names in seeded.filled for name in names}
    missing = []
    for model in models_with_text():
        label = model._meta.label
        for field in model._meta.concrete_fields:
            key = f"{label}.{field.name}"
            is_text = field.get_internal_type() in ("CharField", "TextField", "URLField")
            if (
                is_text
                and not field.choices
                and key not in SKIP_FIELDS
                and (label, field.name) not in filled
            ):
                missing.append(key)
    assert not missing, (
        "text fields no seeded object carries (add the model to tests/security/seed.py "
        f"or a SKIP_FIELDS/SKIP_MODELS entry with the reason): {missing}"
    )
    assert set(SKIP_MODELS) <= {
        m._meta.label for m in __import__("django.apps").apps.apps.get_models()
    }


def test_every_page_renders_the_payloads_inert(county_08, admin_08, client_for):
    seeded, source = seed_xss_world(county_08, admin_08)
    payloads = load_payloads()
    assert source.used == set(payloads), set(payloads) - source.used
    clients = {"admin": client_for(admin_08), "anonymous": client_for(None)}
    pages = html_urls(seeded, clients)
    assert len(pages) > 100, len(pages)
    problems = []
    for who, url in pages:
        html = clients[who].get(url).content.decode()
        found = dangerous_markup(html) + unescaped_payloads(html, payloads)
        if found:
            problems.append(f"{who} {url}: {found[:5]}")
    # E-mails: the outbox (confirmations, notices) and the newsletter's stored snapshot.
    for email in OutgoingEmail.objects.exclude(body_html=""):
        found = dangerous_markup(email.body_html) + unescaped_payloads(email.body_html, payloads)
        if found:
            problems.append(f"e-mail {email.subject!r}: {found[:5]}")
    for issue in Issue.objects.exclude(email_html=""):
        found = dangerous_markup(issue.email_html) + unescaped_payloads(issue.email_html, payloads)
        if found:
            problems.append(f"newsletter e-mail {issue.pk}: {found[:5]}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.se/a?b=1", "https://example.se/a?b=1"),
        ("mailto:a@example.se", "mailto:a@example.se"),
        ("/kalender/1/", "/kalender/1/"),
        ("javascript:alert(1)", ""),
        (" JaVa\tScRiPt:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("//evil.example/x", ""),
        ("vbscript:msgbox(1)", ""),
    ],
)
def test_safe_url_keeps_only_web_and_mail_links(value, expected):
    from samordna.core.templatetags.samordna import safe_url

    assert safe_url(value) == expected
