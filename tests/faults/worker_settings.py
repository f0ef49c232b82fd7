"""Settings for the real processes started by the fault tests (task workers, the web server,
management commands): the database task backend, real SMTP, short retry back-off."""

from config.env import env_int
from config.settings.base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = 5
EMAIL_RETRY_BASE_SECONDS = env_int("EMAIL_RETRY_BASE_SECONDS", 1)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SITE_URL = "http://127.0.0.1"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
