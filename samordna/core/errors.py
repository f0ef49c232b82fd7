"""Domain errors. Services raise these; views turn them into form errors or messages, the API
into 4xx responses with the message as detail."""

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A rule of the domain was broken. ``message`` is translated and safe to show to the user."""

    status_code = 400
    default_message = _("The request could not be carried out.")

    def __init__(self, message=None, *, field: str | None = None, extra: dict | None = None):
        self.message = message or self.default_message
        self.field = field
        self.extra = extra or {}
        super().__init__(str(self.message))


class ValidationFailed(ApplicationError):
    status_code = 422
    default_message = _("Some of the values are not valid.")


class NotPermitted(ApplicationError):
    status_code = 403
    default_message = _("You do not have permission to do this.")


class Conflict(ApplicationError):
    status_code = 409
    default_message = _("This conflicts with data that already exists.")


class Gone(ApplicationError):
    status_code = 410
    default_message = _("This is no longer available.")
