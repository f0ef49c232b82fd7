"""Test settings: fast hashing, in-memory e-mail, tasks run on the database backend."""

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run immediately in tests so that side effects (e-mail) can be asserted; the database
# backend and its worker are exercised by tests that opt into them explicitly.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}}
MEDIA_ROOT = str(BASE_DIR / "var" / "test-uploads")
ALLOWED_HOSTS = ["*"]
SITE_URL = "http://testserver"
# Serve static files from the finders (no collectstatic in tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tests build data with factories (no commit inside a test transaction), so the page cache is
# off unless a test turns it on (tests/perf/test_page_cache.py); its generation stays in memory.
PAGE_CACHE_SECONDS = 0
CACHES["shared"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}  # noqa: F405
