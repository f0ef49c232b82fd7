"""Shared fixtures. Reference data (21 counties, 290 municipalities, regions, national bodies) is
loaded once per test database and restored after transactional tests flush it (hook below).

Runs under pytest-xdist (``make test`` uses ``-n 2``): every worker has its own test database
(pytest-django adds the worker id to its name), its own MEDIA_ROOT and its own SQLite template
file; tests that start servers take free ports from the OS."""

import sqlite3

import pytest
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from pytest_django.plugin import blocking_manager_key

from samordna.accounts import services as account_services
from samordna.accounts.models import Role
from samordna.organisations.models import County, Municipality, Organisation
from samordna.organisations.services import reference_data_load

PASSWORD = "correct-horse-battery-staple-42"

# The reference rows as the loader left them in this worker's test database, put back with one
# bulk insert per table after a transactional test's flush (running the loader again parses the
# boundaries of 290 municipalities and costs about a second each time).
REFERENCE_MODELS = (County, Municipality, Organisation)
_REFERENCE_ROWS: list = []
# On SQLite: a file copy of the migrated test database with its reference data, taken before
# the first test (tests/faults copies it for the real processes they start).
SQLITE_TEMPLATE: dict = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        reference_data_load()
        _REFERENCE_ROWS[:] = [
            (model, list(model.objects.order_by("pk"))) for model in REFERENCE_MODELS
        ]
        if connection.vendor == "sqlite":
            path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
            connection.ensure_connection()
            with sqlite3.connect(path) as target:
                connection.connection.backup(target)
            target.close()
            SQLITE_TEMPLATE["path"] = path
    yield
    _REFERENCE_ROWS.clear()


@pytest.fixture(scope="session", autouse=True)
def _media_root_of_this_run(tmp_path_factory):
    """Uploads of tests that do not set their own MEDIA_ROOT go to a folder of this test run and
    worker, not to a shared one in var/."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


def reference_data_restore() -> None:
    """Put the reference data back into a flushed database: a bulk insert of the copy taken at
    session start, or the loader if some reference rows are still there."""
    if not _REFERENCE_ROWS or any(model.objects.exists() for model in REFERENCE_MODELS):
        if County.objects.count() < 21:
            reference_data_load()
        return
    with transaction.atomic():
        for model, rows in _REFERENCE_ROWS:
            model.objects.bulk_create(rows)
        statements = connection.ops.sequence_reset_sql(no_style(), REFERENCE_MODELS)
        if statements:  # PostgreSQL: explicit keys do not move the sequences
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


def _is_transactional(item) -> bool:
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    return (
        "transactional_db" in names
        or "live_server" in names
        or bool(marker and marker.kwargs.get("transaction"))
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Transactional tests end with a flush of every table (after all fixture teardowns); put the
    reference data back for the tests that follow."""
    yield
    if nextitem is None or not _is_transactional(item):
        return
    with item.config.stash[blocking_manager_key].unblock():
        reference_data_restore()


@pytest.fixture
def county_06(db) -> County:
    return County.objects.get(code="06")


@pytest.fixture
def county_08(db) -> County:
    return County.objects.get(code="08")


def make_user(email: str, role: str, *, county=None, organisation=None, name: str = ""):
    return account_services.user_create(
        email=email,
        role=role,
        county=county,
        organisation=organisation,
        password=PASSWORD,
        full_name=name or email.split("@")[0].replace(".", " ").title(),
    )


@pytest.fixture
def editor_08(county_08):
    return make_user("editor08@lst.example", Role.COUNTY_EDITOR, county=county_08)


@pytest.fixture
def admin_08(county_08):
    return make_user("admin08@lst.example", Role.COUNTY_ADMIN, county=county_08)


@pytest.fixture
def editor_06(county_06):
    return make_user("editor06@lst.example", Role.COUNTY_EDITOR, county=county_06)


@pytest.fixture
def admin_06(county_06):
    return make_user("admin06@lst.example", Role.COUNTY_ADMIN, county=county_06)


@pytest.fixture
def national_user(db):
    return make_user("national@jamy.example", Role.NATIONAL)


@pytest.fixture
def kalmar_municipality(db) -> Organisation:
    return Organisation.objects.get(code="0880")


@pytest.fixture
def org_contact_0880(kalmar_municipality):
    return make_user(
        "contact@kalmar.example", Role.ORGANISATION_CONTACT, organisation=kalmar_municipality
    )


@pytest.fixture
def participant_0880(kalmar_municipality):
    return make_user(
        "participant@kalmar.example", Role.PARTICIPANT, organisation=kalmar_municipality
    )


def verify_two_factor(client: Client, user) -> None:
    """Mark ``client``'s session as verified with a second factor, as the log-in code step
    does; users whose role requires two-factor authentication get a confirmed device first."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from samordna.accounts.selectors import totp_device_for_user, two_factor_required

    had_access = "_samordna_access" in user.__dict__
    required = two_factor_required(user)
    if not had_access:  # leave the user object as it was (no cached roles)
        user.__dict__.pop("_samordna_access", None)
    device = totp_device_for_user(user)
    if device is None and required:
        device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture
def client_for():
    """``client_for(user)`` → a test client logged in as ``user`` (None → anonymous), with the
    session verified by a second factor when the user has or needs one."""

    def _client(user=None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user, backend="samordna.accounts.backends.EmailBackend")
            verify_two_factor(client, user)
        return client

    return _client


def require_tool(name: str) -> None:
    """Skip a test whose command-line tool is missing on a developer's machine; in CI (where
    `make test` installs it) a missing tool is a failure, never a silent skip."""
    import os
    import shutil

    if shutil.which(name) is None:
        message = f"{name} is not installed (make chromium installs chromium and poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
