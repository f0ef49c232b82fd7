"""No overbooking, ever: real concurrent registrations with separate database connections.

PostgreSQL: threads inside the test (each thread has its own connection to the test database).
SQLite: the suite's test database is in memory and cannot be shared by threads, so the same load
runs in a subprocess on a fresh SQLite *file* (WAL, IMMEDIATE write transactions)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from samordna.core.models import AuditEntry

from . import concurrency

ROOT = Path(__file__).resolve().parents[2]


def _require_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL=postgres://…)")


# ``transactional_db`` (rather than the marker) so that the shared conftest reloads the reference
# data after the flush at the end of the test.
@pytest.mark.postgres
def test_postgres_200_concurrent_registrations_for_50_seats(transactional_db, county_08):
    _require_postgres()
    result = concurrency.burst(county_08, attempts=200, seats=50, workers=25)
    assert result["outcomes"] == {"confirmed": 50, "waitlisted": 150}
    assert result["confirmed"] == 50
    assert result["waitlisted"] == 150
    assert result["rows"] == result["distinct_emails"] == 200


@pytest.mark.postgres
def test_postgres_mixed_load_promotes_in_order_and_refuses_late(transactional_db, county_08):
    _require_postgres()
    result = concurrency.mixed(county_08, workers=40)
    _assert_mixed(result)
    assert AuditEntry.objects.filter(action="events.registration.promoted").count() == 10


@pytest.mark.postgres
def test_postgres_two_people_taking_the_last_seat(transactional_db, county_08):
    _require_postgres()
    _assert_last_seat(concurrency.last_seat(county_08, rounds=20))


@pytest.mark.postgres
def test_postgres_seats_freed_while_people_join_keep_the_counter(transactional_db, county_08):
    _require_postgres()
    _assert_freeing(concurrency.freeing_while_joining(county_08, workers=30))


def _assert_last_seat(result):
    assert result["bad"] == []
    assert result["good_rounds"] == result["rounds"]


def _assert_freeing(result):
    assert result["errors"] == []
    assert result["outcomes"]["cancelled"] == 5
    assert result["outcomes"]["registered-and-cancelled"] == 10
    # 20 joiners remain: every seat is taken, the rest wait, and the counter agrees.
    assert result["confirmed"] == result["capacity"] == 5
    assert result["waitlisted"] == 15
    assert result["cancelled"] == 15
    assert result["seats_taken"] == result["confirmed"]


def _assert_mixed(result):
    assert result["outcomes"] == {"waitlisted": 30, "cancelled:cancelled": 10, "Gone": 20}
    assert result["confirmed"] == 20
    assert result["cancelled"] == 10
    assert result["promoted"] == 10
    assert result["promoted_in_order"] is True
    assert result["new_confirmed"] == 0
    assert result["waitlisted"] == 10 + 30
    assert result["late_rows"] == 0
    assert result["active_rows"] == result["distinct_emails"]


def _sqlite_load(tmp_path, which: str) -> dict:
    database = tmp_path / f"load-{which}.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "LOAD_WORKERS": "10",
    }
    completed = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, str(ROOT / "tests" / "events" / "sqlite_load.py"), which],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_sqlite_200_concurrent_registrations_for_50_seats(tmp_path):
    result = _sqlite_load(tmp_path, "burst")
    assert result["outcomes"] == {"confirmed": 50, "waitlisted": 150}
    assert result["confirmed"] == 50
    assert result["waitlisted"] == 150
    assert result["rows"] == result["distinct_emails"] == 200


def test_sqlite_mixed_load_promotes_in_order_and_refuses_late(tmp_path):
    _assert_mixed(_sqlite_load(tmp_path, "mixed"))


def test_sqlite_two_people_taking_the_last_seat(tmp_path):
    _assert_last_seat(_sqlite_load(tmp_path, "last_seat"))


def test_sqlite_seats_freed_while_people_join_keep_the_counter(tmp_path):
    _assert_freeing(_sqlite_load(tmp_path, "freeing"))
