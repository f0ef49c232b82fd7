from pathlib import Path

from django.core.management.base import BaseCommand

from samordna.core.backup import backup_database, default_backup_path


class Command(BaseCommand):
    help = "Write an online backup of the database (SQLite backup API or pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="file to write (default var/backups/samordna-<time>)")

    def handle(self, *args, output, **options):
        path = backup_database(Path(output) if output else default_backup_path())
        self.stdout.write(str(path))
