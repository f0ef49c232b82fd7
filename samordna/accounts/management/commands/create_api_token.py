from django.core.management.base import BaseCommand, CommandError

from samordna.accounts import services
from samordna.accounts.models import User


class Command(BaseCommand):
    help = "Create an API token for a user and print it (use as 'Authorization: Bearer TOKEN')."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args, email, name, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Ingen användare med e-postadressen {email}")
        _token, plain = services.api_token_create(user=user, name=name)
        self.stdout.write(plain)
