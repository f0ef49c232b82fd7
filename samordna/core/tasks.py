"""Tasks are thin: primary keys in, a service call, idempotent."""

from django_tasks import task

from . import services


@task(queue_name="email")
def send_queued_email(email_id: int) -> None:
    services.email_send_queued(email_id=email_id)


@task(queue_name="email")
def send_due_emails() -> None:
    services.email_send_due()
