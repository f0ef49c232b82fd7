"""The shared hook in tests/conftest.py restores the reference data after transactional tests;
here only the live server's leftover PostgreSQL connections are collected."""

import gc

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if "live_server" in getattr(item, "fixturenames", ()):
        # Request threads of the live server leave their PostgreSQL connections to the garbage
        # collector; collect now so that none is left open when the test database is dropped.
        gc.collect()
