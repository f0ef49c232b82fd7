import logging
import time

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samordna.core.errors import ApplicationError
from samordna.core.middleware import no_store
from samordna.core.permissions import AUTHENTICATED, PUBLIC, view_permission

from . import services
from .forms import LoginForm, QueuedPasswordResetForm, TwoFactorCodeForm, client_ip
from .models import LoginAttempt, User
from .selectors import (
    backup_codes_left,
    personal_data_for_user,
    role_assignments_for_user,
    totp_device_for_user,
    two_factor_required,
)

BACKEND = "samordna.accounts.backends.EmailBackend"
# The user who passed the password step and still has to give a code: {user, hash, at, next}.
PENDING_SESSION_KEY = "accounts_two_factor_pending"
# Backup codes just created, shown once on the next page view.
NEW_CODES_SESSION_KEY = "accounts_new_backup_codes"

security_log = logging.getLogger("samordna.security")


def _safe_next(request, next_url: str) -> str:
    if next_url and url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    ):
        return next_url
    return reverse("core:home")


@view_permission(PUBLIC)
@require_http_methods(["GET", "POST"])
def login_view(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.user
        if totp_device_for_user(user) is not None:
            # Not logged in yet: the session only remembers who passed the password step.
            request.session.cycle_key()
            request.session[PENDING_SESSION_KEY] = {
                "user": user.pk,
                "hash": user.get_session_auth_hash(),
                "at": int(time.time()),
                "next": _safe_next(request, next_url),
            }
            return redirect("accounts:login_code")
        login(request, user, backend=BACKEND)
        return redirect(_safe_next(request, next_url))
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


def _pending_user(request) -> User | None:
    pending = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    if time.time() - pending.get("at", 0) > settings.TWO_FACTOR_PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=pending.get("user"), is_active=True).first()
    if user is None or not constant_time_compare(
        user.get_session_auth_hash(), pending.get("hash", "")
    ):
        return None
    return user


@view_permission(PUBLIC)
@require_http_methods(["GET", "POST"])
def login_code(request):
    """Second log-in step: a code from the authenticator app or a backup code."""
    user = _pending_user(request)
    if user is None:
        request.session.pop(PENDING_SESSION_KEY, None)
        messages.info(request, _("Log in again with your e-mail address and password."))
        return redirect("accounts:login")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        record = {
            "email": user.email,
            "ip_address": ip,
            "step": LoginAttempt.Step.CODE,
            "path": request.path,
        }
        if services.login_is_rate_limited(email=user.email, ip_address=ip):
            services.login_attempt_record(succeeded=False, **record)
            minutes = settings.LOGIN_FAILURE_WINDOW_SECONDS // 60
            form.add_error(
                None,
                _(
                    "Too many failed log-in attempts. Wait %(minutes)s minutes and try again, "
                    "or reset your password."
                )
                % {"minutes": minutes},
            )
        else:
            device = services.two_factor_verify(user=user, code=form.cleaned_data["code"])
            services.login_attempt_record(succeeded=device is not None, **record)
            if device is None:
                form.add_error("code", _("The code is wrong or too old."))
            else:
                next_url = request.session.pop(PENDING_SESSION_KEY)["next"]
                login(request, user, backend=BACKEND)
                django_otp.login(request, device)
                if device.__class__.__name__ == "StaticDevice":
                    messages.warning(
                        request,
                        _("You used a backup code. You have %(count)s backup codes left.")
                        % {"count": backup_codes_left(user)},
                    )
                return redirect(_safe_next(request, next_url))
    return render(request, "accounts/login_code.html", {"form": form})


@view_permission(PUBLIC)
@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("You are now logged out."))
    return redirect("core:home")


@view_permission(AUTHENTICATED)
@require_POST
def logout_everywhere(request):
    """End every session of the user, on every device, this one included."""
    services.user_sessions_end(user=request.user, actor=request.user)
    logout(request)
    messages.info(request, _("You are now logged out on all devices."))
    return redirect("core:home")


@view_permission(AUTHENTICATED)
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {
            "assignments": role_assignments_for_user(request.user),
            "two_factor_on": totp_device_for_user(request.user) is not None,
            "two_factor_required": two_factor_required(request.user),
        },
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change the password; the user's other sessions end, this one is kept (Django's
    ``update_session_auth_hash``)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        security_log.info("password changed user=%s", self.request.user.pk)
        messages.success(
            self.request, _("Your password has been changed. Other sessions have been ended.")
        )
        return response


password_change = view_permission(AUTHENTICATED)(PasswordChangeView.as_view())


# --- Two-factor authentication ------------------------------------------------------------


@view_permission(AUTHENTICATED)
def two_factor(request):
    return render(
        request,
        "accounts/two_factor.html",
        {
            "device": totp_device_for_user(request.user),
            "required": two_factor_required(request.user),
            "codes_left": backup_codes_left(request.user),
        },
    )


@view_permission(AUTHENTICATED)
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request):
    """Add the secret to an authenticator app (QR code or typed), then confirm with a code."""
    if totp_device_for_user(request.user) is not None:
        return redirect("accounts:two_factor")
    device = services.two_factor_enrolment_start(user=request.user)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.two_factor_enrolment_confirm(
                user=request.user, code=form.cleaned_data["code"], actor=request.user
            )
        except ApplicationError as exc:
            form.add_error(exc.field, exc.message)
        else:
            update_session_auth_hash(request, request.user)
            django_otp.login(request, device)
            request.session[NEW_CODES_SESSION_KEY] = codes
            messages.success(request, _("Two-factor authentication is now on."))
            return redirect("accounts:two_factor_backup_codes")
    secret = services.totp_secret_for_display(device)
    qr_code = segno.make(device.config_url, error="m").svg_data_uri(
        scale=5, border=4, dark="#000", light="#fff"
    )
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {"form": form, "secret": secret, "qr_code": qr_code},
    )


@view_permission(AUTHENTICATED)
@require_http_methods(["GET", "POST"])
def two_factor_backup_codes(request):
    """Shows new backup codes once; POST replaces them with new ones."""
    if totp_device_for_user(request.user) is None:
        return redirect("accounts:two_factor")
    if request.method == "POST":
        try:
            codes = services.two_factor_backup_codes_regenerate(
                user=request.user, actor=request.user
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            request.session[NEW_CODES_SESSION_KEY] = codes
        return redirect("accounts:two_factor_backup_codes")
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    response = render(
        request,
        "accounts/two_factor_backup_codes.html",
        {"codes": codes, "codes_left": backup_codes_left(request.user)},
    )
    return response


@view_permission(AUTHENTICATED)
@require_http_methods(["GET", "POST"])
def two_factor_disable(request):
    form = TwoFactorCodeForm(request.POST or None)
    required = two_factor_required(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.two_factor_disable(
                user=request.user, code=form.cleaned_data["code"], actor=request.user
            )
        except ApplicationError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("Two-factor authentication is now off."))
            return redirect("accounts:two_factor")
    return render(request, "accounts/two_factor_disable.html", {"form": form, "required": required})


@view_permission(AUTHENTICATED)
@no_store
def personal_data(request):
    """GDPR: download what is stored about me, as JSON."""
    response = JsonResponse(
        personal_data_for_user(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter-samordna.json"'
    return response


class PasswordResetView(auth_views.PasswordResetView):
    """Password reset with the request passed to the form (for the rate limit per IP)."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


password_reset = view_permission(PUBLIC)(
    PasswordResetView.as_view(
        form_class=QueuedPasswordResetForm,
        template_name="accounts/password_reset_form.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = view_permission(PUBLIC)(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = view_permission(PUBLIC)(
    no_store(
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        )
    )
)
password_reset_complete = view_permission(PUBLIC)(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
