"""Online backup and restore of the database: SQLite's backup API, or pg_dump/pg_restore."""

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections


def default_backup_path(alias: str = "default") -> Path:
    vendor = connections[alias].vendor
    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite3" if vendor == "sqlite" else "dump"
    return Path(settings.BASE_DIR) / "var" / "backups" / f"samordna-{stamp}.{suffix}"


def backup_database(output: Path, alias: str = "default") -> Path:
    """Write a consistent copy of the live database to ``output`` (safe while the app runs)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    db = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        with sqlite3.connect(str(db["NAME"])) as source, sqlite3.connect(str(output)) as target:
            source.backup(target)
        return output
    _require("pg_dump")
    subprocess.run(  # noqa: S603 - fixed arguments from settings, no user input
        [  # noqa: S607
            "pg_dump",
            "--format=custom",
            "--no-owner",
            f"--file={output}",
            *_pg_args(db),
        ],
        check=True,
        env=_pg_env(db),
    )
    return output


def restore_database(source: Path, alias: str = "default") -> None:
    """Replace the database's contents with the backup in ``source``."""
    if not source.exists():
        raise FileNotFoundError(source)
    connections[alias].close()
    db = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        with sqlite3.connect(str(source)) as backup, sqlite3.connect(str(db["NAME"])) as target:
            backup.backup(target)
        return
    _require("pg_restore")
    subprocess.run(  # noqa: S603 - fixed arguments from settings, no user input
        [  # noqa: S607
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *_pg_args(db),
            str(source),
        ],
        check=True,
        env=_pg_env(db),
    )


def _pg_args(db: dict) -> list[str]:
    args = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    return args


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _require(tool: str) -> None:
    if shutil.which(tool) is None:
        raise RuntimeError(f"{tool} is not installed (apt-get install postgresql-client)")
