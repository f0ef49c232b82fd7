"""Signed links for subscribers: confirmation (expires) and manage/unsubscribe (does not).

The signature is the credential: a link only works for the subscriber it was made for, and
rotating ``Subscriber.token`` invalidates every link made before."""

from django.conf import settings
from django.core import signing

from .models import Subscriber

CONFIRM_SALT = "samordna.newsletter.confirm"
MANAGE_SALT = "samordna.newsletter.manage"


def confirm_days() -> int:
    return getattr(settings, "NEWSLETTER_CONFIRM_DAYS", 7)


def make_confirm_token(subscriber: Subscriber) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(f"{subscriber.pk}.{subscriber.token}")


def manage_signer() -> signing.Signer:
    """One signer for many manage links (the sender signs one per recipient)."""
    return signing.Signer(salt=MANAGE_SALT)


def make_manage_token(subscriber: Subscriber, *, signer: signing.Signer | None = None) -> str:
    return (signer or manage_signer()).sign(f"{subscriber.pk}.{subscriber.token}")


def _lookup(value: str) -> Subscriber | None:
    pk, _sep, token = value.partition(".")
    if not pk.isdigit() or not token:
        return None
    return (
        Subscriber.objects.select_related("mailing_list__county")
        .filter(pk=int(pk), token=token)
        .first()
    )


def subscriber_from_confirm_token(token: str) -> Subscriber | None:
    """The subscriber of a valid, unexpired confirmation link, else None."""
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            token, max_age=confirm_days() * 24 * 3600
        )
    except signing.BadSignature:
        return None
    return _lookup(value)


def subscriber_from_manage_token(token: str) -> Subscriber | None:
    """The subscriber of a valid manage/unsubscribe link, else None."""
    try:
        value = signing.Signer(salt=MANAGE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return _lookup(value)
