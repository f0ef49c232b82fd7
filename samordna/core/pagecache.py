"""Whole-page cache for public pages seen by anonymous visitors (docs/decisions/0004).

Correctness rests on a *generation*: every committed write to a domain model bumps it, and the
key of a cached page contains it, so a page rendered before a change is never served after it.
The generation lives in the ``shared`` cache (a small file in ``var/cache`` by default, so every
gunicorn process on the host sees the same one; point ``CACHES["shared"]`` at Redis or
Memcached when several hosts serve the site). Page bodies live in the per-process ``pages``
cache.

A cached page never holds a CSRF token: the token of the rendering visitor is cut out before the
page is stored and each visitor gets a token of their own when it is served. Pages are neither
served from nor stored in the cache for requests with a session, a message or an
``Authorization`` header, so nothing personal is ever cached.
"""

from __future__ import annotations

import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token

GENERATION_KEY = "samordna:pagecache:generation"
TOKEN_PLACEHOLDER = "\x00csrf\x00"  # noqa: S105 - a marker, not a secret
CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
MAX_BYTES = 2 * 1024 * 1024

# The pages worth caching: public, read by many, the same for every anonymous visitor.
CACHED_VIEWS = frozenset(
    {
        "core:home",
        "events:event_list",
        "events:event_month",
        "events:event_archive",
        "events:event_detail",
        "organisations:county_list",
        "organisations:county_detail",
        "organisations:organisation_list",
        "organisations:organisation_detail",
        "organisations:municipality_detail",
        "plans:plan_list",
        "plans:plan_detail",
        "search:search",
        "api:event_list",
        "api:event_detail",
        "api:county_list",
        "api:organisation_list",
    }
)

# Writes that change no public page: bookkeeping, sessions, queues, log-in throttling.
IGNORED_MODELS = frozenset(
    {
        "sessions.session",
        "admin.logentry",
        "contenttypes.contenttype",
        "auth.permission",
        "accounts.loginattempt",
        "accounts.apitoken",
        "core.outgoingemail",
        "newsletter.delivery",
    }
)
# App labels: django_tasks_db's models live under the label "django_tasks_database".
IGNORED_APPS = frozenset({"django_tasks_db", "django_tasks_database", "django_tasks"})


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0 and not settings.DEBUG


def current_generation() -> str:
    shared = caches["shared"]
    generation = shared.get(GENERATION_KEY)
    if generation is None:
        # Never fall back to a fixed value: pages stored under it before the generation was
        # lost (e.g. var/cache emptied) could come back.
        shared.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = shared.get(GENERATION_KEY) or uuid.uuid4().hex
    return generation


def bump_generation() -> None:
    """Invalidate every cached page (of every process sharing the ``shared`` cache)."""
    caches["shared"].set(GENERATION_KEY, uuid.uuid4().hex, None)


class GenerationBump:
    """The on-commit callback; remembered per connection so a transaction that saves many rows
    bumps once."""

    done = False

    def __call__(self) -> None:
        self.done = True
        bump_generation()


def _bump_on_commit(sender, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    label = sender._meta.label_lower
    if label in IGNORED_MODELS or sender._meta.app_label in IGNORED_APPS:
        return
    connection = transaction.get_connection()
    pending = getattr(connection, "_page_cache_bump", None)
    if (
        pending is not None
        and not pending.done
        and connection.in_atomic_block
        # Still queued (a rolled-back savepoint drops its callbacks).
        and any(entry[1] is pending for entry in connection.run_on_commit)
    ):
        return
    pending = GenerationBump()
    connection._page_cache_bump = pending
    # robust: a failing bump is logged by Django; it must not fail the committed request.
    transaction.on_commit(pending, robust=True)


def connect_signals() -> None:
    """Bump the generation after any committed save, delete or many-to-many change of a
    model outside the ignored ones, whatever path wrote it (services, admin, shell)."""
    post_save.connect(_bump_on_commit, dispatch_uid="samordna-pagecache-save")
    post_delete.connect(_bump_on_commit, dispatch_uid="samordna-pagecache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="samordna-pagecache-m2m")


def _m2m_changed(sender, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _bump_on_commit(sender)


def _is_anonymous_request(request) -> bool:
    cookies = request.COOKIES
    return not (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
        or "Authorization" in request.headers
    )


def _key(request) -> str:
    raw = "|".join(
        [
            current_generation(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            request.scheme,
            request.get_host(),
            request.get_full_path(),
        ]
    )
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


class PublicPageCacheMiddleware:
    """Serve and store the pages of ``CACHED_VIEWS`` for anonymous GET requests."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is not None and not getattr(request, "_page_cache_hit", False):
            self._store(request, key, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            request.method != "GET"
            or not enabled()
            or request.resolver_match is None
            or request.resolver_match.view_name not in CACHED_VIEWS
            or not _is_anonymous_request(request)
        ):
            return None
        key = _key(request)
        request._page_cache_key = key
        entry = caches["pages"].get(key)
        if entry is None:
            return None
        content_type, body, has_token = entry
        if has_token:
            body = body.replace(TOKEN_PLACEHOLDER.encode(), get_token(request).encode())
        request._page_cache_hit = True
        response = HttpResponse(body, content_type=content_type)
        response["X-Page-Cache"] = "hit"
        return response

    def _store(self, request, key, response) -> None:
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or "no-store" in response.get("Cache-Control", "")
            or "private" in response.get("Cache-Control", "")
            or len(response.content) > MAX_BYTES
            or getattr(request, "user", None) is not None
            and request.user.is_authenticated
        ):
            return
        body, count = CSRF_VALUE.subn(
            rb"\1" + TOKEN_PLACEHOLDER.encode() + rb"\3", response.content
        )
        caches["pages"].set(
            key,
            (response.get("Content-Type", "text/html"), body, bool(count)),
            settings.PAGE_CACHE_SECONDS,
        )
        response["X-Page-Cache"] = "miss"
