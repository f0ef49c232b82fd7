"""Tasks are thin: primary keys in, a service call, idempotent."""

from django_tasks import task

from . import services


@task()
def send_report_reminders() -> int:
    """Deadline reminders for annual reports (idempotent per county, year and milestone)."""
    return services.report_reminders_send()


# A queue of its own, so a file is not made to wait behind a long newsletter batch (and a
# worker can be given to it alone: db_worker --queue-name reports).
@task(queue_name="reports")
def generate_report_export(export_id: int) -> None:
    """Make the DOCX, PDF or XLSX file of a requested export (a finished one is left as is)."""
    services.report_export_generate(export_id=export_id)
