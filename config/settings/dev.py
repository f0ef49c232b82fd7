"""Development: `make run`. DEBUG on, e-mail written to files in var/mail/."""

from config.env import env_bool, env_str

from .base import *  # noqa: F403
from .base import EMAIL_BACKEND as _SMTP_BACKEND  # noqa: F401

DEBUG = env_bool("DEBUG", True)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = True
