from django.core.management.base import BaseCommand

from samordna.privacy import services
from samordna.privacy.inventory import CATEGORIES


class Command(BaseCommand):
    help = (
        "Gallring: delete or anonymise personal data whose retention period is over, exactly as "
        "the inventory (samordna/privacy/inventory.py) says. Safe to run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what is due; change nothing (the run is still recorded).",
        )

    def handle(self, *args, dry_run=False, **options):
        run = services.retention_run(dry_run=dry_run)
        verb = "due" if dry_run else "done"
        for key, count in run.counts.items():
            action = CATEGORIES[key].action
            self.stdout.write(f"{key}: {count} ({action}, {verb})")
        self.stdout.write(f"{'Dry run' if dry_run else 'Run'} {run.pk}: {run.total} row(s) {verb}")
