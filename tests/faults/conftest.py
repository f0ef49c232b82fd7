import shutil

import pytest

from .helpers import manage, process_env, url_from_settings


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory):
    """One migrated SQLite file per test session; each test gets its own copy."""
    path = tmp_path_factory.mktemp("faults-template") / "template.sqlite3"
    manage(process_env(f"sqlite:///{path}"), "migrate", "--noinput", "-v", "0", timeout=300)
    return path


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
