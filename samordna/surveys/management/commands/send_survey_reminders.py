from django.core.management.base import BaseCommand

from samordna.surveys.services import surveys_send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the survey reminders that are due (7 days and 1 day before the deadline) to "
        "organisations that have not submitted. Safe to run from cron: each reminder goes once."
    )

    def handle(self, *args, **options):
        sent = surveys_send_due_reminders()
        self.stdout.write(f"Påminnelser köade: {sent}")
