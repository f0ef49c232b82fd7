import shutil

import pytest

from tests.conftest import SQLITE_TEMPLATE

from . import helpers
from .helpers import url_from_settings


@pytest.fixture(scope="session", autouse=True)
def _run_dir(tmp_path_factory):
    helpers.RUN_DIR = tmp_path_factory.mktemp("processes")
    yield
    helpers.RUN_DIR = None


@pytest.fixture(scope="session")
def _migrated_sqlite(django_db_setup):
    """A migrated SQLite file with the reference data: the file copy of this worker's test
    database taken before the first test (tests/conftest.py), instead of running the migrations
    once more in a subprocess. Each test gets its own copy of it."""
    return SQLITE_TEMPLATE["path"]


@pytest.fixture
def shared_database(request, tmp_path):
    """A database URL that real worker/web processes and this test can all use.

    On the PostgreSQL pass: pytest-django's test database; the test must be marked
    ``django_db(transaction=True)`` so that what the processes committed is flushed afterwards.
    On SQLite: a migrated file of this test's own."""
    from django.db import connection

    if connection.vendor == "postgresql":
        marker = request.node.get_closest_marker("django_db")
        assert marker and marker.kwargs.get("transaction"), (
            "mark the test django_db(transaction=True)"
        )
        return url_from_settings(connection.settings_dict)
    path = tmp_path / "shared.sqlite3"
    shutil.copyfile(request.getfixturevalue("_migrated_sqlite"), path)
    return f"sqlite:///{path}"
