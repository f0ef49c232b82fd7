from django.core.management.base import BaseCommand

from samordna.core import services


class Command(BaseCommand):
    help = "Send every queued e-mail whose next attempt is due (safety net beside the worker)."

    def handle(self, *args, **options):
        count = services.email_send_due()
        self.stdout.write(f"{count} e-mail attempted")
