import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samordna.core.errors import ApplicationError
from samordna.surveys.kolada import kolada_fetch, kolada_import


class Command(BaseCommand):
    help = (
        "Import Kolada key figures: from Kolada's API (--kpi, --year, optional --base-url) or, "
        "without internet, from a JSON file with the API's response (--file)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kpi", help="Kolada key figure id, e.g. N00000")
        parser.add_argument("--year", type=int, action="append", default=[])
        parser.add_argument("--base-url", default=None, help="default: settings.KOLADA_BASE_URL")
        parser.add_argument("--file", default=None, help="JSON file saved from Kolada's API")
        parser.add_argument("--title", default="", help="the key figure's name to show")

    def handle(self, *args, kpi, year, base_url, file, title, **options):
        try:
            if file:
                payload = json.loads(Path(file).read_text(encoding="utf-8"))
            elif kpi and year:
                payload = kolada_fetch(kpi_id=kpi, years=year, url=base_url)
            else:
                raise CommandError("Ange --file eller --kpi och --year.")
            stored = kolada_import(payload=payload, title=title)
        except (OSError, ValueError, ApplicationError) as exc:
            raise CommandError(f"Kolada-importen misslyckades: {exc}") from exc
        self.stdout.write(f"Kolada-värden sparade: {stored}")
