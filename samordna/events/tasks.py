"""Background work for events (thin: primary keys in, services do the work)."""

from django_tasks import task

from . import services


@task()
def send_event_reminder(event_id: int) -> int:
    return services.event_send_reminder(event_id=event_id)


@task()
def send_due_event_reminders() -> dict:
    return services.event_send_due_reminders()
