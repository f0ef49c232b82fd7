"""Newsletter sending benchmark: N confirmed subscribers, one issue, sent through the real
pipeline (``send_newsletter`` + W ``manage.py db_worker`` processes) to an SMTP server.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samordna_bench .venv/bin/python \
        bench/newsletter.py --recipients 20000 200000 --workers 1 2 --sink

``--sink`` starts a small aiosmtpd sink in this process (otherwise give --smtp-host/--smtp-port).
Every list size is sent once per worker count, each time with fresh workers. Right before each
send a bare ``smtplib`` loop sends the same message to the same sink: the reference, so
``ratio`` (pipeline messages/s ÷ the mean of the reference right before and right after the run)
compares like with like on a busy machine. ``--timeout`` caps a run: the rate is then over the
messages sent so far (``"complete": false``).
Worker memory: the peak resident set (VmHWM from /proc/<pid>/status) of each worker process over
its whole life, and its resident set sampled every second while sending. One JSON object per run
is printed; the last line is one JSON object, ``{"runs": [...]}``, with them all.
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
    parser.add_argument("--recipients", type=int, nargs="+", default=[2000])
    parser.add_argument("--smtp-host", default="127.0.0.1")
    parser.add_argument("--smtp-port", type=int, default=0)
    parser.add_argument("--workers", type=int, nargs="+", default=[2])
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--rate", type=int, default=0, help="messages/s per worker, 0 = no limit")
    parser.add_argument(
        "--mark-group-size",
        type=int,
        default=20,
        help="messages per commit of sent marks (NEWSLETTER_MARK_GROUP_SIZE)",
    )
    parser.add_argument("--sink", action="store_true", help="start an aiosmtpd sink here")
    parser.add_argument("--reference-messages", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark data")
    parser.add_argument(
        "--scheduled",
        action="store_true",
        help="schedule the issue one second ahead, so a worker (not this process) creates the "
        "delivery rows and its memory figure includes queueing the whole list",
    )
    return parser.parse_args()


def setup_django(args):
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ["EMAIL_HOST"] = args.smtp_host
    os.environ["EMAIL_PORT"] = str(args.smtp_port)
    os.environ["NEWSLETTER_MESSAGES_PER_SECOND"] = str(args.rate)
    os.environ["NEWSLETTER_BATCH_SIZE"] = str(args.batch_size)
    os.environ["NEWSLETTER_MARK_GROUP_SIZE"] = str(args.mark_group_size)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from samordna.organisations.models import County

    if not County.objects.filter(code="01").exists():
        call_command("load_reference_data", verbosity=0)


def create_list(recipients: int):
    from django.utils import timezone

    from samordna.newsletter.models import MailingList, Subscriber
    from samordna.organisations.models import County

    county = County.objects.get(code="01")
    run = time.strftime("%Y%m%d%H%M%S")
    mailing_list = MailingList.objects.create(county=county, name=f"Benchmark {run}-{recipients}")
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
    return mailing_list


def create_issue(mailing_list):
    from samordna.newsletter import services
    from samordna.newsletter.models import Item, Section

    run = time.strftime("%Y%m%d%H%M%S")
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
    return issue


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


def start_workers(args, count: int) -> list[subprocess.Popen]:
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
        for number in range(count)
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


def memory_kib(pid: int) -> dict:
    """Current and peak resident set of a process, in KiB (Linux /proc)."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _sep, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    except (OSError, ValueError):
        pass
    return values


def run_once(args, sink, mailing_list, recipients: int, worker_count: int) -> dict:
    from django.core.management import call_command

    from samordna.newsletter.models import Delivery, Issue

    issue = create_issue(mailing_list)
    workers = start_workers(args, worker_count)
    try:
        reference_count = min(recipients, args.reference_messages)
        reference = reference_rate(args, issue, reference_count)
        if sink is not None:
            sink.handler.count = 0
            sink.handler.recipient_counts.clear()
        print(
            f"{recipients} recipients, {worker_count} worker(s): reference {reference:.0f} msg/s",
            file=sys.stderr,
        )
        warm_up(workers)
        load_before = os.getloadavg()
        complete = False
        started = time.perf_counter()
        if args.scheduled:
            from datetime import timedelta

            from django.utils import timezone

            at = (timezone.now() + timedelta(seconds=1)).isoformat()
            call_command("send_newsletter", str(issue.pk), "--at", at, verbosity=0)
        else:
            call_command("send_newsletter", str(issue.pk), verbosity=0)
        queued_seconds = time.perf_counter() - started
        rss_samples: list[int] = []
        deadline = time.monotonic() + args.timeout
        next_sample = 0.0
        while time.monotonic() < deadline:
            if time.monotonic() >= next_sample:
                rss_samples.append(sum(memory_kib(w.pid).get("VmRSS", 0) for w in workers))
                next_sample = time.monotonic() + 1.0
            status = Issue.objects.filter(pk=issue.pk).values_list("status", flat=True).first()
            if status == Issue.Status.SENT:
                complete = True
                break
            if any(worker.poll() is not None for worker in workers):
                raise SystemExit("a worker stopped unexpectedly")
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        sent = Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count()
        peaks = [memory_kib(w.pid).get("VmHWM", 0) for w in workers]
        load_after = os.getloadavg()
    finally:
        stop_workers(workers)
    received = sink.handler.count if sink is not None else None
    repeats = sum(n - 1 for n in sink.handler.recipient_counts.values()) if sink else None
    # The reference again, right after: on a shared machine the load drifts during a long run.
    reference_after = reference_rate(args, issue, reference_count)
    if sink is not None:
        sink.handler.count = 0
        sink.handler.recipient_counts.clear()
    reference_mean = (reference + reference_after) / 2
    rate = sent / seconds if seconds else 0
    result = {
        "recipients": recipients,
        "workers": worker_count,
        "sent": sent,
        "seconds": round(seconds, 1),
        "queue_seconds": round(queued_seconds, 1),
        "messages_per_second": round(rate, 1),
        "reference_messages": reference_count,
        "reference_messages_per_second_before_after": [
            round(reference, 1),
            round(reference_after, 1),
        ],
        "ratio": round(rate / reference_mean, 2) if reference_mean and seconds else None,
        "complete": complete,
        "worker_peak_rss_mb": [round(kib / 1024, 1) for kib in peaks],
        "workers_rss_mb_first_last_max": [
            round(rss_samples[0] / 1024, 1) if rss_samples else None,
            round(rss_samples[-1] / 1024, 1) if rss_samples else None,
            round(max(rss_samples) / 1024, 1) if rss_samples else None,
        ],
        "batch_size": args.batch_size,
        "mark_group_size": args.mark_group_size,
        "database": _vendor(),
        "load_average_1min_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
        "cpus": os.cpu_count(),
    }
    if sink is not None:
        result["sink_received"] = received
        result["sink_repeats"] = repeats
    if not complete:
        # A capped run leaves batch tasks behind: without rows to send they end the issue, so a
        # later run's workers do not send this issue's rest (and inflate that run's figures).
        Delivery.objects.filter(issue=issue, status=Delivery.Status.PENDING).delete()
    if not args.keep:
        Delivery.objects.filter(issue=issue).delete()
        issue.delete()
    return result


def main() -> None:
    args = parse_args()
    sink = None
    if args.sink:
        from tests.newsletter.smtp_sink import RecordingHandler, SmtpSink

        sink = SmtpSink(RecordingHandler(keep=False)).__enter__()
        args.smtp_host, args.smtp_port = sink.host, sink.port
    elif not args.smtp_port:
        sys.exit("give --smtp-port (or --sink)")
    results = []
    try:
        setup_django(args)
        for recipients in args.recipients:
            print(f"creating {recipients} subscribers …", file=sys.stderr)
            mailing_list = create_list(recipients)
            try:
                for worker_count in args.workers:
                    result = run_once(args, sink, mailing_list, recipients, worker_count)
                    print(json.dumps(result), flush=True)
                    results.append(result)
            finally:
                if not args.keep:
                    mailing_list.delete()
    finally:
        if sink is not None:
            sink.__exit__(None, None, None)
    print(json.dumps({"runs": results}))


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":
    main()
