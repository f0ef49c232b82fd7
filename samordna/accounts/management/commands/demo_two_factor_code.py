import time

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from samordna.accounts.demo import DEMO_TOTP_KEY_HEX, demo_totp_secret


class Command(BaseCommand):
    help = (
        "Print the current two-factor code of the demo key (the demo county admins and the "
        "demo platform operator), for trying the demo without an authenticator app."
    )

    def handle(self, *args, **options):
        totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX))
        totp.time = time.time()
        remaining = 30 - int(time.time()) % 30
        self.stdout.write(f"{totp.token():06d}  (giltig i {remaining} s till)")
        self.stdout.write(f"Demonyckel: {demo_totp_secret()}")
