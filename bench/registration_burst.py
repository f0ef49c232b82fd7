"""A burst of registrations for one event over HTTP, through the public registration form,
against the production server (gunicorn, prod settings).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samordna_bench_county \
        .venv/bin/python bench/registration_burst.py --registrations 2000 --seats 100
    DATABASE_URL=sqlite:////tmp/bench-burst.sqlite3 .venv/bin/python bench/registration_burst.py

Every registrant is its own visitor: it opens the event page (CSRF cookie and token, as a
browser does), then all registrants POST the form at once, ``--concurrency`` at a time
(default: all of them). The run passes when exactly ``--seats`` registrations are confirmed, the
rest waitlisted, and no request failed. On PostgreSQL ``pgbench -N`` (simple-update
transactions, same server, same concurrency capped at 64) runs first as the reference, in a
scratch database. The last line printed is one JSON object with the figures.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import loadlib  # noqa: E402

RATIO_TARGET = 0.2
P95_TARGET_MS = 250
PGBENCH_DB = "samordna_bench_pgbench"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registrations", type=int, default=2000)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=0, help="0: all at once")
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--pgbench-seconds", type=int, default=15)
    return parser.parse_args()


def prepare_database() -> None:
    """Migrate and load the reference data if the database is new."""
    from django.core.management import call_command

    from samordna.organisations.models import County

    call_command("migrate", verbosity=0)
    if not County.objects.filter(code="01").exists():
        call_command("load_reference_data", verbosity=0)


def create_event(seats: int) -> int:
    from datetime import timedelta

    from django.utils import timezone

    from samordna.events import services
    from samordna.organisations.models import County

    start = timezone.now() + timedelta(days=30)
    event = services.event_create(
        actor=None,
        county=County.objects.get(code="01"),
        title=f"Registreringsbenchmark {time.strftime('%Y%m%d-%H%M%S')}",
        type="training",
        format="in_person",
        start=start,
        end=start + timedelta(hours=3),
        capacity=seats,
        published=True,
        place="Stockholm",
    )
    return event.pk


def pgbench_tps(database_url: str, clients: int, seconds: int) -> float | None:
    parsed = urlparse(database_url)
    if not parsed.scheme.startswith("postgres"):
        return None
    host, port = parsed.hostname or "127.0.0.1", str(parsed.port or 5432)
    user = parsed.username or "postgres"
    base = ["-h", host, "-p", port, "-U", user]
    subprocess.run(["dropdb", "--if-exists", *base, PGBENCH_DB], check=True)
    subprocess.run(["createdb", *base, PGBENCH_DB], check=True)
    try:
        subprocess.run(
            ["pgbench", "-i", "-q", "-s", "10", *base, PGBENCH_DB],
            check=True,
            capture_output=True,
        )
        run = subprocess.run(
            ["pgbench", "-N", "-c", str(clients), "-j", "2", "-T", str(seconds), *base, PGBENCH_DB],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        subprocess.run(["dropdb", "--if-exists", *base, PGBENCH_DB], check=False)
    match = re.search(r"tps = ([\d.]+) \(without initial connection time\)", run.stdout)
    return float(match.group(1)) if match else None


def open_forms(port: int, path: str, count: int) -> list[tuple[loadlib.Client, str]]:
    """Each registrant opens the event page: its own CSRF cookie and the form's token."""
    visitors: list[tuple[loadlib.Client, str] | None] = [None] * count

    def work(indexes):
        for index in indexes:
            client = loadlib.Client(port)
            status, body, _headers = client.get(path)
            if status != 200:
                raise SystemExit(f"event page answered {status}")
            client.close()
            visitors[index] = (client, loadlib.csrf_token(body))

    chunks = [range(start, count, 16) for start in range(16)]
    threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return visitors


def burst(visitors, path: str, concurrency: int) -> tuple[list[float], list[int], float]:
    latencies: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()
    queue = list(enumerate(visitors))
    ready = threading.Barrier(concurrency + 1)

    def work():
        ready.wait()
        while True:
            with lock:
                if not queue:
                    return
                index, (client, token) = queue.pop()
            started = time.perf_counter()
            try:
                status, _body, _headers = client.post_form(
                    path,
                    {
                        "csrfmiddlewaretoken": token,
                        "name": f"Deltagare {index}",
                        "email": f"deltagare{index}@burst.bench.example",
                        "organisation_name": "Kommunen",
                    },
                    referer_path=path,
                )
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            client.close()
            with lock:
                latencies.append(elapsed)
                statuses.append(status)

    threads = [threading.Thread(target=work) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    ready.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return latencies, statuses, time.perf_counter() - started


def main() -> None:
    args = parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url:
        sys.exit("set DATABASE_URL")
    concurrency = args.concurrency or args.registrations
    threading.stack_size(256 * 1024)
    reference = pgbench_tps(database_url, min(concurrency, 64), args.pgbench_seconds)
    reference_load = loadlib.load_average()

    loadlib.collectstatic(database_url)
    loadlib.setup_django(database_url)
    from django.db import connection

    from samordna.events.models import Registration

    prepare_database()
    event_id = create_event(args.seats)
    vendor = connection.vendor
    connection.close()

    server = loadlib.start_server(
        database_url, args.port, workers=args.workers, threads=args.threads
    )
    try:
        path = f"/kalender/{event_id}/"
        visitors = open_forms(args.port, path, args.registrations)
        latencies, statuses, seconds = burst(visitors, path, concurrency)
        load = loadlib.load_average()
    finally:
        loadlib.stop_server(server)

    counts = {
        status: Registration.objects.filter(event_id=event_id, status=status).count()
        for status in Registration.Status.values
    }
    errors = sum(1 for status in statuses if status != 302)
    rate = len(latencies) / seconds if seconds else 0
    p95 = loadlib.percentile(latencies, 0.95) * 1000
    result = {
        "database": vendor,
        "registrations": args.registrations,
        "seats": args.seats,
        "concurrency": concurrency,
        "workers": args.workers,
        "threads": args.threads,
        "confirmed": counts["confirmed"],
        "waitlisted": counts["waitlisted"],
        "other": counts["pending_approval"] + counts["cancelled"],
        "errors": errors,
        "error_statuses": sorted({s for s in statuses if s != 302})[:5],
        "correct": counts["confirmed"] == args.seats
        and counts["waitlisted"] == args.registrations - args.seats
        and errors == 0,
        "seconds": round(seconds, 2),
        "registrations_per_second": round(rate, 1),
        "p50_ms": round(loadlib.percentile(latencies, 0.5) * 1000, 1),
        "p95_ms": round(p95, 1),
        "p99_ms": round(loadlib.percentile(latencies, 0.99) * 1000, 1),
        "pgbench_tps": reference,
        "pgbench_load_average": reference_load,
        "ratio": round(rate / reference, 3) if reference else None,
        "ratio_target": RATIO_TARGET if reference else None,
        "p95_target_ms": P95_TARGET_MS,
        "load_average": load,
        "nproc": os.cpu_count(),
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    print(
        f"{vendor}: {counts['confirmed']} confirmed, {counts['waitlisted']} waitlisted, "
        f"{errors} errors; {rate:.1f} registrations/s, p95 {p95:.0f} ms; "
        f"pgbench -N {reference} tps; load {load}",
        file=sys.stderr,
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
