from django.core.management.base import BaseCommand, CommandError

from samordna.search import services
from samordna.search.providers import PROVIDERS


class Command(BaseCommand):
    help = "Rebuild the full-text search index from every provider (or only --kind KIND)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            choices=[p.kind for p in PROVIDERS],
            help="only this kind (may be repeated)",
        )
        parser.add_argument(
            "--background", action="store_true", help="enqueue as a task instead of running now"
        )

    def handle(self, *args, kind=None, background=False, **options):
        if background:
            if kind:
                raise CommandError("--background rebuilds everything; leave out --kind.")
            from samordna.search.tasks import rebuild_index

            rebuild_index.enqueue()
            self.stdout.write("Omindexering köad.")
            return
        counts = services.search_rebuild_index(kinds=kind)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(self.style.SUCCESS("Sökindexet är uppdaterat."))
