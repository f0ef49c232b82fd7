from django.core.management.base import BaseCommand

from samordna.events.services import event_send_due_reminders


class Command(BaseCommand):
    help = "E-mail reminders for events starting within two days (each event once; safe for cron)."

    def handle(self, *args, **options):
        result = event_send_due_reminders()
        self.stdout.write(
            f"Påminnelser: {result['events']} evenemang, {result['emails']} e-postmeddelanden."
        )
