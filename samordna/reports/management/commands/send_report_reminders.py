import datetime

from django.core.management.base import BaseCommand

from samordna.reports import services


class Command(BaseCommand):
    help = (
        "E-mail county editors and admins 30, 14, 7 and 1 day(s) before 1 March when their "
        "annual report is not submitted (safe to run daily from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="pretend today is this date (YYYY-MM-DD)")

    def handle(self, *args, today=None, **options):
        day = datetime.date.fromisoformat(today) if today else None
        sent = services.report_reminders_send(today=day)
        self.stdout.write(f"Påminnelser om årsrapport: {sent} e-post köade.")
