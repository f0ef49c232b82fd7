"""Account services: users, roles, API tokens, log-in attempts."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.core.audit import log_action
from samordna.core.errors import ValidationFailed
from samordna.core.services import email_queue

from .models import (
    COUNTY_ROLES,
    ORGANISATION_ROLES,
    ApiToken,
    LoginAttempt,
    Role,
    RoleAssignment,
    User,
)


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


def login_attempt_record(*, email: str, ip_address: str | None, succeeded: bool) -> LoginAttempt:
    """Log the attempt; when this failure is the one that reaches the limit, tell the account
    holder (if the address has an account) so a lock-out never comes as a surprise."""
    email = email.strip().lower()[:254]
    attempt = LoginAttempt.objects.create(email=email, ip_address=ip_address, succeeded=succeeded)
    if not succeeded:
        since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
        failures = LoginAttempt.objects.filter(
            email=email, succeeded=False, created_at__gte=since
        ).count()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
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
