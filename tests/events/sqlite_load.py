"""Run the concurrency load on a fresh SQLite *file* database and print the results as JSON.

Usage: DATABASE_URL=sqlite:////tmp/x.sqlite3 python tests/events/sqlite_load.py
(The suite's SQLite test database is in memory, which threads cannot share; this script builds
just the tables the registration path needs, which is much faster than running every migration.)
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
WORKERS = int(os.environ.get("LOAD_WORKERS", "10"))

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

logging.disable(logging.WARNING)

from django.conf import settings  # noqa: E402

# E-mails stay queued in the outbox (sent by the worker in production); the load is the
# registrations themselves.
settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": []}}

from django.apps import apps  # noqa: E402
from django.db import connection  # noqa: E402


def create_schema() -> None:
    """Every model's table, straight from the models (seconds, instead of every migration)."""
    from django.db.models.signals import post_delete, post_save

    with connection.schema_editor() as editor:
        for model in apps.get_models():
            if model._meta.managed and not model._meta.proxy:
                editor.create_model(model)
    # The search index (an FTS5 table made by a migration) is not part of this load.
    for model in apps.get_models():
        label = model._meta.label_lower
        post_save.disconnect(sender=model, dispatch_uid=f"search-save-{label}")
        post_delete.disconnect(sender=model, dispatch_uid=f"search-delete-{label}")


def main() -> None:
    assert connection.vendor == "sqlite" and "memory" not in str(connection.settings_dict["NAME"])
    create_schema()
    from samordna.organisations.models import County
    from tests.events import concurrency

    county = County.objects.create(code="08", name="Kalmar län", board_name="Länsstyrelsen")
    which = sys.argv[1] if len(sys.argv) > 1 else "burst"
    started = time.monotonic()
    if which == "burst":
        result = concurrency.burst(county, attempts=200, seats=50, workers=WORKERS)
    elif which == "last_seat":
        result = concurrency.last_seat(county, rounds=20)
    elif which == "freeing":
        result = concurrency.freeing_while_joining(county, workers=WORKERS)
    else:
        result = concurrency.mixed(county, workers=WORKERS)
    result["seconds"] = round(time.monotonic() - started, 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
