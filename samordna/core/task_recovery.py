"""Recovery of database tasks whose worker died.

The ``django_tasks_db`` worker claims a task by setting it RUNNING in a short transaction and
only then runs it; it keeps no heartbeat or lease. A worker killed with SIGKILL (or by the OOM
killer, a power cut, a container restart) leaves its task RUNNING for ever and no worker looks
at it again. ``tasks_requeue_stale`` moves such tasks back to READY so that the next worker runs
them again. Our tasks are idempotent (primary keys in, state checked under a row lock), so the
only possible repeat is the side effect that was in flight when the worker died, e.g. the one
e-mail the SMTP server accepted just before the kill.

Which RUNNING tasks are stale is a matter of knowledge, not of the database:

* at worker start, when no other worker shares the database (``scripts/run.sh``): all of them
  (``--older-than 0``);
* when the supervisor knows which worker died: those claimed by that worker id (``--worker``);
* from cron, with several workers: those started longer ago than any task can take
  (``--older-than 900`` by default), so a task that is still running is never taken twice.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .audit import log_action

logger = logging.getLogger(__name__)

RUNNING = "RUNNING"
READY = "READY"


def tasks_requeue_stale(
    *,
    older_than: timedelta,
    worker_ids: list[str] | None = None,
    actor=None,
    now=None,
) -> list[str]:
    """Move RUNNING tasks started before ``now - older_than`` (and, if given, last claimed by
    one of ``worker_ids``) back to READY. Returns the ids of the tasks moved."""
    cutoff = (now or timezone.now()) - older_than
    with transaction.atomic():
        candidates = (
            DBTaskResult.objects.select_for_update()
            .filter(status=RUNNING)
            .filter(Q(started_at__lte=cutoff) | Q(started_at__isnull=True))
        )
        rows = list(candidates.values_list("pk", "worker_ids", "task_path"))
        wanted = set(worker_ids or [])
        ids = [
            pk
            for pk, claimed_by, _path in rows
            if not wanted or (claimed_by and claimed_by[-1] in wanted)
        ]
        if not ids:
            return []
        # The status condition again: a task that finished meanwhile is left alone.
        moved = DBTaskResult.objects.filter(pk__in=ids, status=RUNNING).update(
            status=READY, started_at=None
        )
        chosen = set(ids)
        paths = sorted({path for pk, _claimed, path in rows if pk in chosen})
        log_action(
            actor=actor,
            action="core.tasks.requeued",
            data={
                "count": moved,
                "tasks": paths,
                "older_than_seconds": int(older_than.total_seconds()),
            },
        )
    logger.warning("Requeued %s stale task(s): %s", moved, ", ".join(paths))
    return [str(pk) for pk in ids]
