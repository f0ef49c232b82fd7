from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from samordna.accounts import demo as accounts_demo
from samordna.accounts.models import User
from samordna.campaigns import demo as campaigns_demo
from samordna.coverage import demo as coverage_demo
from samordna.events import demo as events_demo
from samordna.knowledge import demo as knowledge_demo
from samordna.networks import demo as networks_demo
from samordna.newsletter import demo as newsletter_demo
from samordna.organisations import demo as organisations_demo
from samordna.plans import demo as plans_demo
from samordna.reports import demo as reports_demo
from samordna.search import demo as search_demo
from samordna.strategy import demo as strategy_demo
from samordna.support import demo as support_demo
from samordna.surveys import demo as surveys_demo

# Each domain's demo seeder, in dependency order. A module adds its own here.
SEEDERS = [
    ("organisations", organisations_demo.seed),
    # After organisations (which creates the demo users): two-factor devices for the admins.
    ("accounts", accounts_demo.seed),
    ("events", events_demo.seed),
    ("support", support_demo.seed),
    ("strategy", strategy_demo.seed),
    ("plans", plans_demo.seed),
    ("knowledge", knowledge_demo.seed),
    ("campaigns", campaigns_demo.seed),
    ("networks", networks_demo.seed),
    ("newsletter", newsletter_demo.seed),
    ("surveys", surveys_demo.seed),
    # After plans, events, support, newsletters and surveys: drafts the 2022 reports from them.
    ("reports", reports_demo.seed),
    # After events, support, plans, knowledge and surveys: derives completions from them.
    ("coverage", coverage_demo.seed),
    # Last: indexes what the seeders above created.
    ("search", search_demo.seed),
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
