"""Configuration comes from the environment; production settings pass check --deploy cleanly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_extra: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for the live server; a deployment never has it.
    leave_out = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in leave_out}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "SECRET_KEY": "x9!" + "k" * 20 + "Zq#" + "a1b2c3d4e5f6g7h8i9j0" * 2 + "-prod-test",
            "ALLOWED_HOSTS": "samordna.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = run_manage(
        "check",
        env_extra={
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "SECRET_KEY": "",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_embedded_sqlite_database_runs_in_wal_mode(tmp_path):
    database = tmp_path / "wal.sqlite3"
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection\n"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
        env_extra={
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{database}",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "wal"


def test_database_url_selects_postgresql():
    from config.settings.base import database_from_url

    config = database_from_url("postgres://postgres@127.0.0.1:5432/samordna")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "samordna"
    sqlite = database_from_url("sqlite:////tmp/x.sqlite3")
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db
def test_seed_demo_creates_the_documented_logins_once():
    from django.core.management import call_command

    from samordna.accounts.models import User
    from samordna.organisations.demo import DEMO_PASSWORD, DEMO_USERS

    call_command("seed_demo", "--if-empty")
    for email, _name, _role, _scope in DEMO_USERS:
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)
    count = User.objects.count()
    call_command("seed_demo", "--if-empty")
    assert User.objects.count() == count
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for email, _name, _role, _scope in DEMO_USERS:
        assert email in readme
