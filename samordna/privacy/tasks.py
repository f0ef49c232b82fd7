"""Tasks are thin: plain arguments in, a service call, idempotent."""

from django_tasks import task

from . import services
from .models import RetentionRun


@task()
def run_retention(dry_run: bool = False) -> None:
    services.retention_run(dry_run=dry_run, trigger=RetentionRun.Trigger.TASK)
