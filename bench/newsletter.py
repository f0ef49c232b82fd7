"""Newsletter sending benchmark: N confirmed subscribers, one issue, sent through the real
pipeline (``send_newsletter`` + W ``manage.py db_worker`` processes) to an SMTP server.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/newsletter.py \
        --recipients 2000 --workers 2 --sink

``--sink`` starts a small aiosmtpd sink in this process (otherwise give --smtp-host/--smtp-port).
A bare ``smtplib`` loop sending the same message to the same sink is measured first as the
reference. The last line printed is one JSON object with the figures.
"""

import argparse
import json
import os
import signal
import smtplib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SETTINGS = "tests.newsletter.worker_settings"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=2000)
    parser.add_argument("--smtp-host", default="127.0.0.1")
    parser.add_argument("--smtp-port", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--rate", type=int, default=0, help="messages/s per worker, 0 = no limit")
    parser.add_argument("--sink", action="store_true", help="start an aiosmtpd sink here")
    parser.add_argument("--reference-messages", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark data")
    return parser.parse_args()


def setup_django(args):
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ["EMAIL_HOST"] = args.smtp_host
    os.environ["EMAIL_PORT"] = str(args.smtp_port)
    os.environ["NEWSLETTER_MESSAGES_PER_SECOND"] = str(args.rate)
    os.environ["NEWSLETTER_BATCH_SIZE"] = str(args.batch_size)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from samordna.organisations.models import County

    if not County.objects.filter(code="01").exists():
        call_command("load_reference_data", verbosity=0)


def create_data(recipients: int):
    from django.utils import timezone

    from samordna.newsletter import services
    from samordna.newsletter.models import Item, MailingList, Section, Subscriber
    from samordna.organisations.models import County

    county = County.objects.get(code="01")
    run = time.strftime("%Y%m%d%H%M%S")
    mailing_list = MailingList.objects.create(county=county, name=f"Benchmark {run}")
    now = timezone.now()
    batch = []
    for index in range(recipients):
        batch.append(
            Subscriber(
                mailing_list=mailing_list,
                email=f"bench{index}.{run}@bench.example",
                name=f"Mottagare {index}",
                organisation="Kommun",
                status=Subscriber.Status.CONFIRMED,
                source=Subscriber.Source.IMPORT,
                consent_at=now,
                confirmed_at=now,
            )
        )
        if len(batch) >= 5000:
            Subscriber.objects.bulk_create(batch)
            batch = []
    Subscriber.objects.bulk_create(batch)
    issue = services.issue_create(
        actor=None, mailing_list=mailing_list, title=f"Nyhetsbrev (benchmark {run})"
    )
    section = Section.objects.filter(issue=issue).order_by("position").first()
    for number in range(6):
        Item.objects.create(
            section=section,
            heading=f"Webbkurs om våld – del {number + 1}",
            body_html="<p>"
            + "Webbkurs om våld, som har utvecklats av Nationellt Centrum mot Kvinnofrid, "
            "tillsammans med länsstyrelserna och Socialstyrelsen, är nu uppe i 150 000 "
            "användare. " * 3 + "</p>",
            link_url="https://webbkursomvald.se/",
            link_text="Ta del av webbkursen",
            position=number,
        )
    return mailing_list, issue


def reference_rate(args, issue, count: int) -> float:
    """A bare smtplib loop: one connection, the same message bytes, ``count`` times."""
    from samordna.newsletter import rendering
    from samordna.newsletter.models import Subscriber

    body_html, body_text = rendering.render_email(issue)
    subscriber = Subscriber.objects.filter(mailing_list=issue.mailing_list).first()
    message = rendering.build_message(issue, subscriber, body_html, body_text)
    raw = message.message().as_bytes(linesep="\r\n")
    started = time.perf_counter()
    with smtplib.SMTP(args.smtp_host, args.smtp_port) as smtp:
        for _ in range(count):
            smtp.sendmail("noreply@samordna.example", [subscriber.email], raw)
    return count / (time.perf_counter() - started)


def start_workers(args) -> list[subprocess.Popen]:
    env = dict(os.environ)
    return [
        subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "db_worker",
                "--queue-name",
                "default",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--worker-id",
                f"bench-{os.getpid()}-{number}",
                "-v",
                "0",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for number in range(args.workers)
    ]


def warm_up(workers) -> None:
    """Wait until every worker has booted and run a (cheap, real) task."""
    from django_tasks_db.models import DBTaskResult

    from samordna.newsletter.tasks import purge_unconfirmed

    ids = [purge_unconfirmed.enqueue().id for _ in workers]
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        done = DBTaskResult.objects.filter(id__in=ids, status="SUCCESSFUL").count()
        if done == len(ids):
            return
        if any(worker.poll() is not None for worker in workers):
            raise SystemExit("a worker stopped unexpectedly")
        time.sleep(0.2)


def stop_workers(workers) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 30
    for worker in workers:
        try:
            worker.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def main() -> None:
    args = parse_args()
    sink = None
    if args.sink:
        from tests.newsletter.smtp_sink import RecordingHandler, SmtpSink

        sink = SmtpSink(RecordingHandler(keep=False)).__enter__()
        args.smtp_host, args.smtp_port = sink.host, sink.port
    elif not args.smtp_port:
        sys.exit("give --smtp-port (or --sink)")
    workers = []
    try:
        setup_django(args)
        from django.core.management import call_command

        from samordna.newsletter.models import Delivery, Issue

        workers = start_workers(args)
        print(f"creating {args.recipients} subscribers …", file=sys.stderr)
        mailing_list, issue = create_data(args.recipients)
        reference_count = min(args.recipients, args.reference_messages)
        reference = reference_rate(args, issue, reference_count)
        if sink is not None:
            sink.handler.count = 0
            sink.handler.recipient_counts.clear()
        print(f"reference {reference:.0f} msg/s; warming up workers", file=sys.stderr)
        warm_up(workers)
        started = time.perf_counter()
        call_command("send_newsletter", str(issue.pk), verbosity=0)
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline:
            status = Issue.objects.filter(pk=issue.pk).values_list("status", flat=True).first()
            if status == Issue.Status.SENT:
                break
            if any(worker.poll() is not None for worker in workers):
                raise SystemExit("a worker stopped unexpectedly")
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        sent = Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count()
        result = {
            "recipients": args.recipients,
            "sent": sent,
            "seconds": round(seconds, 2),
            "messages_per_second": round(sent / seconds, 1) if seconds else 0,
            "workers": args.workers,
            "batch_size": args.batch_size,
            "reference_messages": reference_count,
            "reference_messages_per_second": round(reference, 1),
            "ratio": round((sent / seconds) / reference, 2) if reference and seconds else None,
            "database": _vendor(),
        }
        if sink is not None:
            result["sink_received"] = sink.handler.count
            result["sink_repeats"] = sum(n - 1 for n in sink.handler.recipient_counts.values())
        if not args.keep:
            Delivery.objects.filter(issue=issue).delete()
            issue.delete()
            mailing_list.delete()
    finally:
        stop_workers(workers)
        if sink is not None:
            sink.__exit__(None, None, None)
    print(json.dumps(result))


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":
    main()
