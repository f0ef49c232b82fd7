"""Production settings for benchmark runs on this machine: ``config.settings.prod`` with static
files collected to a scratch directory and the access log quiet. The benchmarks send
``X-Forwarded-Proto: https`` as the TLS-terminating proxy in front of gunicorn would."""

from config.env import env_str
from config.settings.prod import *  # noqa: F403

STATIC_ROOT = env_str("BENCH_STATIC_ROOT", "/tmp/samordna-bench-static")  # noqa: S108
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
