"""Every view declares its permission level (core.permissions.view_permission)."""

from django.urls import URLPattern, URLResolver, get_resolver

from samordna.core.permissions import LEVELS

# Views that are not ours: Django admin (own permission system), the API (token checks in each
# endpoint), static/media serving.
EXEMPT_PREFIXES = ("admin/", "api/v1/")


def iter_patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from iter_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def all_app_patterns():
    return [
        (route, pattern)
        for route, pattern in iter_patterns(get_resolver())
        if not route.startswith(EXEMPT_PREFIXES)
    ]


def test_every_view_declares_a_permission_level():
    missing = [
        route
        for route, pattern in all_app_patterns()
        if getattr(pattern.callback, "samordna_permission", None) not in LEVELS
    ]
    assert missing == [], f"views without @view_permission: {missing}"


def test_the_enumeration_sees_the_known_views():
    routes = {route for route, _pattern in all_app_patterns()}
    assert "organisationer/" in routes
    assert "personer/<int:pk>/" in routes
    assert "konto/logga-in/" in routes
