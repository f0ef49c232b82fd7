"""A backup restored into a NEW, empty database and a NEW, empty media folder holds every row of
every table, byte for byte (a fingerprint of each table's rows, not only counts), and every
uploaded file with the same checksum; the schema needs no migration. Restoring again into the
now filled target is refused with a message unless --force is given.

Complements tests/core/test_backup.py (row counts after reference data) with live-app data:
events, registrations with Swedish characters, queued e-mail, task rows, audit entries, and rows
with uploaded files (knowledge bank, network document, campaign material, newsletter image)."""

import hashlib
import json
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .helpers import ROOT, manage, process_env

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


POPULATE = r"""
from datetime import timedelta
from django.db import transaction
from django.utils import timezone
from samordna.events import services
from samordna.organisations.models import County
county, _ = County.objects.get_or_create(
    code="08", defaults={"name": "Kalmar län", "board_name": "Länsstyrelsen i Kalmar län"}
)
start = timezone.now() + timedelta(days=10)
event = services.event_create(
    actor=None, county=county, start=start, end=start + timedelta(hours=2),
    co_organising_counties=(), title="Våld i nära relationer – grundkurs", type="training",
    format="in_person", published=True, capacity=3,
    registration_deadline=start - timedelta(days=1), place="Växjö",
)
for n in range(6):  # three confirmed, three on the waiting list
    with transaction.atomic():
        services.registration_create(
            event_id=event.pk, name=f"Åsa Öberg-Ängström {n}", email=f"asa{n}@example.se",
            organisation_name="Socialtjänsten i Nybro",
        )

# Rows with uploaded files, made through the services as the upload forms do.
from django.core.files.uploadedfile import SimpleUploadedFile
from samordna.accounts import services as account_services
from samordna.campaigns import services as campaign_services
from samordna.knowledge import services as knowledge_services
from samordna.networks import services as network_services
from samordna.newsletter.services import issues as issue_services
from samordna.newsletter.services import subscribers as subscriber_services
editor = account_services.user_create(
    email="redaktor@lst.example", role="county_editor", county=county, password="Lösen-1234567890"
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
knowledge_services.knowledge_item_create(
    actor=editor, title="Kartläggning av våld i Kalmar län", kind="report", county=county,
    file=SimpleUploadedFile("kartläggning.pdf", PDF + b"% kunskapsbank\n"), published=True,
)
network = network_services.network_create(
    actor=editor, name="Länsnätverket mot våld", kind="network", county=county, purpose="Samverkan"
)
network_services.document_upload(
    actor=editor, network=network, title="Protokoll 1", kind="minutes",
    uploaded=SimpleUploadedFile("protokoll.pdf", PDF + b"% protokoll\n"),
)
campaign = campaign_services.campaign_create(
    actor=editor, title="Orange day", summary="Kampanj", county=county,
    start_date=start.date(), end_date=(start + timedelta(days=30)).date(),
)
campaign_services.material_add_file(
    actor=editor, campaign=campaign, title="Affisch",
    uploaded=SimpleUploadedFile("affisch.png", PNG),
)
issue = issue_services.issue_create(
    actor=editor, mailing_list=subscriber_services.mailing_list_main(county=county),
    title="Nyhetsbrev maj",
)
section = issue_services.section_create(actor=editor, issue=issue, title="Nyheter")
issue_services.item_save(
    actor=editor, section=section, heading="Ny bild", image_alt="En bild",
    image=SimpleUploadedFile("bild.png", PNG + b"nyhetsbrev"),
)
"""

# Per table: row count and a hash of every row; and every FileField value ("label.field:pk" →
# the file's name under MEDIA_ROOT).
FINGERPRINT = """
import hashlib, json
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
result, files = {}, {}
for model in apps.get_models():
    rows = list(model.objects.order_by("pk").values_list())
    if rows:
        data = json.dumps(rows, cls=DjangoJSONEncoder, sort_keys=True, default=str)
        result[model._meta.label] = [len(rows), hashlib.sha256(data.encode()).hexdigest()]
    for f in model._meta.get_fields():
        if isinstance(f, models.FileField):
            for pk, name in model.objects.exclude(**{f.name: ""}).values_list("pk", f.name):
                files[f"{model._meta.label}.{f.name}:{pk}"] = name
print(json.dumps({"rows": result, "files": files}))
"""


def _fingerprint(env) -> dict:
    return json.loads(manage(env, "shell", "-c", FINGERPRINT).strip().splitlines()[-1])


def _tree(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root`` by its path relative to ``root``."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _manage_may_fail(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _pg_args(url: str) -> list[str]:
    parts = urlsplit(url)
    return ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U",
            parts.username or "postgres"]  # fmt: skip


def _target(shared_database: str, tmp_path) -> str:
    if shared_database.startswith("sqlite:"):
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}"  # a file that does not exist yet
    # On the PostgreSQL pass: a new database on the same server, named after this run's test
    # database (its own per xdist worker and per run).
    base, _sep, name = shared_database.rpartition("/")
    restored = f"{name}_restored"
    host = _pg_args(shared_database)
    subprocess.run(["dropdb", *host, "--if-exists", restored], check=True, timeout=60)
    subprocess.run(["createdb", *host, restored], check=True, timeout=60)
    return f"{base}/{restored}"


def test_backup_restores_every_row_and_file_into_a_new_database(shared_database, tmp_path):
    source_media = tmp_path / "media-source"
    target_media = tmp_path / "media-restored"  # does not exist yet
    source = process_env(shared_database, MEDIA_ROOT=str(source_media))
    manage(source, "shell", "-c", POPULATE)
    before = _fingerprint(source)
    files = before["files"]
    for label in (
        "events.Event",
        "events.Registration",
        "core.OutgoingEmail",
        "core.AuditEntry",
        "django_tasks_database.DBTaskResult",
        "knowledge.KnowledgeItem",
        "networks.NetworkDocument",
        "campaigns.CampaignMaterial",
        "newsletter.Item",
    ):
        assert label in before["rows"], label
    assert before["rows"]["events.Registration"][0] == 6
    assert len(files) == 4, files
    source_tree = _tree(source_media)
    assert sorted(source_tree) == sorted(files.values())  # every upload is a file on disk

    backup = manage(source, "backup_database", "--output", str(tmp_path / "backup.tar"))
    backup_path = backup.strip().splitlines()[-1]
    with tarfile.open(backup_path) as archive:  # one artefact: dump, files and manifest
        manifest = json.load(archive.extractfile("manifest.json"))
    assert {entry["path"]: entry["sha256"] for entry in manifest["media"]} == {
        f"media/{name}": digest for name, digest in source_tree.items()
    }

    target_url = _target(shared_database, tmp_path)
    target = process_env(target_url, MEDIA_ROOT=str(target_media))
    try:
        manage(target, "restore_database", backup_path, "--yes")
        assert _fingerprint(target) == before  # every row, and the same file names
        assert _tree(target_media) == source_tree  # every file, same checksum
        manage(target, "migrate", "--check", "--noinput")  # the schema came along, migrated

        # The target now holds data: a second restore is refused, in Swedish and English,
        # and changes nothing, unless --force is given.
        (target_media / "extra.txt").write_text("nyare fil")
        refused = _manage_may_fail(target, "restore_database", backup_path, "--yes")
        assert refused.returncode != 0
        assert "databasen är inte tom" in refused.stderr, refused.stderr
        assert "the database is not empty" in refused.stderr
        assert "extra.txt" in refused.stderr
        assert (target_media / "extra.txt").exists()
        manage(target, "restore_database", backup_path, "--yes", "--force")
        assert _fingerprint(target) == before
        assert _tree(target_media) == source_tree
        aside = list(tmp_path.glob("media-restored.before-restore-*/extra.txt"))
        assert len(aside) == 1 and aside[0].read_text() == "nyare fil"  # moved, not deleted
    finally:
        if target_url.startswith("postgres"):
            subprocess.run(
                ["dropdb", *_pg_args(target_url), "--if-exists", target_url.rpartition("/")[2]],
                check=False,
                timeout=60,
            )
