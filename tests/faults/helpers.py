"""Shared pieces of the fault tests: databases that several processes can share, running
``manage.py`` as a real process, and reading the database without Django."""

import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "tests.faults.worker_settings"
# A folder of this test run (and xdist worker), set by conftest.py.
RUN_DIR: Path | None = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def url_from_settings(settings: dict) -> str:
    """A DATABASE_URL for Django's connection settings (PostgreSQL)."""
    return "postgres://{user}{password}@{host}:{port}/{name}".format(
        user=settings["USER"] or "postgres",
        password=f":{settings['PASSWORD']}" if settings["PASSWORD"] else "",
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        name=settings["NAME"],
    )


def process_env(database_url: str, **extra: str) -> dict:
    """The environment of a real process on ``database_url``. Its uploads and its file-based
    shared cache go to folders of that database (so parallel tests and pytest-xdist workers,
    each on its own database, never share them) unless ``extra`` names others."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    base = (
        RUN_DIR if RUN_DIR is not None else Path(tempfile.gettempdir()) / f"samordna-{os.getpid()}"
    )
    own = base / ("db-" + hashlib.sha256(database_url.encode()).hexdigest()[:16])
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(own / "media"),
        SHARED_CACHE_DIR=str(own / "cache"),
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str, timeout: float = 120) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return result.stdout


def start_worker(env: dict, worker_id: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            "*",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--worker-id",
            worker_id,
            "-v",
            "0",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(processes) -> None:
    """SIGTERM, then SIGKILL after a grace period; every process we started ends here."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def query(database_url: str, sql: str, params: tuple = ()) -> list[tuple]:
    """Run one read-only statement against the database the processes use."""
    if database_url.startswith("sqlite:"):
        path = database_url.split("sqlite://", 1)[1]
        with sqlite3.connect(path, timeout=30) as db:
            return db.execute(sql, params).fetchall()
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as db:
        return db.execute(sql.replace("?", "%s"), params).fetchall()


def wait_until(predicate, timeout: float, interval: float = 0.25, processes=()) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        for process in processes:
            assert process.poll() is None, f"process {process.args[:4]} died"
        time.sleep(interval)
    return predicate()


def queue_emails(env: dict, count: int, prefix: str) -> None:
    """Queue ``count`` e-mails through the real outbox (one transaction each, so each one's
    task is enqueued on commit into the database backend)."""
    code = (
        "from django.db import transaction\n"
        "from samordna.core.services import email_queue\n"
        f"for n in range({count}):\n"
        "    with transaction.atomic():\n"
        f"        email_queue(to=[f'{prefix}{{n}}@example.se'], subject=f'Nr {{n}}',"
        " body_text='Hej')\n"
    )
    manage(env, "shell", "-c", code)


def json_line(output: str):
    return json.loads(output.strip().splitlines()[-1])
