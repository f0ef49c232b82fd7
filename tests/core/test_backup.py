"""make backup / make restore: a backup restored into a new database has every row."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SQLITE_TEMPLATE

ROOT = Path(__file__).resolve().parents[2]

COUNT_ROWS = (
    "from django.apps import apps\n"
    "import json\n"
    "print(json.dumps({m._meta.label: m.objects.count() for m in apps.get_models()}))"
)


def manage(*args, database_url: str, media_root: Path, stdin: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"})
    env["MEDIA_ROOT"] = str(media_root)  # a folder of the test, never the developer's var/uploads
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


def populate(database_url: str, media_root: Path) -> dict:
    manage("migrate", "--noinput", "-v0", database_url=database_url, media_root=media_root)
    manage("load_reference_data", database_url=database_url, media_root=media_root)
    manage(
        "create_user",
        "backup@example.se",
        "--role",
        "county_editor",
        "--county",
        "08",
        database_url=database_url,
        media_root=media_root,
    )
    return manage("shell", "-c", COUNT_ROWS, database_url=database_url, media_root=media_root)


def test_sqlite_backup_restores_every_row_into_a_new_database(django_db_setup, tmp_path):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite pass only (make test-sqlite)")
    source = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    target = tmp_path / "target.sqlite3"
    source_media, target_media = tmp_path / "media-source", tmp_path / "media-target"
    counts = populate(source, source_media)
    backup = manage(
        "backup_database",
        "--output",
        str(tmp_path / "b.tar"),
        database_url=source,
        media_root=source_media,
    )
    # The target: a database as `make migrate` leaves it (migrated, reference data loaded), a
    # copy of the suite's migrated template instead of running the migrations once more.
    shutil.copyfile(SQLITE_TEMPLATE["path"], target)
    target = f"sqlite:///{target}"
    manage("restore_database", backup, "--yes", database_url=target, media_root=target_media)
    assert manage("shell", "-c", COUNT_ROWS, database_url=target, media_root=target_media) == counts
    assert '"organisations.Municipality": 290' in counts


@pytest.mark.postgres
def test_postgres_backup_restores_every_row_into_a_new_database(tmp_path):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("PostgreSQL pass only (make test-postgres)")
    base = "postgres://postgres@127.0.0.1:5432"
    # Named after this run's database and xdist worker, so parallel runs never share them.
    prefix = "{}_{}".format(
        os.environ["DATABASE_URL"].rpartition("/")[2], os.environ.get("PYTEST_XDIST_WORKER", "")
    )
    source, target = f"{base}/{prefix}_backup_src", f"{base}/{prefix}_backup_dst"
    source_media, target_media = tmp_path / "media-source", tmp_path / "media-target"
    for url in (source, target):
        _pg("dropdb", "--if-exists", url.rpartition("/")[2])
        _pg("createdb", url.rpartition("/")[2])
    try:
        counts = populate(source, source_media)
        backup = manage(
            "backup_database",
            "--output",
            str(tmp_path / "b.tar"),
            database_url=source,
            media_root=source_media,
        )
        manage("restore_database", backup, "--yes", database_url=target, media_root=target_media)
        assert (
            manage("shell", "-c", COUNT_ROWS, database_url=target, media_root=target_media)
            == counts
        )
    finally:
        for url in (source, target):
            _pg("dropdb", "--if-exists", url.rpartition("/")[2])


def _pg(tool: str, *args: str) -> None:
    subprocess.run([tool, "-h", "127.0.0.1", "-U", "postgres", *args], check=True, timeout=60)
