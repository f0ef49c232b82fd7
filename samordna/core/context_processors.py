from django.conf import settings
from django.urls import reverse

from .navigation import MAIN_NAVIGATION, STAFF_NAVIGATION
from .permissions import get_access


def layout(request):
    """Header, navigation and quick-exit data for the base layout."""
    user = getattr(request, "user", None)
    access = get_access(user) if user is not None else None
    is_staff = bool(access and access.is_staff)
    return {
        "nav_items": _items(MAIN_NAVIGATION, request.path),
        "staff_nav_items": _items(STAFF_NAVIGATION, request.path) if is_staff else [],
        "site_heading": _site_heading(access),
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "access": access,
    }


def _items(navigation, path: str) -> list[dict]:
    items = []
    for item in navigation:
        url = reverse(item.url_name)
        current = any(
            path == "/" if prefix == "/$" else path.startswith(prefix)
            for prefix in (item.prefixes or (url,))
        )
        items.append({"url": url, "label": item.label, "current": current})
    return items


def _site_heading(access) -> str:
    from samordna.organisations.models import County

    county = None
    if access is not None and access.edit_county_ids:
        county = County.objects.filter(pk__in=access.edit_county_ids).order_by("code").first()
    elif settings.SAMORDNA_DEFAULT_COUNTY:
        county = County.objects.filter(code=settings.SAMORDNA_DEFAULT_COUNTY).first()
    return county.board_name if county else ""
