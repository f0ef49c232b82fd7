"""Account services: users, roles, API tokens, log-in attempts."""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.core.audit import log_action
from samordna.core.errors import NotPermitted, ValidationFailed
from samordna.core.services import email_queue

from .models import (
    COUNTY_ROLES,
    ORGANISATION_ROLES,
    ApiToken,
    LoginAttempt,
    PasswordResetRequest,
    Role,
    RoleAssignment,
    User,
)
from .selectors import totp_device_for_user, two_factor_required

security_log = logging.getLogger("samordna.security")


def user_create(
    *,
    email: str,
    role: str,
    county=None,
    organisation=None,
    password: str | None = None,
    full_name: str = "",
    actor=None,
) -> User:
    """Create a user with one role. County roles need a county, organisation roles an
    organisation (whose county is used when none is given)."""
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise ValidationFailed(_("Enter a valid e-mail address."), field="email")
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationFailed(
                _("A user with the e-mail address %(email)s already exists.") % {"email": email},
                field="email",
            )
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
        role_assign(user=user, role=role, county=county, organisation=organisation, actor=actor)
        log_action(actor=actor, action="accounts.user.created", obj=user, data={"role": role})
    return user


def role_assign(
    *, user: User, role: str, county=None, organisation=None, actor=None
) -> RoleAssignment:
    """Give ``user`` a role in its scope (idempotent)."""
    if role not in Role.values:
        raise ValidationFailed(
            _("Unknown role %(role)s. Choose one of: %(roles)s.")
            % {"role": role, "roles": ", ".join(Role.values)},
            field="role",
        )
    if role in COUNTY_ROLES:
        if county is None:
            raise ValidationFailed(_("A county role needs a county."), field="county")
        organisation = None
    elif role in ORGANISATION_ROLES:
        if organisation is None:
            raise ValidationFailed(_("This role needs an organisation."), field="organisation")
        county = None
    else:
        county = organisation = None
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, county=county, organisation=organisation
    )
    if created:
        log_action(
            actor=actor,
            action="accounts.role.assigned",
            obj=assignment,
            county_code=county.code if county else "",
            data={"role": role},
        )
    user.__dict__.pop("_samordna_access", None)
    return assignment


def api_token_create(*, user: User, name: str = "", actor=None) -> tuple[ApiToken, str]:
    """Create an API token; returns the row and the plain token (shown once, never stored)."""
    plain = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=plain[:8], token_hash=ApiToken.hash(plain)
    )
    log_action(actor=actor, action="accounts.api_token.created", obj=token)
    return token, plain


def api_token_authenticate(plain: str) -> User | None:
    """The active user behind a bearer token, or None."""
    if not plain:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=ApiToken.hash(plain), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def login_is_rate_limited(*, email: str, ip_address: str | None) -> bool:
    """Too many failed log-ins for this address or from this IP within the window."""
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    failures = LoginAttempt.objects.filter(succeeded=False, created_at__gte=since)
    if (
        failures.filter(email=email.strip().lower()).count()
        >= settings.LOGIN_MAX_FAILURES_PER_EMAIL
    ):
        return True
    return bool(
        ip_address
        and failures.filter(ip_address=ip_address).count() >= settings.LOGIN_MAX_FAILURES_PER_IP
    )


def login_attempt_record(
    *,
    email: str,
    ip_address: str | None,
    succeeded: bool,
    step: str = LoginAttempt.Step.PASSWORD,
    path: str = "",
) -> LoginAttempt:
    """Log the attempt (table and ``samordna.security`` log, never the password); when this
    failure is the one that reaches the limit, tell the account holder (if the address has an
    account) so a lock-out never comes as a surprise. Failed codes count as failed log-ins."""
    email = email.strip().lower()[:254]
    attempt = LoginAttempt.objects.create(
        email=email, ip_address=ip_address, succeeded=succeeded, step=step
    )
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    security_log.log(
        logging.INFO if succeeded else logging.WARNING,
        "login %s step=%s user=%s ip=%s path=%s",
        "succeeded" if succeeded else "failed",
        step,
        user.pk if user else "-",
        ip_address or "-",
        path or "-",
    )
    if not succeeded:
        since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
        failures = LoginAttempt.objects.filter(
            email=email, succeeded=False, created_at__gte=since
        ).count()
        if failures == settings.LOGIN_MAX_FAILURES_PER_EMAIL and user is not None:
            minutes = settings.LOGIN_FAILURE_WINDOW_SECONDS // 60
            email_queue(
                to=[user.email],
                subject=_("Your Samordna account is temporarily locked"),
                body_text=_(
                    "There have been %(count)s failed attempts to log in to your account. "
                    "Logging in is blocked for %(minutes)s minutes. If it was not you, reset "
                    "your password: %(url)s"
                )
                % {
                    "count": failures,
                    "minutes": minutes,
                    "url": settings.SITE_URL.rstrip("/") + reverse("accounts:password_reset"),
                },
            )
            log_action(actor=None, action="accounts.user.locked_out", obj=user)
    return attempt


def password_reset_is_rate_limited(*, email: str, ip_address: str | None) -> bool:
    """Too many password-reset requests for this address or from this IP within the window."""
    since = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_WINDOW_SECONDS)
    recent = PasswordResetRequest.objects.filter(created_at__gte=since)
    if recent.filter(email=email.strip().lower()).count() >= settings.PASSWORD_RESET_MAX_PER_EMAIL:
        return True
    return bool(
        ip_address
        and recent.filter(ip_address=ip_address).count() >= settings.PASSWORD_RESET_MAX_PER_IP
    )


def password_reset_request_record(*, email: str, ip_address: str | None) -> None:
    PasswordResetRequest.objects.create(email=email.strip().lower()[:254], ip_address=ip_address)
    security_log.info("password reset requested ip=%s", ip_address or "-")


def user_sessions_end(*, user: User, actor=None) -> None:
    """End every session of ``user`` (the session hash includes the generation)."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    log_action(actor=actor, action="accounts.user.sessions_ended", obj=user)
    security_log.info("sessions ended user=%s", user.pk)


# --- Two-factor authentication ---------------------------------------------------------------
# TOTP (an authenticator app) through django-otp, plus one-time backup codes (a static device).

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Autentiseringsapp"
BACKUP_DEVICE_NAME = "Reservkoder"


def _normalise_code(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def two_factor_verify(*, user: User, code: str):
    """The confirmed device that accepts ``code`` (a six-digit app code or a backup code, which
    is used up), else None. The code's form picks the device, so a mistyped backup code never
    throttles the app device."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    code = _normalise_code(code)
    if not code:
        return None
    model = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(code):
                return device
    return None


def two_factor_enrolment_start(*, user: User):
    """The unconfirmed authenticator device whose secret the user adds to their app (created
    once, reused on reload until it is confirmed)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def two_factor_enrolment_confirm(*, user: User, code: str, actor=None):
    """Confirm the device being enrolled with a code from the app; replaces any earlier device,
    creates fresh backup codes and ends the user's other sessions. Returns (device, codes)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # Verified in a transaction of its own so that a refused code's throttling is kept.
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("-pk")
            .first()
        )
        verified = device is not None and device.verify_token(_normalise_code(code))
    if device is None:
        raise ValidationFailed(_("Start the set-up again."), field="code")
    if not verified:
        security_log.warning("two-factor enrolment code refused user=%s", user.pk)
        raise ValidationFailed(
            _("The code is wrong or too old. Enter the code your app shows now."), field="code"
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _backup_codes_replace(user=user)
        log_action(actor=actor, action="accounts.two_factor.enabled", obj=user)
        user_sessions_end(user=user, actor=actor)
    security_log.info("two-factor enabled user=%s", user.pk)
    return device, codes


def _backup_codes_replace(*, user: User) -> list[str]:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _index in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def two_factor_backup_codes_regenerate(*, user: User, actor=None) -> list[str]:
    """New backup codes (shown once); the old ones stop working."""
    with transaction.atomic():
        if totp_device_for_user(user) is None:
            raise ValidationFailed(_("Two-factor authentication is not turned on."))
        codes = _backup_codes_replace(user=user)
        log_action(actor=actor, action="accounts.two_factor.backup_codes_created", obj=user)
    return codes


def two_factor_disable(*, user: User, code: str, actor=None) -> None:
    """Turn two-factor authentication off, after a current code. Not for those who must use it."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if two_factor_required(user):
        raise NotPermitted(_("Your role requires two-factor authentication."))
    if two_factor_verify(user=user, code=code) is None:
        security_log.warning("two-factor disable code refused user=%s", user.pk)
        raise ValidationFailed(_("The code is wrong or too old."), field="code")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        log_action(actor=actor, action="accounts.two_factor.disabled", obj=user)
    security_log.info("two-factor disabled user=%s", user.pk)


def totp_secret_for_display(device) -> str:
    """The device's secret in base32, in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))
