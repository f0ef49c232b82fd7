from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samordna.core.backup_archive import BackupError, backup_create, default_archive_path


class Command(BaseCommand):
    help = (
        "Write one backup archive (tar) holding an online backup of the database (SQLite backup "
        "API or pg_dump) and every uploaded file under MEDIA_ROOT, with a manifest of checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="file to write (default var/backups/samordna-<time>.tar)"
        )

    def handle(self, *args, output, **options):
        try:
            result = backup_create(Path(output) if output else default_archive_path())
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 0:
            for name in result.skipped:
                self.stderr.write(f"Hoppade över / skipped: {name}")
            self.stderr.write(f"{result.files} filer / files, {result.bytes} byte")
        self.stdout.write(str(result.path))
