"""Restore checks a backup archive before it changes anything: damaged files, names that would
leave MEDIA_ROOT and members the manifest does not list are refused with a message, and the
database and MEDIA_ROOT stay as they were. (The whole round trip through the commands, with real
uploads, is tests/faults/test_backup_restore.py.)"""

import hashlib
import io
import json
import tarfile

import pytest
from django.db import connection

from samordna.core.backup_archive import BackupError, RestoreRefused, restore
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

DUMP = b"SQLite format 3\x00" + b"\x00" * 84  # never restored: every case fails before that


def _entry(name: str, data: bytes) -> dict:
    return {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _archive(path, members: dict[str, bytes], manifest_media: list[dict] | None = None):
    manifest = {
        "format": "samordna-backup",
        "version": 1,
        "vendor": connection.vendor,
        "database": _entry("database.sqlite3", DUMP),
        "media": manifest_media
        if manifest_media is not None
        else [_entry(name, data) for name, data in members.items()],
        "skipped": [],
    }
    with tarfile.open(path, "w") as tar:
        for name, data in {"database.sqlite3": DUMP, **members}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return path


def test_a_damaged_file_is_refused_and_nothing_is_restored(tmp_path):
    media = tmp_path / "media"
    listed = [_entry("media/knowledge/rapport.pdf", b"%PDF-1.4 original")]
    source = _archive(
        tmp_path / "b.tar", {"media/knowledge/rapport.pdf": b"%PDF-1.4 changed!"}, listed
    )
    with pytest.raises(BackupError, match="Kontrollsumman stämmer inte.*Checksum mismatch"):
        restore(source, media=media)
    assert not media.exists() or not any(media.rglob("*"))
    assert not list(tmp_path.glob(".media.restore-*"))  # the staging folder is gone


@pytest.mark.parametrize(
    "name", ["media/../utanfor.txt", "media//etc/passwd", "media/a/../../utanfor.txt"]
)
def test_a_name_that_would_leave_media_root_is_refused(tmp_path, name):
    source = _archive(tmp_path / "b.tar", {name: b"x"})
    with pytest.raises(BackupError, match="Otillåtet filnamn"):
        restore(source, media=tmp_path / "media")
    assert not (tmp_path / "utanfor.txt").exists()


def test_a_member_the_manifest_does_not_list_is_refused(tmp_path):
    source = _archive(tmp_path / "b.tar", {"media/extra.png": b"\x89PNG"}, manifest_media=[])
    with pytest.raises(BackupError, match="Oväntad post.*Unexpected member"):
        restore(source, media=tmp_path / "media")


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text("inte en säkerhetskopia")
    with pytest.raises(BackupError, match="ingen säkerhetskopia.*not a Samordna backup"):
        restore(source, media=tmp_path / "media")


def test_a_database_with_accounts_is_not_overwritten_without_force(tmp_path, county_08):
    make_user("kvar@lst.example", "county_editor", county=county_08)
    source = _archive(tmp_path / "b.tar", {})
    with pytest.raises(RestoreRefused, match="databasen är inte tom: .*accounts.User"):
        restore(source, media=tmp_path / "media")
