from datetime import timedelta

from django.core.management.base import BaseCommand

from samordna.core.task_recovery import tasks_requeue_stale


class Command(BaseCommand):
    help = (
        "Move database tasks left RUNNING by a dead worker back to READY so a worker runs them "
        "again. Run it before starting the only worker (--older-than 0) and from cron "
        "(default: tasks started more than 15 minutes ago)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=900,
            metavar="SECONDS",
            help="only tasks started at least this long ago (default 900; 0 = all)",
        )
        parser.add_argument(
            "--worker",
            action="append",
            default=[],
            metavar="WORKER_ID",
            help="only tasks last claimed by this (dead) worker id; may be repeated",
        )

    def handle(self, *args, older_than, worker, **options):
        ids = tasks_requeue_stale(older_than=timedelta(seconds=older_than), worker_ids=worker)
        self.stdout.write(f"{len(ids)} stale task(s) requeued")
