import re
import time

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from samordna.accounts import services
from samordna.accounts.models import LoginAttempt, User
from samordna.core.audit import AuditEntry
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_device_throttling(settings):
    # django-otp's own back-off (seconds) would refuse a right code right after a wrong one.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code(device, steps: int = 0) -> str:
    """What an app with a correct clock shows ``steps`` time steps from now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    totp.time = time.time() + steps * device.step
    return f"{totp.token():06d}"


def enrol(user, *, steps: int = -1) -> tuple[TOTPDevice, list[str]]:
    device = services.two_factor_enrolment_start(user=user)
    return services.two_factor_enrolment_confirm(user=user, code=code(device, steps), actor=user)


def password_step(client, user, next_url=""):
    return client.post(
        reverse("accounts:login"), {"email": user.email, "password": PASSWORD, "next": next_url}
    )


# --- Enrolment -------------------------------------------------------------------------------


def test_enrolment_shows_qr_code_and_key_then_confirms_with_a_code(client_for, editor_08):
    client = client_for(editor_08)
    page = client.get(reverse("accounts:two_factor_enrol"))
    assert page.status_code == 200
    html = page.content.decode()
    assert re.search(r'<img class="qr-code" src="data:image/svg\+xml', html)
    assert 'alt="QR-kod' in html
    device = TOTPDevice.objects.get(user=editor_08, confirmed=False)
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")
    assert "<script" not in html.split("<main", 1)[1]

    wrong = client.post(reverse("accounts:two_factor_enrol"), {"code": "000000"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"]
    device.refresh_from_db()
    assert device.confirmed is False

    done = client.post(reverse("accounts:two_factor_enrol"), {"code": code(device)})
    assert done.url == reverse("accounts:two_factor_backup_codes")
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert AuditEntry.objects.filter(action="accounts.two_factor.enabled").count() == 1

    shown = client.get(reverse("accounts:two_factor_backup_codes"))
    codes = shown.context["codes"]
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=editor_08).values_list("token", flat=True)
    )
    assert all(c in shown.content.decode() for c in codes)
    # Shown once only.
    again = client.get(reverse("accounts:two_factor_backup_codes"))
    assert again.context["codes"] is None
    assert codes[0] not in again.content.decode()


def test_new_backup_codes_replace_the_old_ones(client_for, editor_08):
    _device, old_codes = enrol(editor_08)
    client = client_for(editor_08)
    client.post(reverse("accounts:two_factor_backup_codes"))
    new_codes = client.get(reverse("accounts:two_factor_backup_codes")).context["codes"]
    assert len(new_codes) == 10
    assert not set(new_codes) & set(old_codes)
    assert StaticToken.objects.filter(device__user=editor_08).count() == 10


# --- Log-in with a second step ---------------------------------------------------------------


def test_login_with_a_device_asks_for_a_code_before_the_session_is_authenticated(client, editor_08):
    device, _codes = enrol(editor_08)
    response = password_step(client, editor_08, next_url="/konto/")
    assert response.url == reverse("accounts:login_code")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302

    page = client.get(reverse("accounts:login_code"))
    assert page.status_code == 200
    assert "autentiseringsapp" in page.content.decode().lower()

    response = client.post(reverse("accounts:login_code"), {"code": code(device)})
    assert response.url == "/konto/"
    assert client.session["_auth_user_id"] == str(editor_08.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert LoginAttempt.objects.filter(
        email=editor_08.email, step=LoginAttempt.Step.CODE, succeeded=True
    ).exists()


def test_wrong_code_is_refused_and_recorded(client, editor_08):
    enrol(editor_08)
    password_step(client, editor_08)
    response = client.post(reverse("accounts:login_code"), {"code": "123456"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["Koden är fel eller för gammal."]
    assert "_auth_user_id" not in client.session
    assert LoginAttempt.objects.filter(step=LoginAttempt.Step.CODE, succeeded=False).count() == 1


def test_code_attempts_are_rate_limited_like_passwords(client, editor_08, settings):
    settings.LOGIN_MAX_FAILURES_PER_EMAIL = 3
    device, _codes = enrol(editor_08)
    password_step(client, editor_08)
    for _ in range(3):
        client.post(reverse("accounts:login_code"), {"code": "111111"})
    response = client.post(reverse("accounts:login_code"), {"code": code(device)})
    assert response.status_code == 200
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_backup_code_logs_in_once(client, editor_08):
    _device, codes = enrol(editor_08)
    password_step(client, editor_08)
    response = client.post(reverse("accounts:login_code"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor_08.pk)
    assert StaticToken.objects.filter(device__user=editor_08).count() == 9

    other = Client()
    password_step(other, editor_08)
    response = other.post(reverse("accounts:login_code"), {"code": codes[0]})
    assert response.status_code == 200
    assert "_auth_user_id" not in other.session


def test_code_step_without_a_fresh_password_step_goes_back_to_login(client, editor_08, settings):
    device, _codes = enrol(editor_08)
    assert client.get(reverse("accounts:login_code")).url == reverse("accounts:login")
    settings.TWO_FACTOR_PENDING_SECONDS = -1
    password_step(client, editor_08)
    response = client.post(reverse("accounts:login_code"), {"code": code(device)})
    assert response.url == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_a_pending_code_step_ends_when_the_password_changes(client, editor_08):
    device, _codes = enrol(editor_08)
    password_step(client, editor_08)
    editor_08.set_password("ett-helt-annat-losenord-77")
    editor_08.save()
    response = client.post(reverse("accounts:login_code"), {"code": code(device)})
    assert response.url == reverse("accounts:login")


# --- Turning it off --------------------------------------------------------------------------


def test_disabling_needs_a_current_code(client_for, editor_08):
    device, _codes = enrol(editor_08)
    client = client_for(editor_08)
    response = client.post(reverse("accounts:two_factor_disable"), {"code": "999999"})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=editor_08).exists()
    response = client.post(reverse("accounts:two_factor_disable"), {"code": code(device)})
    assert response.url == reverse("accounts:two_factor")
    assert not TOTPDevice.objects.filter(user=editor_08).exists()
    assert not StaticToken.objects.filter(device__user=editor_08).exists()
    # Next log-in is password only again.
    fresh = Client()
    assert password_step(fresh, editor_08).url == "/"
    assert fresh.session["_auth_user_id"] == str(editor_08.pk)


def test_county_admin_cannot_disable(client_for, admin_08):
    client = client_for(admin_08)
    device = TOTPDevice.objects.get(user=admin_08)
    page = client.get(reverse("accounts:two_factor_disable"))
    assert "kan inte stängas av" in page.content.decode()
    response = client.post(reverse("accounts:two_factor_disable"), {"code": code(device)})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=admin_08).exists()


# --- Required for county admins and superusers -------------------------------------------------


@pytest.mark.parametrize("kind", ["county_admin", "superuser"])
def test_required_roles_must_enrol_before_anything_else(client, kind, admin_08):
    user = admin_08
    if kind == "superuser":
        user = User.objects.create_superuser("root@samordna.example", PASSWORD)
    response = password_step(client, user)
    assert response.status_code == 302
    for path in ["/", "/konto/", reverse("core:audit_log"), "/admin/", "/organisationer/"]:
        refused = client.get(path)
        assert refused.status_code == 302, path
        assert refused.url == reverse("accounts:two_factor_enrol"), path
    enrol_page = client.get(reverse("accounts:two_factor_enrol"))
    assert enrol_page.status_code == 200
    assert "kräver tvåstegsverifiering" in enrol_page.content.decode()

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(reverse("accounts:two_factor_enrol"), {"code": code(device)})
    assert client.get("/konto/").status_code == 200
    assert client.get(reverse("core:audit_log")).status_code == 200


def test_required_role_may_log_out_before_enrolling(client, admin_08):
    password_step(client, admin_08)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_editors_are_not_forced_to_enrol(client, editor_08):
    password_step(client, editor_08)
    assert client.get("/konto/").status_code == 200


def test_unverified_session_of_a_user_with_a_device_is_ended(admin_08):
    enrol(admin_08)
    client = Client()
    client.force_login(admin_08, backend="samordna.accounts.backends.EmailBackend")
    response = client.get("/konto/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_api_tokens_do_not_need_a_second_factor(client, admin_08):
    _token, plain = services.api_token_create(user=admin_08)
    response = client.get("/api/v1/health", HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert response.status_code == 200


def test_unverified_admin_session_counts_as_anonymous_in_the_api(rf, admin_08):
    from samordna.accounts.middleware import TwoFactorRequiredMiddleware

    seen = {}

    def view(request):
        seen["user"] = request.user
        return HttpResponse("ok")

    request = rf.get("/api/v1/events")
    admin_08.is_verified = lambda: False
    request.user = admin_08
    response = TwoFactorRequiredMiddleware(view)(request)
    assert response.status_code == 200
    assert seen["user"].is_anonymous


def test_fixture_clients_of_county_admins_are_verified(client_for, admin_08, admin_06):
    assert client_for(admin_08).get(reverse("core:audit_log")).status_code == 200
    assert client_for(admin_06).get("/konto/").status_code == 200


def test_admin_site_logs_in_through_the_samordna_log_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url == "/konto/logga-in/?next=/admin/"
    refused = client.post("/admin/login/", {"username": "x@example.se", "password": "y"})
    assert refused.status_code == 302
    assert LoginAttempt.objects.count() == 0


def test_superuser_with_a_device_reaches_the_admin_site_after_both_steps(client):
    root = User.objects.create_superuser("root@samordna.example", PASSWORD)
    device, _codes = enrol(root)
    client.post(reverse("accounts:login"), {"email": root.email, "password": PASSWORD})
    client.post(reverse("accounts:login_code"), {"code": code(device)})
    assert client.get("/admin/").status_code == 200
