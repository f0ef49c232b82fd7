"""A task worker (``manage.py db_worker``) killed with SIGKILL in the middle of a task: the
task it held stays RUNNING (django-tasks-db keeps no lease), ``requeue_stale_tasks`` puts it back,
a new worker completes every task, and the only repeat is the e-mail that was in flight.

Real processes on the suite's database (SQLite file or PostgreSQL) and a real, slow SMTP server.
"""

import signal
import time

import pytest

from tests.newsletter.smtp_sink import RecordingHandler, SmtpSink

from .helpers import manage, process_env, query, queue_emails, start_worker, stop, wait_until

pytestmark = [pytest.mark.slow]

TASKS = "django_tasks_database_dbtaskresult"
COUNT = 16


class HoldingSink(RecordingHandler):
    """Holds each message a moment before accepting it and tells how many it has begun, so the
    test can kill the worker while one message is in flight."""

    def __init__(self, delay: float):
        super().__init__(delay=delay)
        self.begun = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.begun += 1
        return await super().handle_DATA(server, session, envelope)


def _statuses(url: str, table: str) -> dict:
    return dict(query(url, f"SELECT status, COUNT(*) FROM {table} GROUP BY status"))  # noqa: S608


@pytest.mark.django_db(transaction=True)
def test_sigkilled_worker_task_is_requeued_and_every_email_goes_out_once(shared_database):
    url = shared_database
    handler = HoldingSink(delay=0.3)
    workers = []
    with SmtpSink(handler) as sink:
        env = process_env(url, EMAIL_HOST=sink.host, EMAIL_PORT=str(sink.port))
        queue_emails(env, COUNT, "kill")
        assert _statuses(url, TASKS) == {"READY": COUNT}
        first = start_worker(env, "doomed-worker")
        workers.append(first)
        try:
            in_flight = lambda: handler.begun >= 6 and handler.begun > handler.count  # noqa: E731
            assert wait_until(in_flight, 60, 0.01, workers), "no sending"
            # The worker is inside a task, waiting for the sink to accept message 6.
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
            killed_after = handler.count
            assert killed_after < COUNT, "the kill came too late to test anything"
            time.sleep(0.5)  # let the sink finish the message it was holding

            # The library never looks at the orphan again: it is RUNNING with a dead worker.
            statuses = _statuses(url, TASKS)
            assert statuses.get("RUNNING") == 1, statuses
            orphan_worker = query(url, f"SELECT worker_ids FROM {TASKS} WHERE status='RUNNING'")  # noqa: S608
            assert "doomed-worker" in str(orphan_worker[0][0])

            # Recovery: only tasks of the dead worker (a live one's are left alone).
            out = manage(env, "requeue_stale_tasks", "--older-than", "0", "--worker", "other")
            assert out.strip() == "0 stale task(s) requeued"
            out = manage(
                env, "requeue_stale_tasks", "--older-than", "0", "--worker", "doomed-worker"
            )
            assert out.strip() == "1 stale task(s) requeued"

            second = start_worker(env, "rescue-worker")
            workers.append(second)
            done = wait_until(
                lambda: _statuses(url, TASKS) == {"SUCCESSFUL": COUNT}, 90, 0.3, [second]
            )
            assert done, _statuses(url, TASKS)
        finally:
            stop(workers)

    assert _statuses(url, "core_outgoingemail") == {"sent": COUNT}
    counts = handler.recipient_counts
    assert set(counts) == {f"kill{n}@example.se" for n in range(COUNT)}
    repeats = sum(n - 1 for n in counts.values())
    assert repeats <= 1, counts  # one worker: at most the one message in flight


@pytest.mark.django_db
def test_requeue_leaves_recent_running_tasks_alone():
    """From cron (several workers), only tasks started longer ago than --older-than go back."""
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from samordna.core.models import AuditEntry

    now = timezone.now()
    common = {
        "args_kwargs": {"args": [1], "kwargs": {}},
        "run_after": now,
        "backend_name": "default",
    }
    path = "samordna.core.tasks.send_queued_email"
    old = DBTaskResult.objects.create(
        status="RUNNING",
        worker_ids=["w1"],
        started_at=now - timedelta(hours=1),
        task_path=path,
        **common,
    )
    recent = DBTaskResult.objects.create(
        status="RUNNING", worker_ids=["w2"], started_at=now, task_path=path, **common
    )
    out = StringIO()
    call_command("requeue_stale_tasks", stdout=out)
    assert out.getvalue().strip() == "1 stale task(s) requeued"
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, old.started_at, old.worker_ids) == ("READY", None, ["w1"])
    assert recent.status == "RUNNING"
    entry = AuditEntry.objects.get(action="core.tasks.requeued")
    assert entry.data["count"] == 1
