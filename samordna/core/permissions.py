"""Roles, county scoping and view permissions — the one place where access is decided.

Every view declares its permission level with ``@view_permission(LEVEL)``; a test enumerates all
URLs and fails on a view without one. Object-level checks (is this county's data editable by this
user?) use ``require_county_edit`` / ``require_county_read`` or the ``visible_to`` queryset filter.
"""

from __future__ import annotations

import contextlib
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

PUBLIC = "public"  # anyone, also without log-in
AUTHENTICATED = "authenticated"  # any logged-in user
STAFF = "staff"  # county editor/admin of some county, or the national role
COUNTY_ADMIN = "county_admin"  # county admin of some county
SUPERUSER = "superuser"  # platform operators only
LEVELS = (PUBLIC, AUTHENTICATED, STAFF, COUNTY_ADMIN, SUPERUSER)


class Access:
    """What one user may do, computed once per request from their role assignments."""

    def __init__(self, user):
        from samordna.accounts.models import Role

        self.user = user
        self.authenticated = bool(user and user.is_authenticated and user.is_active)
        assignments = list(user.role_assignments.all()) if self.authenticated else []
        self.is_superuser = self.authenticated and user.is_superuser
        self.national = self.is_superuser or any(a.role == Role.NATIONAL for a in assignments)
        self.edit_county_ids = {
            a.county_id
            for a in assignments
            if a.role in (Role.COUNTY_EDITOR, Role.COUNTY_ADMIN) and a.county_id
        }
        self.admin_county_ids = {
            a.county_id for a in assignments if a.role == Role.COUNTY_ADMIN and a.county_id
        }
        self.contact_organisation_ids = {
            a.organisation_id
            for a in assignments
            if a.role == Role.ORGANISATION_CONTACT and a.organisation_id
        }
        self.member_organisation_ids = {a.organisation_id for a in assignments if a.organisation_id}
        self.roles = {a.role for a in assignments}

    @property
    def is_staff(self) -> bool:
        """County staff somewhere, or national."""
        return bool(self.edit_county_ids) or self.national

    @property
    def is_county_admin(self) -> bool:
        return bool(self.admin_county_ids) or self.is_superuser

    def can_edit_county(self, county_id) -> bool:
        return self.is_superuser or county_id in self.edit_county_ids

    def can_admin_county(self, county_id) -> bool:
        return self.is_superuser or county_id in self.admin_county_ids

    def can_read_county(self, county_id) -> bool:
        """May see the county's unpublished (internal) data."""
        return self.national or county_id in self.edit_county_ids

    def readable_county_ids(self):
        """County ids whose internal data the user may read; ``None`` means all counties."""
        if self.national:
            return None
        return set(self.edit_county_ids)


def get_access(user) -> Access:
    cached = getattr(user, "_samordna_access", None)
    if cached is None:
        cached = Access(user)
        if user is not None:
            with contextlib.suppress(AttributeError):
                user._samordna_access = cached
    return cached


def view_permission(level: str):
    """Declare and enforce the permission level of a view (function or ``as_view()`` result)."""
    if level not in LEVELS:
        raise ValueError(f"Unknown permission level {level!r}")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if level != PUBLIC:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                access = get_access(request.user)
                if (
                    (level == STAFF and not access.is_staff)
                    or (level == COUNTY_ADMIN and not access.is_county_admin)
                    or (level == SUPERUSER and not access.is_superuser)
                ):
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.samordna_permission = level
        return wrapped

    return decorator


def require_county_edit(user, county_id) -> None:
    if not get_access(user).can_edit_county(county_id):
        raise PermissionDenied


def require_county_admin(user, county_id) -> None:
    if not get_access(user).can_admin_county(county_id):
        raise PermissionDenied


def require_county_read(user, county_id) -> None:
    if not get_access(user).can_read_county(county_id):
        raise PermissionDenied


def visible_to(
    queryset: QuerySet,
    user,
    *,
    county_field: str = "county",
    published_field: str | None = "published",
    shared_county_field: str | None = None,
) -> QuerySet:
    """Scope a queryset: published rows for everyone, unpublished ones only for staff of the owning
    county (or of a county it is shared with, e.g. co-organisers) and the national role."""
    access = get_access(user)
    readable = access.readable_county_ids()
    if readable is None:
        return queryset
    condition = Q(**{published_field: True}) if published_field else Q(pk__in=[])
    if readable:
        condition |= Q(**{f"{county_field}__in": readable})
        if shared_county_field:
            # A subquery rather than a join: no duplicate rows, so no DISTINCT over the list.
            shared = queryset.model._base_manager.filter(**{f"{shared_county_field}__in": readable})
            condition |= Q(pk__in=shared.values("pk"))
    return queryset.filter(condition)
