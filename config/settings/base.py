"""Settings shared by every mode. Mode files (dev, test, prod) adjust these."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env_str(
    "SECRET_KEY", "dev-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz"
)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    # Two-factor authentication (TOTP and backup codes) for staff; see samordna/accounts.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Samordna domain apps: one app per domain (docs/architecture.md).
    "samordna.core",
    "samordna.accounts",
    "samordna.organisations",
    "samordna.strategy",
    "samordna.plans",
    "samordna.events",
    "samordna.networks",
    "samordna.campaigns",
    "samordna.knowledge",
    "samordna.newsletter",
    "samordna.surveys",
    "samordna.search",
    "samordna.support",
    "samordna.privacy",
    "samordna.coverage",
    "samordna.reports",
    "samordna.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "samordna.core.middleware.SecurityHeadersMiddleware",
    "samordna.core.input_guard.RejectNulCharactersMiddleware",
    "samordna.core.middleware.RefusedAccessLogMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, renewing the idle timeout at most once a minute (samordna/accounts/sessions.py).
    "samordna.accounts.sessions.SessionMiddleware",
    "samordna.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "samordna.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "samordna.core.middleware.PrivateCacheMiddleware",
    # Innermost: whole public pages for anonymous visitors (docs/decisions/0004-page-cache.md).
    "samordna.core.pagecache.PublicPageCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samordna" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samordna.core.context_processors.layout",
            ],
        },
    },
]

FORM_RENDERER = "samordna.core.forms_renderer.SamordnaFormRenderer"

# --- Database -------------------------------------------------------------------------------
# Default: the embedded SQLite file in var/, in WAL mode, with IMMEDIATE write transactions so
# concurrent writers queue instead of failing with "database is locked".
SQLITE_PATH = VAR_DIR / "samordna.sqlite3"
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{SQLITE_PATH}")


def database_from_url(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=30000;"
                "PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["samordna.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# Failed log-ins allowed per e-mail address and per IP address in the window below.
LOGIN_MAX_FAILURES_PER_EMAIL = env_int("LOGIN_MAX_FAILURES_PER_EMAIL", 5)
LOGIN_MAX_FAILURES_PER_IP = env_int("LOGIN_MAX_FAILURES_PER_IP", 20)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)
# Idle timeout: a session ends SESSION_COOKIE_AGE seconds after the last request. A request
# renews it (writes the session row) when the last renewal is more than SESSION_RENEW_SECONDS
# old, not on every request (SESSION_SAVE_EVERY_REQUEST=true restores Django's write on every
# request). Sessions also end when the password changes or the account is deactivated.
SESSION_ENGINE = "samordna.accounts.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_RENEW_SECONDS = env_int("SESSION_RENEW_SECONDS", 60)
SESSION_SAVE_EVERY_REQUEST = env_bool("SESSION_SAVE_EVERY_REQUEST", False)
# Password-reset e-mails allowed per address and per IP address in the window below.
PASSWORD_RESET_MAX_PER_EMAIL = env_int("PASSWORD_RESET_MAX_PER_EMAIL", 3)
PASSWORD_RESET_MAX_PER_IP = env_int("PASSWORD_RESET_MAX_PER_IP", 10)
PASSWORD_RESET_WINDOW_SECONDS = env_int("PASSWORD_RESET_WINDOW_SECONDS", 60 * 60)
# Two-factor authentication: the issuer shown in authenticator apps; how long the code step of
# a log-in may wait after the password step.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Samordna")
TWO_FACTOR_PENDING_SECONDS = env_int("TWO_FACTOR_PENDING_SECONDS", 5 * 60)

# --- Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "samordna" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "samordna" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded files live outside the web root; only permission-checked views serve them.
MEDIA_ROOT = env_str("MEDIA_ROOT", str(VAR_DIR / "uploads"))

# --- Tasks ------------------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "email", "reports"],
    }
}

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Samordna <noreply@samordna.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where reports of accessibility defects are sent (besides being stored).
ACCESSIBILITY_CONTACT_EMAIL = env_str(
    "ACCESSIBILITY_CONTACT_EMAIL", "tillganglighet@samordna.example"
)
# Retries for queued e-mail: attempt n waits EMAIL_RETRY_BASE_SECONDS * 2**(n-1).
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 8)
EMAIL_RETRY_BASE_SECONDS = env_int("EMAIL_RETRY_BASE_SECONDS", 60)

# --- Site -------------------------------------------------------------------------------------
# Absolute base URL used in e-mailed links.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Optional: the county code this installation serves by default (shown in the header).
SAMORDNA_DEFAULT_COUNTY = env_str("SAMORDNA_DEFAULT_COUNTY", "")
# Where the quick-exit button leads (a neutral page).
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://www.smhi.se/")

# --- Security headers (every mode) --------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint logs every rendering step at INFO; keep only its warnings.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Modules ----------------------------------------------------------------------------------
# Newsletter sending: rate per worker connection, batch size, claim lease, retries, opt-in expiry.
NEWSLETTER_MESSAGES_PER_SECOND = env_int("NEWSLETTER_MESSAGES_PER_SECOND", 20)
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 100)
NEWSLETTER_CLAIM_SECONDS = env_int("NEWSLETTER_CLAIM_SECONDS", 0) or None  # None: automatic
NEWSLETTER_MAX_ATTEMPTS = env_int("NEWSLETTER_MAX_ATTEMPTS", 5)
NEWSLETTER_RETRY_BASE_SECONDS = env_int("NEWSLETTER_RETRY_BASE_SECONDS", 60)
NEWSLETTER_CONFIRM_DAYS = env_int("NEWSLETTER_CONFIRM_DAYS", 7)
# Knowledge bank uploads (bytes).
KNOWLEDGE_MAX_FILE_BYTES = env_int("KNOWLEDGE_MAX_FILE_BYTES", 20 * 1024 * 1024)
# Kolada (municipal key figures) API; empty means the public default.
KOLADA_BASE_URL = env_str("KOLADA_BASE_URL", "https://api.kolada.se/v2")
# Personal data (samordna/privacy): default retention periods in days per inventory category
# before the gallring job (run_retention) deletes or anonymises; a county's RetentionRule wins.
PRIVACY_RETENTION_DAYS = {
    "events.registration": env_int("RETENTION_REGISTRATION_DAYS", 365),
    "events.evaluation": env_int("RETENTION_EVALUATION_COMMENT_DAYS", 365),
    "newsletter.unconfirmed": env_int("RETENTION_NEWSLETTER_UNCONFIRMED_DAYS", 7),
    "newsletter.unsubscribed": env_int("RETENTION_NEWSLETTER_UNSUBSCRIBED_DAYS", 30),
    "newsletter.delivery": env_int("RETENTION_NEWSLETTER_DELIVERY_DAYS", 365),
    "accounts.login_attempt": env_int("RETENTION_LOGIN_ATTEMPT_DAYS", 90),
    "accounts.password_reset_request": env_int("RETENTION_PASSWORD_RESET_DAYS", 30),
    "core.outgoing_email": env_int("RETENTION_OUTGOING_EMAIL_DAYS", 90),
    "core.audit_entry": env_int("RETENTION_AUDIT_LOG_DAYS", 3 * 365),
    "core.accessibility_report": env_int("RETENTION_ACCESSIBILITY_REPORT_EMAIL_DAYS", 365),
    "sessions.session": env_int("RETENTION_EXPIRED_SESSION_DAYS", 0),
    "reports.export": env_int("RETENTION_REPORT_EXPORT_DAYS", 30),
}

# --- Page cache (docs/decisions/0004-page-cache.md) ------------------------------------------
# Public pages for anonymous visitors are cached whole for PAGE_CACHE_SECONDS (0 turns it off)
# in each process ("pages"); the generation that invalidates them on every committed write is
# kept in "shared", a file cache every process on this host sees (use Redis/Memcached there
# when several hosts serve the site).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "samordna-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 1000)},
    },
    "shared": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("SHARED_CACHE_DIR", str(VAR_DIR / "cache")),
        "TIMEOUT": None,
    },
}
