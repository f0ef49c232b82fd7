"""HTTP load on the pages people use most, against the production server (gunicorn, prod
settings) on a benchmark database filled by ``bench/scale_data.py``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samordna_bench_county \
        .venv/bin/python bench/http_load.py --port 8106 --clients 32 --duration 10

Each page is driven by ``--clients`` concurrent keep-alive clients for ``--duration`` seconds
(after ``--warmup`` seconds that do not count). ``/api/v1/health`` (one ``SELECT 1``) runs in the
same way first, as the reference. Staff pages use a client logged in through the real log-in
form. The number of SQL queries of each page (first, uncached request) is counted in-process.
The last line printed is one JSON object with the figures.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import loadlib  # noqa: E402

P95_TARGET_MS = 100
PUBLIC_RATIO_TARGET = 0.5
STAFF_RATIO_TARGET = 0.1


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn processes (2 cores)")
    parser.add_argument("--threads", type=int, default=8, help=">1: gthread (keep-alive)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--no-page-cache", action="store_true", help="PAGE_CACHE_SECONDS=0")
    parser.add_argument("--queries-only", action="store_true", help="count queries, no load")
    return parser.parse_args()


def pick_objects() -> dict:
    """Representative objects: an upcoming public event with seats in county 01, a published
    plan of this year, Kalmar municipality, the staff user of bench/scale_data.py."""
    from django.utils import timezone

    from samordna.accounts.models import User
    from samordna.events.models import Event
    from samordna.plans.models import ActionPlan

    now = timezone.now()
    event = (
        Event.objects.filter(
            published=True,
            visibility="public",
            county__code="01",
            start__gte=now,
            capacity__isnull=False,
        )
        .exclude(title__startswith="Registreringsbenchmark")  # bench/registration_burst.py
        .order_by("start")
        .first()
    )
    plan = (
        ActionPlan.objects.filter(published=True, county__code="01", year=now.year)
        .order_by("kind")
        .first()
    )
    staff = User.objects.filter(email="bench-staff@samordna.example").first()
    if event is None or plan is None or staff is None:
        raise SystemExit("fill the database first: bench/scale_data.py")
    return {"event": event, "plan": plan, "staff": staff, "month": now.strftime("%Y-%m")}


def pages(objects) -> list[tuple[str, str, str]]:
    """(name, path, kind); kind: reference, public or staff."""
    event, plan = objects["event"], objects["plan"]
    return [
        ("health", "/api/v1/health", "reference"),
        ("home", "/", "public"),
        ("calendar", "/kalender/", "public"),
        ("calendar_filtered", "/kalender/?county=01&type=training", "public"),
        ("calendar_month", f"/kalender/manad/?month={objects['month']}", "public"),
        ("event", f"/kalender/{event.pk}/", "public"),
        ("organisations", "/organisationer/", "public"),
        ("organisations_county", "/organisationer/?county=08", "public"),
        ("municipality", "/kommuner/0880/", "public"),
        ("plan", f"/planer/{plan.pk}/", "public"),
        ("search", "/sok/?q=v%C3%A5ld+i+n%C3%A4ra+relationer", "public"),
        ("api_events", "/api/v1/events", "public"),
        ("api_events_county", "/api/v1/events?county=08", "public"),
        ("api_organisations", "/api/v1/organisations", "public"),
        ("staff_events", "/kalender/hantera/", "staff"),
        ("staff_registrations", f"/kalender/{event.pk}/anmalningar/", "staff"),
        ("staff_people", "/personer/", "staff"),
    ]


def count_queries(page_list, staff) -> dict[str, int]:
    from django.db import connection
    from django.test import Client as DjangoClient
    from django.test.utils import CaptureQueriesContext

    from samordna.core import pagecache

    anonymous, logged_in = DjangoClient(), DjangoClient()
    logged_in.force_login(staff)
    counts = {}
    for name, path, kind in page_list:
        client = logged_in if kind == "staff" else anonymous
        pagecache.bump_generation()  # count the uncached path
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_HOST="127.0.0.1", secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{name}: {path} answered {response.status_code}")
        counts[name] = len(queries)
    return counts


def check_invalidation(port: int, event) -> dict:
    """Across processes: a change committed here (the benchmark process) must show at once in
    the pages the gunicorn processes have cached."""
    from samordna.events import services

    client = loadlib.Client(port)
    path = f"/kalender/{event.pk}/"
    client.get(path)
    _status, _body, before = client.get(path)
    title = event.title
    services.event_update(actor=None, event=event, title=f"{title} (ändrad)")
    try:
        _status, body, after = client.get(path)
    finally:
        services.event_update(actor=None, event=event, title=title)
    return {
        "before_change": before.get("X-Page-Cache"),
        "after_change": after.get("X-Page-Cache"),
        "new_title_shown": f"{title} (ändrad)" in body.decode(),
    }


def log_in(port: int, staff_email: str, password: str) -> loadlib.Client:
    client = loadlib.Client(port)
    _status, body, _headers = client.get("/konto/logga-in/")
    status, _body, _headers = client.post_form(
        "/konto/logga-in/",
        {
            "csrfmiddlewaretoken": loadlib.csrf_token(body),
            "email": staff_email,
            "password": password,
        },
        referer_path="/konto/logga-in/",
    )
    if status != 302:
        raise SystemExit(f"staff log-in failed ({status})")
    return client


def main() -> None:
    args = parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url:
        sys.exit("set DATABASE_URL to a database filled by bench/scale_data.py")
    loadlib.collectstatic(database_url)
    loadlib.setup_django(database_url)
    from django.db import connection

    from bench.scale_data import STAFF_PASSWORD
    from samordna.events.models import Event, Registration

    objects = pick_objects()
    page_list = pages(objects)
    if args.only:
        wanted = set(args.only.split(",")) | {"health"}
        page_list = [page for page in page_list if page[0] in wanted]
    queries = count_queries(page_list, objects["staff"])
    vendor = connection.vendor
    data_size = {"events": Event.objects.count(), "registrations": Registration.objects.count()}
    connection.close()
    if args.queries_only:
        print(json.dumps({"database": vendor, "data": data_size, "queries": queries}))
        return
    extra = {"PAGE_CACHE_SECONDS": "0"} if args.no_page_cache else {}
    server = loadlib.start_server(
        database_url, args.port, workers=args.workers, threads=args.threads, extra_env=extra
    )
    results = {}
    try:
        anonymous = [loadlib.Client(args.port) for _ in range(args.clients)]
        staff = log_in(args.port, objects["staff"].email, STAFF_PASSWORD)
        staff_clients = []
        for _ in range(args.clients):
            client = loadlib.Client(args.port)
            client.cookies = dict(staff.cookies)
            staff_clients.append(client)
        # Warm every worker (imports, connections, caches) on every page; not measured.
        for _name, path, kind in page_list:
            clients = staff_clients if kind == "staff" else anonymous
            loadlib.run_load(clients[:8], path, duration=0.5, warmup=0)
        # The reference runs first, in the middle and last: the machine's load drifts.
        health = page_list[0]
        middle = len(page_list) // 2
        schedule = [
            health,
            *page_list[1:middle],
            ("health_mid", health[1], "reference"),
            *page_list[middle:],
            ("health_end", health[1], "reference"),
        ]
        for name, path, kind in schedule:
            clients = staff_clients if kind == "staff" else anonymous
            figures = loadlib.run_load(clients, path, duration=args.duration, warmup=args.warmup)
            figures.update(
                path=path, kind=kind, queries=queries[health[0] if kind == "reference" else name]
            )
            figures["load_average"] = loadlib.load_average()
            results[name] = figures
            print(
                f"{name:22} {figures['rps']:8.1f} req/s  p50 {figures['p50_ms']:7.1f}  "
                f"p95 {figures['p95_ms']:7.1f}  p99 {figures['p99_ms']:7.1f} ms  "
                f"{figures['queries']:3d} queries  hits {figures['cache_hits']:.2f}  "
                f"errors {figures['errors']}  "
                f"load {figures['load_average']}",
                file=sys.stderr,
                flush=True,
            )
        invalidation = check_invalidation(args.port, objects["event"])
    finally:
        loadlib.stop_server(server)
    references = [f["rps"] for f in results.values() if f["kind"] == "reference"]
    reference = round(sum(references) / len(references), 1) or 1
    for figures in results.values():
        figures["ratio"] = round(figures["rps"] / reference, 3)
        target = {"public": PUBLIC_RATIO_TARGET, "staff": STAFF_RATIO_TARGET}.get(figures["kind"])
        figures["ratio_target"] = target
        figures["met"] = (
            figures["p95_ms"] < P95_TARGET_MS
            and figures["errors"] == 0
            and (target is None or figures["ratio"] >= target)
        )
    print(
        json.dumps(
            {
                "database": vendor,
                "data": data_size,
                "clients": args.clients,
                "duration_s": args.duration,
                "workers": args.workers,
                "threads": args.threads,
                "page_cache": not args.no_page_cache,
                "nproc": os.cpu_count(),
                "load_average_end": loadlib.load_average(),
                "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "reference_rps": reference,
                "reference_runs_rps": references,
                "invalidation_check": invalidation,
                "pages": results,
            }
        )
    )


if __name__ == "__main__":
    main()
