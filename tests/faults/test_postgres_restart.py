"""PostgreSQL restarted during load: requests fail only while it is down (with a friendly 503
page, never a traceback), the running app recovers by itself (no restart), and every
registration answered with 201 is in the database afterwards.

The test runs its OWN throw-away PostgreSQL 15 cluster (initdb into a temporary directory, a free
port) so the shared server is never touched, and the app under gunicorn."""

import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from .helpers import ROOT, free_port, manage, process_env, query

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
THREADS = 4


def _as_postgres(args: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the ``postgres`` OS user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


class Cluster:
    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="samordna-faults-pg-"))
        self.data = self.dir / "data"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "--no-sync", "--locale=C.UTF-8", "-E", "UTF8",
        )  # fmt: skip
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/samordna"

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            _as_postgres(list(args)), capture_output=True, text=True, timeout=120, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr

    def start(self) -> None:
        # fsync off only speeds up the migration: a fast shutdown still writes every committed
        # transaction out, and the machine itself does not crash in this test.
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def cluster():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL pass only (make test-postgres)")
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_ctl").exists():
        pytest.skip(f"PostgreSQL server binaries not found in {PG_BIN}")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        pytest.skip("running as root without runuser")
    cluster = Cluster()
    try:
        cluster.start()
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "samordna"],
            check=True,
            timeout=60,
        )
        yield cluster
    finally:
        cluster.destroy()


SETUP_EVENT = """
from datetime import timedelta
from django.utils import timezone
from samordna.events import services
from samordna.organisations.models import County
county = County.objects.create(
    code="08", name="Kalmar län", board_name="Länsstyrelsen i Kalmar län"
)
start = timezone.now() + timedelta(days=14)
event = services.event_create(
    actor=None, county=county, start=start, end=start + timedelta(hours=3),
    co_organising_counties=(), title="Utbildning under omstart", type="training",
    format="in_person", published=True, capacity=None,
    registration_deadline=start - timedelta(days=2), place="Kalmar",
)
print(event.pk)
"""


def _start_app(env: dict, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2",
            "--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _request(port: int, method: str, path: str, body: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace"), response.headers
    finally:
        conn.close()


class Load:
    """Threads registering one new person after another, recording every outcome."""

    def __init__(self, port: int, event_id: int):
        self.port = port
        self.event_id = event_id
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.results: list[dict] = []
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(THREADS)]

    def _run(self, number: int) -> None:
        sequence = 0
        while not self.stop.is_set() and sequence < 5000:
            sequence += 1
            email = f"t{number}-{sequence}@example.se"
            started = time.monotonic()
            if sequence % 5 == 0:  # now and then a page, to see what a person sees
                kind, path, body = "page", f"/kalender/{self.event_id}/", None
            else:
                kind = "register"
                path = f"/api/v1/events/{self.event_id}/registrations"
                body = {"name": f"Deltagare {number}-{sequence}", "email": email}
            try:
                status, text, headers = _request(
                    self.port, "GET" if body is None else "POST", path, body
                )
            except OSError as exc:
                status, text, headers = 0, repr(exc), {}
            with self.lock:
                self.results.append(
                    {
                        "kind": kind,
                        "email": email,
                        "status": status,
                        "text": text,
                        "retry_after": headers.get("Retry-After") if headers else None,
                        "started": started,
                        "ended": time.monotonic(),
                    }
                )
            time.sleep(0.02)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def count(self, predicate) -> int:
        with self.lock:
            return sum(1 for r in self.results if predicate(r))


def test_postgres_restart_during_load(cluster):
    env = process_env(cluster.url, DB_CONN_MAX_AGE="60")
    began = time.monotonic()
    manage(env, "migrate", "--noinput", "-v", "0", timeout=300)
    migrated = time.monotonic() - began
    event_id = int(manage(env, "shell", "-c", SETUP_EVENT).strip().splitlines()[-1])
    port = free_port()
    app = _start_app(env, port)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if _request(port, "GET", "/api/v1/health")[0] == 200:
                    break
            except OSError:
                pass
            assert app.poll() is None, "gunicorn did not start"
            time.sleep(0.3)
        with Load(port, event_id) as load:
            ok = lambda r: r["status"] == 201  # noqa: E731
            assert _wait(lambda: load.count(ok) >= 20, 60), "no registrations before the outage"
            down_from = time.monotonic()
            cluster.stop()
            down_seen = time.monotonic()
            errors_while_down = _wait(
                lambda: load.count(lambda r: r["started"] > down_seen and r["status"] >= 500) >= 8,
                30,
            )
            time.sleep(max(0.0, down_seen + 3 - time.monotonic()))  # down for 3 s at least
            cluster.start()
            up_at = time.monotonic()
            before = load.count(lambda r: ok(r) and r["started"] > up_at)
            assert _wait(
                lambda: load.count(lambda r: ok(r) and r["started"] > up_at) >= before + 20, 60
            ), "the app did not recover"
        assert app.poll() is None, "the app died"  # recovered without a restart
        health = _request(port, "GET", "/api/v1/health")
        assert health[0] == 200, health
    finally:
        app.terminate()
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()

    results = load.results
    outcomes = sorted({(r["kind"], r["status"]) for r in results})
    print(f"migrate {migrated:.0f}s; outage {up_at - down_from:.1f}s; outcomes {outcomes}")
    assert errors_while_down, "requests did not fail while PostgreSQL was down?"
    failures = [r for r in results if r["status"] not in (200, 201)]
    # Errors only in the outage window: the request overlapped the stop … start interval
    # (plus one second for connections that were already broken when it came back).
    outside = [r for r in failures if r["ended"] < down_from or r["started"] > up_at + 1.0]
    assert not outside, outside[:3]
    for r in failures:
        assert r["status"] == 503, (r["status"], r["text"][:300])
        assert r["retry_after"] == "30"
        assert "Traceback" not in r["text"] and "psycopg" not in r["text"]
        assert "<h1>" in r["text"] and 'lang="sv"' in r["text"]
    # Every registration answered with 201 is in the database.
    accepted = {r["email"] for r in results if r["kind"] == "register" and r["status"] == 201}
    stored = {
        row[0]
        for row in query(
            cluster.url, "SELECT email FROM events_registration WHERE event_id = ?", (event_id,)
        )
    }
    missing = accepted - stored
    assert not missing, sorted(missing)[:10]
    assert len(accepted) >= 40


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
