"""One backup artefact for the database AND the uploaded files: a tar archive.

Layout of ``samordna-<time>.tar`` (uncompressed: the database dump and most uploads are already
compressed, and an uncompressed tar can be listed and read member by member)::

    database.sqlite3 | database.dump   SQLite online backup, or pg_dump custom format
    media/<path under MEDIA_ROOT>      every regular file under MEDIA_ROOT
    manifest.json                      format, vendor, size and SHA-256 of every member

The database is dumped first, the files are copied after it, so every file a row of the dump
names is in the archive unless it was deleted while the backup ran (listed in ``skipped``).
Restore checks every checksum before it changes anything, refuses a target that already holds
data unless forced, restores the database and then puts the files in place.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import stat
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import connections

from samordna.core import backup as database_backup

FORMAT = "samordna-backup"
VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
CHUNK = 1024 * 1024

# Rows that `manage.py migrate` and `load_reference_data` put into a new database: a target that
# holds nothing else counts as empty (restoring into it needs no --force).
SETUP_MODELS = {
    "contenttypes.ContentType",
    "auth.Permission",
    "organisations.County",
    "organisations.Municipality",
    "organisations.Organisation",
}


class BackupError(Exception):
    """A backup cannot be read or does not fit the target; the message is for the operator."""


class RestoreRefused(BackupError):
    """The target already holds data (database rows or other files) and --force was not given."""


@dataclass
class BackupResult:
    path: Path
    files: int = 0
    bytes: int = 0
    skipped: list[str] = field(default_factory=list)


@dataclass
class RestoreResult:
    legacy: bool = False
    files: int = 0
    moved_aside: Path | None = None


def default_archive_path() -> Path:
    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "var" / "backups" / f"samordna-{stamp}.tar"


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


# --- backup ------------------------------------------------------------------------------------


class _HashingReader:
    """Reads exactly what tarfile asks for and hashes it, so the checksum in the manifest is the
    checksum of the bytes in the archive even if the file changes meanwhile."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> dict:
    with path.open("rb") as raw:
        info = tar.gettarinfo(fileobj=raw, arcname=name)
        info.mode = 0o644
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(raw)
        tar.addfile(info, reader)
    return {"path": name, "size": info.size, "sha256": reader.sha256.hexdigest()}


def _media_files(root: Path) -> tuple[list[tuple[Path, str]], list[str]]:
    """Regular files under ``root`` (sorted, relative POSIX names); symbolic links and other
    special files are left out and reported."""
    files, skipped = [], []
    if not root.is_dir():
        return files, skipped
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(directory) / filename
            relative = path.relative_to(root).as_posix()
            try:
                mode = path.lstat().st_mode
            except FileNotFoundError:
                skipped.append(relative)
                continue
            if stat.S_ISREG(mode):
                files.append((path, relative))
            else:
                skipped.append(relative)
    return files, skipped


def backup_create(output: Path, *, alias: str = "default", media: Path | None = None):
    """Write the database and every file under MEDIA_ROOT into one tar archive at ``output``
    (written under a temporary name and renamed when complete)."""
    vendor = connections[alias].vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Databastypen {vendor} stöds inte. / Unsupported database {vendor}.")
    media = media_root() if media is None else media
    output = Path(output)
    if output.resolve().is_relative_to(Path(media).resolve()):
        raise BackupError(
            f"Lägg säkerhetskopian utanför {media}. / Write the backup outside {media}."
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.partial")
    result = BackupResult(path=output)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "vendor": vendor,
        "media_root": str(media),
    }
    try:
        with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
            dump = Path(work) / DATABASE_MEMBERS[vendor]
            database_backup.backup_database(dump, alias)
            with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
                manifest["database"] = _add_file(tar, dump, DATABASE_MEMBERS[vendor])
                dump.unlink()
                files, skipped = _media_files(media)
                entries = []
                for path, relative in files:
                    try:
                        entries.append(_add_file(tar, path, MEDIA_PREFIX + relative))
                    except FileNotFoundError:  # deleted after the listing
                        skipped.append(relative)
                manifest["media"] = entries
                manifest["skipped"] = sorted(skipped)
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mode = 0o644
                info.mtime = int(time.time())
                tar.addfile(info, io.BytesIO(data))
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    result.files = len(manifest["media"])
    result.bytes = sum(entry["size"] for entry in manifest["media"])
    result.skipped = manifest["skipped"]
    return result


# --- restore -----------------------------------------------------------------------------------


def backup_kind(source: Path) -> str:
    """``archive`` (this module's format), ``sqlite`` or ``postgresql`` (a database-only backup
    from before uploads were included)."""
    with source.open("rb") as file:
        head = file.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    if tarfile.is_tarfile(source):
        return "archive"
    raise BackupError(
        f"{source} är ingen säkerhetskopia från Samordna. / {source} is not a Samordna backup."
    )


def _safe_media_name(name: str) -> str | None:
    """The path under MEDIA_ROOT for an archive member, or None if it could leave MEDIA_ROOT."""
    if not name.startswith(MEDIA_PREFIX):
        return None
    relative = PurePosixPath(name[len(MEDIA_PREFIX) :])
    if relative.is_absolute() or not relative.parts or ".." in relative.parts:
        return None
    if any(part in ("", ".") for part in relative.parts) or "\\" in name:
        return None
    return relative.as_posix()


def _read_manifest(tar: tarfile.TarFile, source: Path) -> dict:
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.loads(tar.extractfile(member).read())
    except (KeyError, AttributeError, ValueError) as error:
        raise BackupError(
            f"{source} saknar en läsbar manifest.json. / {source} has no readable manifest.json."
        ) from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(
            f"{source} har ett okänt format. / {source} has an unknown format "
            f"({manifest.get('format')} {manifest.get('version')})."
        )
    return manifest


def _check_members(tar: tarfile.TarFile, manifest: dict, source: Path) -> dict[str, dict]:
    """Every member is a regular file named in the manifest, and vice versa."""
    if manifest["database"]["path"] not in DATABASE_MEMBERS.values():
        raise BackupError(f"Otillåtet filnamn i {source}: / Unsafe name: {manifest['database']}")
    expected = {manifest["database"]["path"]: manifest["database"], MANIFEST: None}
    for entry in manifest["media"]:
        if _safe_media_name(entry["path"]) is None:
            raise BackupError(f"Otillåtet filnamn i {source}: / Unsafe name: {entry['path']}")
        expected[entry["path"]] = entry
    seen = set()
    for member in tar.getmembers():
        if member.name not in expected or not member.isreg() or member.name in seen:
            raise BackupError(
                f"Oväntad post i {source}: {member.name}. / Unexpected member: {member.name}."
            )
        seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(
            f"{source} är ofullständig, saknar {', '.join(missing[:5])}. "
            f"/ {source} is incomplete, missing {', '.join(missing[:5])}."
        )
    return {name: entry for name, entry in expected.items() if entry is not None}


def database_rows(alias: str = "default") -> dict[str, int]:
    """Models with rows in the database, other than what migrate and load_reference_data put
    there (a database without tables is empty)."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    found = {}
    for model in apps.get_models():
        label = model._meta.label
        if label in SETUP_MODELS or model._meta.db_table not in tables:
            continue
        count = model._base_manager.using(alias).count()
        if count:
            found[label] = count
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_conflicts(media: Path, entries: dict[str, dict]) -> list[str]:
    """Files under ``media`` that the restore would replace or that are not in the backup (a file
    identical to the backup's copy is no conflict)."""
    wanted = {
        _safe_media_name(name): entry["sha256"]
        for name, entry in entries.items()
        if name.startswith(MEDIA_PREFIX)
    }
    files, others = _media_files(media)
    conflicts = list(others)
    for path, relative in files:
        if wanted.get(relative) != _sha256(path):
            conflicts.append(relative)
    return sorted(conflicts)


def _refusal(rows: dict[str, int], conflicts: list[str], media: Path) -> str:
    sv, en = [], []
    if rows:
        names = ", ".join(f"{label} ({count})" for label, count in sorted(rows.items())[:6])
        more = " …" if len(rows) > 6 else ""
        sv.append(f"databasen är inte tom: {names}{more}")
        en.append(f"the database is not empty: {names}{more}")
    if conflicts:
        names = ", ".join(conflicts[:5]) + (" …" if len(conflicts) > 5 else "")
        count = len(conflicts)
        sv.append(f"{media} har {count} filer som saknas i eller skiljer sig från kopian: {names}")
        en.append(f"{media} holds {count} files not in the backup or differing: {names}")
    return (
        f"Återställningen avbröts: {'; '.join(sv)}. Använd --force för att ersätta innehållet "
        f"(filerna flyttas då undan, inget raderas). / Restore refused: {'; '.join(en)}. "
        "Use --force to replace the contents (the files are then moved aside, not deleted)."
    )


def _extract_verified(tar: tarfile.TarFile, name: str, entry: dict, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    source = tar.extractfile(name)
    with target.open("wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
        raise BackupError(
            f"Kontrollsumman stämmer inte för {name}: säkerhetskopian är skadad. "
            f"/ Checksum mismatch for {name}: the backup is damaged."
        )


def _move_aside(media: Path, keep: dict[str, str]) -> Path | None:
    """Move every file under ``media`` that is not identical to the backup's copy into a sibling
    folder ``<media>.before-restore-<time>``; return that folder (None if nothing was moved)."""
    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    aside = media.with_name(f"{media.name}.before-restore-{stamp}")
    moved = False
    files, others = _media_files(media)
    candidates = [(media / relative, relative) for relative in others] + [
        (path, relative) for path, relative in files if keep.get(relative) != _sha256(path)
    ]
    for path, relative in candidates:
        destination = aside / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), str(destination))
        moved = True
    return aside if moved else None


def restore(source: Path, *, alias: str = "default", media: Path | None = None, force=False):
    """Put the database and the files of ``source`` back. Nothing is changed unless every
    checksum matches and the target is empty (or ``force``)."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"Filen finns inte: {source} / No such file: {source}")
    media = media_root() if media is None else Path(media)
    vendor = connections[alias].vendor
    kind = backup_kind(source)
    if kind != "archive":
        _require_vendor(kind, vendor, source)
        rows = database_rows(alias)
        if rows and not force:
            raise RestoreRefused(_refusal(rows, [], media))
        database_backup.restore_database(source, alias)
        return RestoreResult(legacy=True)

    with tarfile.open(source, "r:") as tar:
        manifest = _read_manifest(tar, source)
        _require_vendor(manifest["vendor"], vendor, source)
        entries = _check_members(tar, manifest, source)
        rows = database_rows(alias)
        conflicts = media_conflicts(media, entries)
        if (rows or conflicts) and not force:
            raise RestoreRefused(_refusal(rows, conflicts, media))
        media.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=media.parent, prefix=f".{media.name}.restore-"))
        try:
            database_name = manifest["database"]["path"]
            dump = staging / database_name
            _extract_verified(tar, database_name, entries[database_name], dump)
            staged = {}
            for name, entry in entries.items():
                if name.startswith(MEDIA_PREFIX):
                    relative = _safe_media_name(name)
                    _extract_verified(tar, name, entry, staging / "media" / relative)
                    staged[relative] = entry["sha256"]
            database_backup.restore_database(dump, alias)
            moved_aside = _move_aside(media, staged) if media.exists() else None
            for relative in staged:
                target = media / relative
                if target.is_file():  # identical file already there (checked above)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / "media" / relative, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return RestoreResult(files=len(staged), moved_aside=moved_aside)


def _require_vendor(backup_vendor: str, vendor: str, source: Path) -> None:
    if backup_vendor != vendor:
        raise BackupError(
            f"{source} är en säkerhetskopia av {backup_vendor}, men databasen är {vendor}. "
            f"/ {source} is a {backup_vendor} backup but the database is {vendor}."
        )
