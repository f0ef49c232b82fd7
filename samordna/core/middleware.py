import logging
from functools import wraps

from django.conf import settings
from django.utils import translation

security_log = logging.getLogger("samordna.security")


class SecurityHeadersMiddleware:
    """Content-Security-Policy (no inline script or style) and related headers on every response,
    in every mode, development included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        return response


class RefusedAccessLogMiddleware:
    """Every refused request (401 and 403: ``view_permission``, ``require_county_*``, CSRF
    failures, the API's token checks) goes to the ``samordna.security`` log with who, from where
    and what."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (401, 403):
            user = getattr(request, "user", None)
            security_log.warning(
                "access refused status=%s user=%s ip=%s method=%s path=%s",
                response.status_code,
                user.pk if user is not None and user.is_authenticated else "-",
                request.META.get("REMOTE_ADDR") or "-",
                request.method,
                request.path,
            )
        return response


class LanguageMiddleware:
    """Swedish first: the language is Swedish unless the visitor chose another one (cookie).
    The browser's Accept-Language is deliberately ignored."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class PrivateCacheMiddleware:
    """Pages seen by a logged-in user may hold personal data: never store them in any cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "private, no-store"
        return response


def no_store(view):
    """For views that show personal data, also to visitors who are not logged in (signed links,
    downloads): no cache anywhere may keep the response."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.headers["Cache-Control"] = "private, no-store"
        return response

    return wrapped
