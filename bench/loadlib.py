"""Shared pieces of the HTTP benchmarks: the production server (gunicorn) on a benchmark
database, a small keep-alive HTTP client, a fixed-duration load loop and percentiles."""

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "bench.settings"
SECRET_KEY = "bench-secret-key-not-for-production-0123456789abcdefghijklmnop"  # noqa: S105
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def server_env(database_url: str, extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": database_url,
            "SECRET_KEY": env.get("SECRET_KEY") or SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PYTHONPATH": str(ROOT),
            # The page-cache generation of this benchmark only (not shared with other
            # databases served from this checkout).
            "SHARED_CACHE_DIR": "/tmp/samordna-bench-cache",  # noqa: S108
            # Tasks (e-mail) stay queued in the database: no worker runs during the benchmark.
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
    )
    env.update(extra or {})
    return env


def setup_django(database_url: str) -> None:
    """Configure Django in this process with the server's settings (for look-ups, sessions and
    query counts), before any model import."""
    os.environ.update(server_env(database_url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def collectstatic(database_url: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=server_env(database_url),
        check=True,
    )


def start_server(
    database_url: str,
    port: int,
    *,
    workers: int = 3,
    threads: int = 1,
    extra_env: dict | None = None,
) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--backlog",
        "4096",
        "--log-level",
        "warning",
    ]
    if threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    process = subprocess.Popen(command, cwd=ROOT, env=server_env(database_url, extra_env))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped while starting")
        try:
            status, _body, _headers = Client(port).get("/api/v1/health")
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    stop_server(process)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Client:
    """One visitor: a keep-alive connection (reopened when the server closes it) and cookies.
    Requests look like they came through the TLS-terminating proxy (X-Forwarded-Proto)."""

    def __init__(self, port: int, host: str = "127.0.0.1"):
        self.host, self.port = host, port
        self.conn = None
        self.cookies: dict[str, str] = {}

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        return self.conn

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        all_headers = {"Host": f"{self.host}:{self.port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers.update(headers or {})
        for attempt in range(2):
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=all_headers)
                response = conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt:
                    raise
                continue
            break
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _sep, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.will_close:
            self.close()
        return response.status, data, dict(response.getheaders())

    def get(self, path: str):
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict, *, referer_path: str):
        origin = f"https://{self.host}:{self.port}"
        return self.request(
            "POST",
            path,
            body=urlencode(fields).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + referer_path,
            },
        )

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def csrf_token(html: bytes) -> str:
    match = CSRF_INPUT.search(html.decode("utf-8", "replace"))
    if match is None:
        raise SystemExit("no CSRF token in the form")
    return match.group(1)


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def run_load(clients: list[Client], path: str, *, duration: float, warmup: float) -> dict:
    """Every client requests ``path`` back to back for ``warmup`` + ``duration`` seconds; only
    requests that start after the warm-up count."""
    latencies: list[float] = []
    errors: list[int] = []
    hits = [0]
    lock = threading.Lock()
    begin = time.perf_counter() + warmup
    stop = begin + duration

    def visitor(client: Client):
        mine, bad, cached = [], [], 0
        while True:
            started = time.perf_counter()
            if started >= stop:
                break
            headers = {}
            try:
                status, _body, headers = client.get(path)
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            if started >= begin:
                mine.append(elapsed)
                cached += headers.get("X-Page-Cache") == "hit"
                if status != 200:
                    bad.append(status)
        with lock:
            latencies.extend(mine)
            errors.extend(bad)
            hits[0] += cached

    threads = [threading.Thread(target=visitor, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "error_statuses": sorted(set(errors))[:5],
        "cache_hits": round(hits[0] / len(latencies), 3) if latencies else 0,
        "rps": round(len(latencies) / duration, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
    }


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])
