"""Demo data for accounts: the demo users whose role requires two-factor authentication (county
admins, the platform operator) get an authenticator device with one shared, documented key, so
that the demo can be tried with any authenticator app (README, "Demo log-ins")."""

from base64 import b32encode

from .models import User
from .selectors import totp_device_for_user, two_factor_required

# Public on purpose (README): never use it outside the demo.
DEMO_TOTP_KEY_HEX = "53616d6f72646e612064656d6f20324641203236"
DEMO_OPERATOR_EMAIL = "admin@samordna.example"  # created by the organisations demo seeder


def demo_totp_secret() -> str:
    return b32encode(bytes.fromhex(DEMO_TOTP_KEY_HEX)).decode()


def seed() -> dict[str, int]:
    """Give each demo user who must use two-factor authentication the demo device (idempotent)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from samordna.organisations.demo import DEMO_USERS

    emails = [email for email, *_rest in DEMO_USERS] + [DEMO_OPERATOR_EMAIL]
    created = 0
    for user in User.objects.filter(email__in=emails).order_by("pk"):
        if two_factor_required(user) and totp_device_for_user(user) is None:
            TOTPDevice.objects.create(user=user, name="Demo", key=DEMO_TOTP_KEY_HEX, confirmed=True)
            created += 1
    return {"two_factor_devices": created}
