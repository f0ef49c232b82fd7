from django.core.management.base import BaseCommand

from samordna.newsletter import services


class Command(BaseCommand):
    help = "Delete newsletter sign-ups that were never confirmed within the confirmation period."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        count = services.subscriber_purge_unconfirmed(older_than_days=days)
        self.stdout.write(f"{count} unconfirmed sign-up(s) deleted")
