"""The one place where two-factor authentication is enforced for the roles that require it."""

import logging

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import two_factor_enabled, two_factor_required

security_log = logging.getLogger("samordna.security")

# Pages a county admin or superuser may reach before setting up two-factor authentication.
ALLOWED_BEFORE_ENROLMENT = (
    "accounts:two_factor_enrol",
    "accounts:two_factor_backup_codes",
    "accounts:logout",
    "core:set_language",
)


class TwoFactorRequiredMiddleware:
    """County admins, superusers and admin-site users must be verified with a second factor.

    Without a confirmed device they are sent to the set-up page and can reach nothing else but
    log-out; a session that was never verified although a device exists (e.g. opened before the
    device was set up) is ended. API requests are not redirected: the API's bearer tokens are a
    separate credential, and such a session counts as anonymous there.
    Install after ``django_otp.middleware.OTPMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.allowed_paths: frozenset[str] | None = None

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified() or not two_factor_required(user):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            request.user = AnonymousUser()
            return self.get_response(request)
        if two_factor_enabled(user):
            security_log.warning("unverified session ended user=%s path=%s", user.pk, request.path)
            logout(request)
            return redirect_to_login(request.get_full_path())
        if self.allowed_paths is None:
            self.allowed_paths = frozenset(reverse(name) for name in ALLOWED_BEFORE_ENROLMENT)
        if request.path in self.allowed_paths:
            return self.get_response(request)
        messages.info(
            request, _("Your role requires two-factor authentication. Set it up to continue.")
        )
        return redirect("accounts:two_factor_enrol")
