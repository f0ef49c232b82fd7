"""Reads owned by core: the audit log."""

from django.db.models import Q, QuerySet

from .models import AuditEntry
from .permissions import get_access


def audit_entries_for_user(user, *, q: str = "", action_prefix: str = "") -> QuerySet[AuditEntry]:
    """Audit entries a county admin may read: those of the counties they administer (platform
    operators see all). Entries without a county (e.g. national bodies) are operator-only."""
    access = get_access(user)
    queryset = AuditEntry.objects.select_related("actor")
    if not access.is_superuser:
        from samordna.organisations.models import County

        codes = list(
            County.objects.filter(pk__in=access.admin_county_ids).values_list("code", flat=True)
        )
        queryset = queryset.filter(county_code__in=codes)
    if q:
        queryset = queryset.filter(
            Q(object_repr__icontains=q) | Q(actor__email__icontains=q) | Q(action__icontains=q)
        )
    if action_prefix:
        queryset = queryset.filter(action__startswith=action_prefix)
    return queryset.order_by("-created_at", "-id")
