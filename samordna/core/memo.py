"""Values derived from the data (a count, a bound, a name), cached in this process under the
page-cache generation (docs/decisions/0004-page-cache.md): every committed write changes the
generation, so a value is never served after the data under it changed. Entries also expire
after ``PAGE_CACHE_SECONDS``. Off where the page cache is off (tests, DEBUG), so the value is
computed on every call there.

Only values that are the same for everyone who asks with the same key belong here; the key
must hold everything the value depends on (the counties of a scope, the filters). Nothing
personal, nothing that decides access."""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches

from samordna.core import pagecache

T = TypeVar("T")
CACHE = "default"  # per process (LocMem): a hit is a dictionary look-up
_MISSING = object()


def generation_cached(key: str, compute: Callable[[], T]) -> T:
    if not pagecache.enabled():
        return compute()
    # Read before computing: a value computed while a write commits is stored under the old
    # generation, which nobody reads again.
    full_key = f"memo:{pagecache.current_generation()}:{key}"
    cache = caches[CACHE]
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full_key, value, settings.PAGE_CACHE_SECONDS)
    return value
