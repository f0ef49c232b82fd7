from django_tasks import task

from . import services


@task()
def send_report_reminders() -> int:
    """Deadline reminders for annual reports (idempotent per county, year and milestone)."""
    return services.report_reminders_send()
