"""Shared fixtures. Reference data (21 counties, 290 municipalities, regions, national bodies) is
loaded once per test database and restored after transactional tests flush it (hook below)."""

import pytest
from django.test import Client
from pytest_django.plugin import blocking_manager_key

from samordna.accounts import services as account_services
from samordna.accounts.models import Role
from samordna.organisations.models import County, Organisation
from samordna.organisations.services import reference_data_load

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        reference_data_load()


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
        if County.objects.count() < 21:
            reference_data_load()


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
