"""API authentication: optional bearer tokens. Public endpoints work without one; endpoints
that show unpublished data check the token's user with core.permissions."""

from django.contrib.auth.models import AnonymousUser
from ninja.security import HttpBearer

from samordna.accounts.services import api_token_authenticate


def api_user(request):
    """The user behind the request's bearer token (or session), else AnonymousUser."""
    cached = getattr(request, "_api_user", None)
    if cached is not None:
        return cached
    header = request.headers.get("Authorization", "")
    user = None
    if header.lower().startswith("bearer "):
        user = api_token_authenticate(header[7:].strip())
    if user is None:
        session_user = getattr(request, "user", None)
        user = session_user if session_user is not None and session_user.is_authenticated else None
    request._api_user = user or AnonymousUser()
    return request._api_user


class TokenAuth(HttpBearer):
    """Required bearer token (for write endpoints)."""

    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is not None:
            request._api_user = user
        return user
