from django.core.management.base import BaseCommand

from samordna.organisations import services


class Command(BaseCommand):
    help = (
        "Load counties, municipalities (with boundaries), regions and national bodies (idempotent)."
    )

    def handle(self, *args, **options):
        counts = services.reference_data_load()
        self.stdout.write(
            f"{counts['counties']} län, {counts['municipalities']} kommuner, "
            f"{counts['organisations']} organisationer"
        )
