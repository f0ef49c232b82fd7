import hashlib

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("E-mail is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Identified by e-mail; holds only what log-in needs."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Access to Django's admin site (platform operators), not a Samordna role.
    is_staff = models.BooleanField(_("admin site access"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Raised to end every session of the user at once ("log out everywhere", 2FA changes):
    # it is part of the session hash, as the password is.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def _get_session_auth_hash(self, secret=None):
        # Django's hash over the password, extended with the session generation; generation 0
        # gives Django's own value, so existing sessions survive the introduction of the field.
        value = self.password
        if self.session_generation:
            value = f"{self.password}:{self.session_generation}"
        return salted_hmac(
            "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash",
            value,
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    ORGANISATION_CONTACT = "organisation_contact", _("Organisation contact")
    COUNTY_EDITOR = "county_editor", _("County editor")
    COUNTY_ADMIN = "county_admin", _("County admin")
    NATIONAL = "national", _("National")


COUNTY_ROLES = {Role.COUNTY_EDITOR, Role.COUNTY_ADMIN}
ORGANISATION_ROLES = {Role.PARTICIPANT, Role.ORGANISATION_CONTACT}


class RoleAssignment(models.Model):
    """A role held by a user, scoped to a county (editor/admin) or an organisation
    (participant/organisation contact); the national role has no scope."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    county = models.ForeignKey(
        "organisations.County", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "county", "organisation"], name="unique_role_assignment"
            ),
            models.CheckConstraint(
                name="role_scope_matches_role",
                condition=(
                    Q(role__in=["county_editor", "county_admin"], county__isnull=False)
                    | Q(
                        role__in=["participant", "organisation_contact"], organisation__isnull=False
                    )
                    | Q(role="national", county__isnull=True, organisation__isnull=True)
                ),
            ),
        ]

    def __str__(self) -> str:
        scope = self.county or self.organisation or ""
        return f"{self.user} – {self.get_role_display()} {scope}".strip()


class ApiToken(models.Model):
    """A bearer token for the API. Only the SHA-256 hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=8)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class LoginAttempt(models.Model):
    """Every log-in attempt (password step and two-factor code step), for rate limiting and the
    security log."""

    class Step(models.TextChoices):
        PASSWORD = "password", _("Password")
        CODE = "code", _("Two-factor code")

    email = models.CharField(max_length=254, db_index=True)
    step = models.CharField(max_length=10, choices=Step.choices, default=Step.PASSWORD)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    succeeded = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return (
            f"{self.email} {'ok' if self.succeeded else 'failed'} {self.created_at:%Y-%m-%d %H:%M}"
        )


class PasswordResetRequest(models.Model):
    """A request for a password-reset e-mail (whether or not the address has an account), for
    rate limiting per address and per IP address."""

    email = models.CharField(max_length=254, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} {self.created_at:%Y-%m-%d %H:%M}"
