"""make backup / make restore: a backup restored into a new database has every row."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

COUNT_ROWS = (
    "from django.apps import apps\n"
    "import json\n"
    "print(json.dumps({m._meta.label: m.objects.count() for m in apps.get_models()}))"
)


def manage(*args, database_url: str, stdin: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"})
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def populate(database_url: str) -> dict:
    manage("migrate", "--noinput", "-v0", database_url=database_url)
    manage("load_reference_data", database_url=database_url)
    manage(
        "create_user",
        "backup@example.se",
        "--role",
        "county_editor",
        "--county",
        "08",
        database_url=database_url,
    )
    return manage("shell", "-c", COUNT_ROWS, database_url=database_url)


def test_sqlite_backup_restores_every_row_into_a_new_database(tmp_path):
    source = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    target = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    counts = populate(source)
    backup = manage("backup_database", "--output", str(tmp_path / "b.sqlite3"), database_url=source)
    manage("migrate", "--noinput", "-v0", database_url=target)
    manage("restore_database", backup, "--yes", database_url=target)
    assert manage("shell", "-c", COUNT_ROWS, database_url=target) == counts
    assert '"organisations.Municipality": 290' in counts


@pytest.mark.postgres
def test_postgres_backup_restores_every_row_into_a_new_database(tmp_path):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("PostgreSQL pass only (make test-postgres)")
    base = "postgres://postgres@127.0.0.1:5432"
    for name in ("samordna_backup_src", "samordna_backup_dst"):
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True
        )
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    counts = populate(f"{base}/samordna_backup_src")
    backup = manage(
        "backup_database",
        "--output",
        str(tmp_path / "b.dump"),
        database_url=f"{base}/samordna_backup_src",
    )
    manage("restore_database", backup, "--yes", database_url=f"{base}/samordna_backup_dst")
    assert manage("shell", "-c", COUNT_ROWS, database_url=f"{base}/samordna_backup_dst") == counts
