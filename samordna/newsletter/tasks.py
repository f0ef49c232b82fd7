"""Tasks are thin: primary keys in, a service call, idempotent."""

from django_tasks import task

from . import services


@task()
def send_issue_batch(issue_id: int, after: int | None = None) -> None:
    """``after``: the last row id of the previous batch, a hint where to continue."""
    services.delivery_send_issue(issue_id=issue_id, after=after)


@task()
def start_issue(issue_id: int) -> None:
    services.issue_start_due(issue_id=issue_id)


@task()
def purge_unconfirmed() -> None:
    services.subscriber_purge_unconfirmed()
