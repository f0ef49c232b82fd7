from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samordna.core.backup_archive import BackupError, media_root, restore


class Command(BaseCommand):
    help = (
        "Put back the database and the uploaded files from a backup made by backup_database "
        "(older database-only backups restore the database only). Refuses a target that already "
        "holds data unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="backup file to restore")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that holds data and move other files in MEDIA_ROOT aside",
        )

    def handle(self, *args, file, yes, force, **options):
        source = Path(file)
        if not source.exists():
            raise CommandError(f"Filen finns inte: {source} / No such file: {source}")
        if not yes and options.get("interactive", True):
            answer = input(
                f"Ersätta databasens innehåll och filerna i {media_root()} med {source}? "
                "Skriv 'ja': "
            )
            if answer.strip().lower() != "ja":
                raise CommandError("Avbrutet. / Cancelled.")
        try:
            result = restore(source, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if result.legacy:
            self.stderr.write(
                "Säkerhetskopian har bara databasen (äldre format); filerna återställdes inte. "
                "/ This backup holds the database only (older format); no files were restored."
            )
        if result.moved_aside is not None:
            self.stderr.write(
                f"Tidigare filer flyttade till / earlier files moved to: {result.moved_aside}"
            )
        self.stdout.write(f"Återställd från {source} ({result.files} filer / files)")
