"""End-to-end tests in headless Debian chromium, driven by Playwright's sync API, with axe-core.

Every test module here sets ``pytestmark = pytest.mark.browser`` (``make test`` runs them on
SQLite; ``-m "not browser"`` leaves them out). ``make chromium`` installs Debian's chromium;
never run ``playwright install`` (no browser downloads on this project's machines).

Fixtures (use them from any test in ``tests/browser/``):

``browser``
    One headless chromium for the whole ``tests/browser`` package (started once, closed after
    the package's last test).
``browser_page``
    A fresh context (own cookies, 1280×900, JavaScript on) and page for one test. Every request
    the page makes is recorded; the test fails at teardown if any request went to a host other
    than the live server (no CDN, trackers or analytics, ever).
``new_page``
    ``new_page(**context_options)`` opens one more guarded page in a fresh context, e.g.
    ``new_page(java_script_enabled=False)`` or ``new_page(viewport={"width": 360, ...})``.
``foreign_requests``
    The list of URLs on other hosts requested so far by the pages of this test.

Helpers (``from tests.browser.conftest import assert_accessible, login, goto, screenshot``):

``goto(page, live_server, path)``
    Opens ``live_server.url + path`` and asserts the final response was not an error.
``assert_accessible(page, name="")``
    Runs axe-core on the page as it is now (WCAG 2.0/2.1 level A and AA rules) and fails with
    the violation ids, their impact and the CSS selectors of the offending elements.
``login(page, live_server, user, password=PASSWORD)``
    Logs ``user`` in through the real log-in form and checks that it worked.
``screenshot(page, name)``
    Saves a full-page PNG to ``test-artifacts/screenshots/<name>.png`` (gitignored) to look at.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, sync_playwright
from pytest_django.plugin import blocking_manager_key

from tests.conftest import PASSWORD, reference_data_restore

CHROMIUM = os.environ.get("SAMORDNA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
DEFAULT_VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 30_000

_axe = Axe()


@pytest.fixture(scope="package", autouse=True)
def _reference_rows(django_db_setup, django_db_blocker):
    """The reference data is there when a package's first browser test starts (also imported by
    tests/events and tests/knowledge for their browser tests)."""
    with django_db_blocker.unblock():
        reference_data_restore()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Live-server tests flush the database *after* every fixture's teardown (pytest-django's
    autouse live-server helper sets ``transactional_db`` up first): restore the reference data
    once the flush is done, for the next test."""
    yield
    # After the session's last test the test database is already gone: nothing to restore.
    # (tests/conftest.py's hook does the same for every transactional test; whichever runs
    # first restores, the other finds the rows there.)
    if nextitem is not None and "live_server" in getattr(item, "fixturenames", ()):
        with item.config.stash[blocking_manager_key].unblock():
            reference_data_restore()


@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        message = f"Debian's chromium is missing ({CHROMIUM}); run `make chromium`."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API keeps an event loop in this thread; the ORM calls made by test code
    # and fixtures while it runs are still synchronous, so Django's async guard is lifted here
    # (and only while the browser runs).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
        headless=True,
        args=CHROMIUM_ARGS,
    )
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def foreign_requests() -> list[str]:
    return []


@pytest.fixture
def new_page(browser, live_server, foreign_requests):
    """``new_page(**context_options)`` → a Page in a fresh context whose requests are guarded."""
    contexts = []
    own_origin = _origin(live_server.url)

    def record(request):
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if _origin(url) != own_origin:
            foreign_requests.append(url)

    def _new_page(**context_options) -> Page:
        context_options.setdefault("viewport", DEFAULT_VIEWPORT)
        context_options.setdefault("locale", "sv-SE")
        context = browser.new_context(**context_options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("request", record)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()
    assert foreign_requests == [], f"requests to other hosts than the site: {foreign_requests}"


@pytest.fixture
def browser_page(new_page) -> Page:
    return new_page()


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def goto(page: Page, live_server, path: str):
    response = page.goto(live_server.url + path)
    assert response is not None, f"no response for {path}"
    assert response.status < 400, f"{path} answered {response.status}"
    return response


def assert_accessible(page: Page, name: str = "") -> None:
    """Fail if axe-core finds WCAG 2.0/2.1 A or AA violations on the page as it is now."""
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": AXE_TAGS},
            "resultTypes": ["violations"],
        },
    )
    violations = results.response["violations"]
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {name or page.url}:"]
        for violation in violations:
            targets = "; ".join(
                " ".join(str(part) for part in node["target"]) for node in violation["nodes"]
            )
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']} → {targets}"
            )
        pytest.fail("\n".join(lines))


def login(page: Page, live_server, user, password: str = PASSWORD) -> None:
    """Log ``user`` in through the log-in form (works with and without JavaScript). Users who
    have, or whose role requires, two-factor authentication also pass the code step, with a
    fresh backup code."""
    code = _two_factor_code_for(user)
    goto(page, live_server, "/konto/logga-in/")
    form = page.locator("main form.form")
    form.locator("input[name=email]").fill(user.email)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    if code is not None:
        assert urlsplit(page.url).path == "/konto/logga-in/kod/", page.url
        form = page.locator("main form.form")
        form.locator("input[name=code]").fill(code)
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
    assert page.locator("form[action$='/konto/logga-ut/'] button").count() == 1, (
        f"log-in as {user.email} failed: {page.url}"
    )


def _two_factor_code_for(user) -> str | None:
    """A one-time backup code for ``user``, who gets a confirmed device first if the role
    requires one; None for users without two-factor authentication."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from samordna.accounts.selectors import totp_device_for_user, two_factor_required

    if totp_device_for_user(user) is None:
        had_access = "_samordna_access" in user.__dict__
        required = two_factor_required(user)
        if not had_access:  # leave the user object as it was (no cached roles)
            user.__dict__.pop("_samordna_access", None)
        if not required:
            return None
        TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name="Test", confirmed=True)
    return StaticToken.objects.create(device=device, token=StaticToken.random_token()).token


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
