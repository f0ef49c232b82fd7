"""The browser fixtures of tests/browser for this package's browser tests. Their live_server
flushes the database after the fixtures' teardown; tests/browser's hook restores the reference
data afterwards, so the next test has it."""

from tests.browser.conftest import (  # noqa: F401
    _reference_rows,
    browser,
    browser_page,
    foreign_requests,
    new_page,
    pytest_runtest_teardown,
)
