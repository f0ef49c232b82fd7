"""Sessions in the database with an idle timeout that is renewed at most once a minute.

Django's ``SESSION_SAVE_EVERY_REQUEST`` writes the session row (an UPDATE and a commit) on
every request of a logged-in user, only to move its expiry forward. Here the expiry is moved
forward when it is more than ``SESSION_RENEW_SECONDS`` (default 60) behind a full
``SESSION_COOKIE_AGE`` from now, so a session ends between ``SESSION_COOKIE_AGE`` minus that
margin and ``SESSION_COOKIE_AGE`` after the last request, instead of exactly then. Everything
else is Django's: the row, its signed data, the cookie (sent again with every renewal, so the
browser's expiry follows the row's), log-out and the session hash check of the
authentication middleware on every request."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.utils import timezone


class SessionStore(db.SessionStore):
    """Django's database store, remembering the expiry of the row it loaded."""

    stored_expiry = None

    def _get_session_from_db(self):
        session = super()._get_session_from_db()
        self.stored_expiry = session.expire_date if session is not None else None
        return session


def renewal_due(session) -> bool:
    stored = getattr(session, "stored_expiry", None)
    if stored is None:  # no row loaded: nothing to renew (or a new session, saved anyway)
        return False
    margin = getattr(settings, "SESSION_RENEW_SECONDS", 60)
    return stored < timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - margin)


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's session middleware; a loaded session whose expiry is due for renewal is saved
    (new expiry, cookie sent again) even if the request did not change it."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and not session.modified and renewal_due(session):
            session.modified = True
        return super().process_response(request, response)
