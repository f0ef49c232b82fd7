from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from samordna.accounts.models import User
from samordna.organisations import demo as organisations_demo

# Each domain's demo seeder, in dependency order. A module adds its own here.
SEEDERS = [
    ("organisations", organisations_demo.seed),
]


class Command(BaseCommand):
    help = (
        "Load believable demo data for Jönköping and Kalmar (the counties in the source documents)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="only if no user exists yet (first start)"
        )

    def handle(self, *args, if_empty, **options):
        if if_empty and User.objects.exists():
            self.stdout.write("Demodata finns redan – hoppar över.")
            return
        call_command("load_reference_data", verbosity=0)
        for name, seeder in SEEDERS:
            with transaction.atomic():
                result = seeder()
            self.stdout.write(f"{name}: {result}")
        self.stdout.write(self.style.SUCCESS("Demodata inläst."))
