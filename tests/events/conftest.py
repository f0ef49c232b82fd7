"""Transactional (concurrency) tests flush the database after the shared conftest's fixture has
run its teardown, so the reference data is restored here once the flush is done (the same
approach as tests/browser/conftest.py)."""

import gc

import pytest
from pytest_django.plugin import blocking_manager_key

from samordna.organisations.services import reference_data_load


@pytest.fixture(autouse=True)
def _reference_data_present():
    """Replaces the shared fixture; see ``pytest_runtest_teardown`` below."""
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    names = getattr(item, "fixturenames", ())
    if "live_server" in names:
        # Request threads of the live server leave their PostgreSQL connections to the garbage
        # collector; collect now so that none is left open when the test database is dropped.
        gc.collect()
    if nextitem is not None and ("transactional_db" in names or "live_server" in names):
        with item.config.stash[blocking_manager_key].unblock():
            reference_data_load()
