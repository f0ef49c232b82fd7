"""Real ``manage.py db_worker`` processes on PostgreSQL sending to a real (slow) SMTP server:
a worker killed with SIGKILL mid-send loses nobody and repeats at most the messages of the group
whose "sent" marks were not committed yet (``NEWSLETTER_MARK_GROUP_SIZE``; with 1, the message in
flight); a graceful stop repeats nothing; two workers in parallel never overlap."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from samordna.newsletter.models import Issue

from .factories import SubscriberFactory, issue_with_item
from .smtp_sink import RecordingHandler, SmtpSink

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (several processes share the test database)")


def _env(sink, mark_group_size: int = 20) -> dict:
    settings = connection.settings_dict
    url = "postgres://{user}{password}@{host}:{port}/{name}".format(
        user=settings["USER"] or "postgres",
        password=f":{settings['PASSWORD']}" if settings["PASSWORD"] else "",
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        name=settings["NAME"],
    )
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.newsletter.worker_settings",
        DATABASE_URL=url,
        EMAIL_HOST=sink.host,
        EMAIL_PORT=str(sink.port),
        NEWSLETTER_BATCH_SIZE="10",
        NEWSLETTER_CLAIM_SECONDS="4",
        NEWSLETTER_MESSAGES_PER_SECOND="0",
        NEWSLETTER_MARK_GROUP_SIZE=str(mark_group_size),
    )
    return env


def _manage(env, *args) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def _worker(env, name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            "default",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--worker-id",
            name,
            "-v",
            "0",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_until_sent(issue, workers, timeout=180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENT).exists():
            return
        assert all(w.poll() is None for w in workers), "a worker died"
        time.sleep(0.3)
    raise AssertionError("the issue was not sent in time")


def _stop(workers) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def _setup(count: int):
    subscribers = SubscriberFactory.create_batch(count)
    issue = issue_with_item()
    return {s.email for s in subscribers}, issue


@pytest.mark.parametrize("group_size", [1, 5])
def test_sigkill_mid_send_loses_nobody_and_repeats_at_most_one_group(county_08, group_size):
    expected, issue = _setup(60)
    handler = RecordingHandler(delay=0.05)
    with SmtpSink(handler) as sink:
        env = _env(sink, mark_group_size=group_size)
        _manage(env, "send_newsletter", str(issue.pk))
        first = _worker(env, "kill-1")
        workers = [first]
        try:
            assert handler.wait_for(17, timeout=120), "the worker did not start sending"
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
            killed_at = handler.count
            assert killed_at < len(expected), "the kill came too late to test anything"
            second = _worker(env, "kill-2")
            workers.append(second)
            _wait_until_sent(issue, [second])
        finally:
            _stop(workers)
    counts = Counter(handler.recipient_counts)
    assert set(counts) == expected
    assert all(n >= 1 for n in counts.values())
    # Only the messages accepted since the last commit of marks can go out again.
    assert sum(n - 1 for n in counts.values()) <= group_size


def test_graceful_stop_repeats_nothing(county_08):
    expected, issue = _setup(60)
    handler = RecordingHandler(delay=0.05)
    with SmtpSink(handler) as sink:
        env = _env(sink)
        _manage(env, "send_newsletter", str(issue.pk))
        first = _worker(env, "graceful-1")
        workers = [first]
        try:
            assert handler.wait_for(15, timeout=120)
            first.send_signal(signal.SIGTERM)
            assert first.wait(timeout=60) == 0
            assert handler.count < len(expected)
            second = _worker(env, "graceful-2")
            workers.append(second)
            _wait_until_sent(issue, [second])
        finally:
            _stop(workers)
    assert handler.recipient_counts == Counter(dict.fromkeys(expected, 1))


def test_two_workers_share_an_issue_without_overlap(county_08):
    expected, issue = _setup(80)
    handler = RecordingHandler(delay=0.02)
    with SmtpSink(handler) as sink:
        env = _env(sink)
        workers = [_worker(env, "pair-1"), _worker(env, "pair-2")]
        try:
            _manage(env, "send_newsletter", str(issue.pk))
            _wait_until_sent(issue, workers)
        finally:
            _stop(workers)
    assert handler.recipient_counts == Counter(dict.fromkeys(expected, 1))
