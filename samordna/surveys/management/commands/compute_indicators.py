from django.core.management.base import BaseCommand

from samordna.surveys.indicators import indicator_values_refresh_all


class Command(BaseCommand):
    help = "Recompute every survey indicator's cached values from the submitted answers."

    def handle(self, *args, **options):
        stored = indicator_values_refresh_all()
        self.stdout.write(f"Indikatorvärden beräknade: {stored}")
