import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from .memo import generation_cached
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


@functools.lru_cache(maxsize=256)
def _reverse(url_name: str, urlconf, script_prefix: str) -> str:
    """Navigation URLs take no arguments: reversed once per URL configuration and prefix."""
    return reverse(url_name, urlconf=urlconf)


def _items(navigation, path: str) -> list[dict]:
    items = []
    urlconf, script_prefix = get_urlconf(), get_script_prefix()
    for item in navigation:
        url = _reverse(item.url_name, urlconf, script_prefix)
        current = any(
            path == "/" if prefix == "/$" else path.startswith(prefix)
            for prefix in (item.prefixes or (url,))
        )
        items.append({"url": url, "label": item.label, "current": current})
    return items


def _site_heading(access) -> str:
    """The board name of the user's (first) county, else of the installation's default county;
    the same for everyone with the same counties, so cached per generation (``core.memo``)."""
    from samordna.organisations.models import County

    if access is not None and access.edit_county_ids:
        ids = sorted(access.edit_county_ids)
        key = "ids:" + ",".join(map(str, ids))
        counties = County.objects.filter(pk__in=ids)
    elif settings.SAMORDNA_DEFAULT_COUNTY:
        key = "code:" + settings.SAMORDNA_DEFAULT_COUNTY
        counties = County.objects.filter(code=settings.SAMORDNA_DEFAULT_COUNTY)
    else:
        return ""

    def heading() -> str:
        county = counties.order_by("code").first()
        return county.board_name if county else ""

    return generation_cached(f"core:site-heading:{key}", heading)
