from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samordna.core.backup import restore_database


class Command(BaseCommand):
    help = "Replace the database's contents with a backup made by backup_database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="backup file to restore")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, yes, **options):
        source = Path(file)
        if not source.exists():
            raise CommandError(f"Filen finns inte: {source}")
        if not yes and options.get("interactive", True):
            answer = input(f"Ersätta databasens innehåll med {source}? Skriv 'ja': ")
            if answer.strip().lower() != "ja":
                raise CommandError("Avbrutet.")
        restore_database(source)
        self.stdout.write(f"Återställd från {source}")
