"""A backup restored into a NEW, empty database holds every row of every table, byte for byte
(a fingerprint of each table's rows, not only counts), and the schema needs no migration.

Complements tests/core/test_backup.py (row counts after reference data) with live-app data:
events, registrations with Swedish characters, queued e-mail, task rows and audit entries."""

import json
import subprocess
from urllib.parse import urlsplit

import pytest

from .helpers import manage, process_env

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

RESTORED = "samordna_faults_restored"  # on the PostgreSQL pass: a new database on the same server

POPULATE = """
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
"""

FINGERPRINT = """
import hashlib, json
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
result = {}
for model in apps.get_models():
    rows = list(model.objects.order_by("pk").values_list())
    if rows:
        data = json.dumps(rows, cls=DjangoJSONEncoder, sort_keys=True, default=str)
        result[model._meta.label] = [len(rows), hashlib.sha256(data.encode()).hexdigest()]
print(json.dumps(result))
"""


def _fingerprint(env) -> dict:
    return json.loads(manage(env, "shell", "-c", FINGERPRINT).strip().splitlines()[-1])


def _pg_args(url: str) -> list[str]:
    parts = urlsplit(url)
    return ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U",
            parts.username or "postgres"]  # fmt: skip


def _target(shared_database: str, tmp_path) -> str:
    if shared_database.startswith("sqlite:"):
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}"  # a file that does not exist yet
    base, _sep, _name = shared_database.rpartition("/")
    host = _pg_args(shared_database)
    subprocess.run(["dropdb", *host, "--if-exists", RESTORED], check=True, timeout=60)
    subprocess.run(["createdb", *host, RESTORED], check=True, timeout=60)
    return f"{base}/{RESTORED}"


def test_backup_restores_every_row_into_a_new_database(shared_database, tmp_path):
    source = process_env(shared_database)
    manage(source, "shell", "-c", POPULATE)
    before = _fingerprint(source)
    for label in (
        "events.Event",
        "events.Registration",
        "core.OutgoingEmail",
        "core.AuditEntry",
        "django_tasks_database.DBTaskResult",
    ):
        assert label in before, label
    assert before["events.Registration"][0] == 6

    backup = manage(source, "backup_database", "--output", str(tmp_path / "backup.bin"))
    backup_path = backup.strip().splitlines()[-1]
    target_url = _target(shared_database, tmp_path)
    target = process_env(target_url)
    try:
        manage(target, "restore_database", backup_path, "--yes")
        assert _fingerprint(target) == before
        manage(target, "migrate", "--check", "--noinput")  # the schema came along, migrated
    finally:
        if target_url.startswith("postgres"):
            subprocess.run(
                ["dropdb", *_pg_args(target_url), "--if-exists", RESTORED],
                check=False,
                timeout=60,
            )
