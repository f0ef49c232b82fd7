"""Settings for real task-worker subprocesses in the newsletter tests and the benchmark: the
database task backend, real SMTP, no rate limit, short claims (so a killed worker's rows come
back quickly)."""

from config.env import env_int
from config.settings.base import *  # noqa: F403

DEBUG = False
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
NEWSLETTER_MESSAGES_PER_SECOND = env_int("NEWSLETTER_MESSAGES_PER_SECOND", 0)
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 100)
NEWSLETTER_CLAIM_SECONDS = env_int("NEWSLETTER_CLAIM_SECONDS", 60)
NEWSLETTER_MARK_GROUP_SIZE = env_int("NEWSLETTER_MARK_GROUP_SIZE", 20)
NEWSLETTER_RETRY_BASE_SECONDS = 1
SITE_URL = "https://samordna.example"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
