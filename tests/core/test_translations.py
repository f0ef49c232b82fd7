"""Swedish is the first language: every Swedish catalogue is complete, and the site is Swedish
unless the visitor chose English."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

SAMORDNA_DIR = Path(settings.BASE_DIR) / "samordna"
ENTRY_KEY = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')


def swedish_catalogues() -> list[Path]:
    return sorted(SAMORDNA_DIR.glob("**/locale/sv/LC_MESSAGES/django.po"))


def po_entries(path: Path) -> list[dict]:
    """Parse a .po file into entries: {"flags": set, "msgid": str, "msgstr": str, ...}.
    Obsolete (#~) entries are skipped."""
    entries: list[dict] = []
    current: dict = {}
    key = None

    def finish():
        nonlocal current
        if "msgid" in current:
            entries.append(current)
        current = {}

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line:
                finish()
                key = None
            continue
        if line.startswith("#"):
            if any(k.startswith("msgstr") for k in current):
                finish()
            if line.startswith("#,"):
                flags = {flag.strip() for flag in line[2:].split(",")}
                current.setdefault("flags", set()).update(flags)
            continue
        match = ENTRY_KEY.match(line)
        if match:
            key = match.group(1)
            if key in ("msgid", "msgctxt") and any(k.startswith("msgstr") for k in current):
                finish()
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key is not None:
            current[key] += ast.literal_eval(line)
    finish()
    return entries


def catalogue_problems(path: Path) -> list[str]:
    problems = []
    root = SAMORDNA_DIR.parent
    relative = path.relative_to(root) if path.is_relative_to(root) else path
    for entry in po_entries(path):
        msgid = entry["msgid"]
        if msgid == "":
            if "fuzzy" in entry.get("flags", set()):
                problems.append(f"{relative}: the header is marked fuzzy")
            continue
        if "fuzzy" in entry.get("flags", set()):
            problems.append(f"{relative}: fuzzy translation of {msgid!r}")
        if "msgid_plural" in entry:
            forms = sorted(k for k in entry if k.startswith("msgstr["))
            if len(forms) < 2 or any(not entry[k] for k in forms):
                problems.append(f"{relative}: empty plural translation of {msgid!r}")
        elif not entry.get("msgstr"):
            problems.append(f"{relative}: empty translation of {msgid!r}")
    return problems


def test_the_foundation_has_swedish_catalogues():
    found = {str(p.relative_to(SAMORDNA_DIR)) for p in swedish_catalogues()}
    for expected in (
        "locale/sv/LC_MESSAGES/django.po",
        "core/locale/sv/LC_MESSAGES/django.po",
        "accounts/locale/sv/LC_MESSAGES/django.po",
        "organisations/locale/sv/LC_MESSAGES/django.po",
    ):
        assert expected in found


@pytest.mark.parametrize(
    "catalogue",
    swedish_catalogues(),
    ids=lambda p: str(p.relative_to(SAMORDNA_DIR)),
)
def test_every_swedish_message_is_translated_and_not_fuzzy(catalogue):
    assert po_entries(catalogue), f"{catalogue} has no entries"
    problems = catalogue_problems(catalogue)
    assert problems == [], "\n".join(problems)


def test_swedish_catalogues_declare_language_and_plural_forms():
    for catalogue in swedish_catalogues():
        header = next(e for e in po_entries(catalogue) if e["msgid"] == "")["msgstr"]
        assert "Language: sv\n" in header, catalogue
        assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header, catalogue


def test_the_checker_finds_empty_and_fuzzy_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: sv\\n"\n\n'
        'msgid "Done"\nmsgstr "Klart"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Guess"\nmsgstr "Gissning"\n\n'
        '#, python-format\nmsgid "%(n)s day"\nmsgid_plural "%(n)s days"\n'
        'msgstr[0] "%(n)s dag"\nmsgstr[1] ""\n\n'
        '#~ msgid "Old"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    problems = [problem.removeprefix(f"{po}: ") for problem in catalogue_problems(po)]
    assert problems == [
        "empty translation of 'Empty'",
        "fuzzy translation of 'Guess'",
        "empty plural translation of '%(n)s day'",
    ]


@pytest.mark.django_db
def test_the_start_page_is_swedish_without_a_language_choice(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in content
    assert "Lämna sidan snabbt" in content
    assert "Till innehållet" in content


@pytest.mark.django_db
def test_the_start_page_is_english_after_choosing_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in content
    assert "Leave the page quickly" in content
    assert "Lämna sidan snabbt" not in content
