"""Two-factor authentication in the browser: a county admin is sent to the set-up page, scans
(or types) the key, confirms a code, sees the backup codes; then logs in with both steps, all
without JavaScript. The same pages pass axe (run with JavaScript, which axe needs)."""

import time
from urllib.parse import urlsplit

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import assert_accessible, goto
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _code(device, steps=0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    totp.time = time.time() + steps * device.step
    return f"{totp.token():06d}"


def _submit(page, **fields):
    form = page.locator("main form.form")
    for name, value in fields.items():
        form.locator(f"input[name={name}]").fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_county_admin_sets_up_two_factor_and_logs_in_with_a_code(new_page, live_server, admin_08):
    page = new_page(java_script_enabled=False)
    goto(page, live_server, "/konto/logga-in/")
    _submit(page, email=admin_08.email, password=PASSWORD)
    # Required for county admins: straight to the set-up page, and nowhere else.
    assert urlsplit(page.url).path == "/konto/tvastegsverifiering/aktivera/"
    assert "kräver tvåstegsverifiering" in page.locator("main").inner_text()
    assert page.locator("img.qr-code").get_attribute("alt")
    secret = page.locator("code.otp-secret").inner_text().replace(" ", "")
    assert len(secret) == 32
    goto(page, live_server, "/planer/")
    assert urlsplit(page.url).path == "/konto/tvastegsverifiering/aktivera/"

    device = TOTPDevice.objects.get(user=admin_08, confirmed=False)
    _submit(page, code="000000")
    assert "Koden är fel" in page.locator("main").inner_text()
    time.sleep(1.1)  # django-otp's back-off after a wrong code
    _submit(page, code=_code(device, -1))
    assert urlsplit(page.url).path == "/konto/tvastegsverifiering/reservkoder/"
    codes = page.locator("ul.backup-codes li").all_inner_texts()
    assert len(codes) == 10

    goto(page, live_server, "/konto/tvastegsverifiering/")
    goto(page, live_server, "/konto/")
    with page.expect_navigation():
        page.get_by_role("button", name="Logga ut", exact=True).click()

    # Log in again: password, then a code.
    goto(page, live_server, "/konto/logga-in/")
    _submit(page, email=admin_08.email, password=PASSWORD)
    assert urlsplit(page.url).path == "/konto/logga-in/kod/"
    _submit(page, code=_code(device, 0))
    assert urlsplit(page.url).path == "/"
    goto(page, live_server, "/granskningslogg/")
    assert page.get_by_role("heading", level=1).count() == 1


def test_editor_turns_two_factor_off_with_a_backup_code(new_page, live_server, editor_08):
    from tests.browser.conftest import login

    page = new_page()
    login(page, live_server, editor_08)
    goto(page, live_server, "/konto/tvastegsverifiering/aktivera/")
    assert_accessible(page, "two-factor-enrol")
    device = TOTPDevice.objects.get(user=editor_08, confirmed=False)
    _submit(page, code="000000")
    assert_accessible(page, "two-factor-enrol-error")
    time.sleep(1.1)  # django-otp's back-off after a wrong code
    _submit(page, code=_code(device, -1))
    codes = page.locator("ul.backup-codes li").all_inner_texts()
    assert_accessible(page, "two-factor-backup-codes")
    goto(page, live_server, "/konto/tvastegsverifiering/")
    assert_accessible(page, "two-factor-overview")
    goto(page, live_server, "/konto/")
    assert_accessible(page, "account-with-security")
    with page.expect_navigation():
        page.get_by_role("button", name="Logga ut", exact=True).click()
    goto(page, live_server, "/konto/logga-in/")
    _submit(page, email=editor_08.email, password=PASSWORD)
    assert urlsplit(page.url).path == "/konto/logga-in/kod/"
    assert_accessible(page, "login-code")
    _submit(page, code=_code(device))
    assert urlsplit(page.url).path == "/"
    goto(page, live_server, "/konto/tvastegsverifiering/stang-av/")
    assert_accessible(page, "two-factor-disable")
    _submit(page, code=codes[0])
    assert urlsplit(page.url).path == "/konto/tvastegsverifiering/"
    assert not TOTPDevice.objects.filter(user=editor_08).exists()
    goto(page, live_server, "/konto/byt-losenord/")
    assert_accessible(page, "password-change")
