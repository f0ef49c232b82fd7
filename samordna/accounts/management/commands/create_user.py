import os
import secrets

from django.core.management.base import BaseCommand, CommandError

from samordna.accounts import services
from samordna.accounts.models import Role
from samordna.core.errors import ApplicationError
from samordna.organisations.models import County, Organisation


class Command(BaseCommand):
    help = (
        "Create a user non-interactively. The password comes from SAMORDNA_PASSWORD or is "
        "generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--county", help="county code, e.g. 08 (county roles)")
        parser.add_argument("--organisation", help="organisation code (organisation roles)")
        parser.add_argument("--name", default="", help="full name")

    def handle(self, *args, email, role, county, organisation, name, **options):
        county_obj = organisation_obj = None
        if county:
            county_obj = County.objects.filter(code=county).first()
            if county_obj is None:
                raise CommandError(f"Okänd länskod: {county}")
        if organisation:
            organisation_obj = Organisation.objects.filter(code=organisation).first()
            if organisation_obj is None:
                raise CommandError(f"Okänd organisationskod: {organisation}")
        password = os.environ.get("SAMORDNA_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        try:
            user = services.user_create(
                email=email,
                role=role,
                county=county_obj,
                organisation=organisation_obj,
                password=password,
                full_name=name,
            )
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"Skapade {user.email} ({role})")
        if generated:
            self.stdout.write(f"Lösenord (visas bara nu): {password}")
