"""Sending an issue: the delivery outbox, claimed in batches by task workers.

* Queueing creates one ``Delivery`` row per confirmed subscriber and starts a chain of batch
  tasks. Each batch task first claims rows (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, a
  write transaction on SQLite) with a time-limited claim, then enqueues its successor, then sends
  the rows over ONE SMTP connection, rate-limited, and goes on claiming and sending further
  batches on that connection for about ``NEWSLETTER_TASK_SECONDS`` (default 2 s). So several
  workers never overlap, and a killed worker's unsent rows are picked up when its claim runs out.
  Each claim continues after the last row of the previous one (rows before it are claimed when
  the rest is exhausted), so it does not pass over the rows already sent.
* The rows are sent in small groups (``NEWSLETTER_MARK_GROUP_SIZE`` messages, default 20, and at
  most about ``NEWSLETTER_MARK_GROUP_SECONDS``, default 1 s). Right before a group its
  subscribers' status is read in one query and only confirmed ones are sent to; right after it,
  the rows the server accepted are marked sent in one commit. A row is never marked sent before
  the server accepted it; a worker killed inside a group repeats at most that group's messages;
  an unsubscribe is honoured for every group that starts after it.
* 4xx and connection errors are retried with back-off; a 5xx for the recipient marks the
  subscriber bounced.
"""

import contextlib
import logging
import secrets
import smtplib
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.core.audit import log_action
from samordna.core.errors import Conflict, ValidationFailed

from ..models import Delivery, Issue, Subscriber
from ..rendering import MessageTemplate, build_message, render_email
from .subscribers import subscriber_mark_bounced

logger = logging.getLogger(__name__)


def messages_per_second() -> float:
    """Per sending connection (worker); 0 means no limit."""
    return float(getattr(settings, "NEWSLETTER_MESSAGES_PER_SECOND", 20))


def batch_size() -> int:
    return int(getattr(settings, "NEWSLETTER_BATCH_SIZE", 100))


def claim_seconds() -> float:
    """How long a claim protects rows; must outlast one batch at the rate limit."""
    configured = getattr(settings, "NEWSLETTER_CLAIM_SECONDS", None)
    if configured is not None:
        return float(configured)
    rate = messages_per_second()
    return max(120.0, 3 * batch_size() / rate) if rate else 120.0


def mark_group_size() -> int:
    """Messages sent between two commits of their "sent" marks (and between two reads of the
    subscribers' status). A worker killed mid-group repeats at most this many messages."""
    return max(1, int(getattr(settings, "NEWSLETTER_MARK_GROUP_SIZE", 20)))


def mark_group_seconds() -> float:
    """A group also ends after this long (a slow server or a rate limit), so marks and status
    reads are never older than about this."""
    return float(getattr(settings, "NEWSLETTER_MARK_GROUP_SECONDS", 1.0))


def task_seconds() -> float:
    """A batch task goes on claiming further batches for about this long: one SMTP connection
    and one task for several batches. A graceful stop of a worker waits at most this plus one
    batch."""
    return float(getattr(settings, "NEWSLETTER_TASK_SECONDS", 2.0))


def max_attempts() -> int:
    return int(getattr(settings, "NEWSLETTER_MAX_ATTEMPTS", 5))


def retry_base_seconds() -> int:
    return int(getattr(settings, "NEWSLETTER_RETRY_BASE_SECONDS", 60))


# --- Queueing ----------------------------------------------------------------------------------


def issue_queue(*, actor, issue: Issue, send_at=None) -> Issue:
    """Queue an issue: now, or at ``send_at``. The web version is published at the same time."""
    now = timezone.now()
    if issue.status != Issue.Status.DRAFT:
        raise Conflict(_("The issue has already been queued for sending."))
    if not issue.sections.filter(items__isnull=False).exists():
        raise ValidationFailed(_("Add at least one item before sending."))
    if send_at is not None and send_at <= now:
        send_at = None
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status != Issue.Status.DRAFT:
            raise Conflict(_("The issue has already been queued for sending."))
        issue.send_at = send_at
        issue.queued_at = now
        issue.status = Issue.Status.SCHEDULED
        issue.save(update_fields=["send_at", "queued_at", "status", "updated_at"])
        log_action(
            actor=actor,
            action="newsletter.issue.queued",
            obj=issue,
            county_code=issue.county.code,
            data={"send_at": send_at.isoformat() if send_at else None},
        )
        if send_at is None:
            _start(issue)
        else:
            from ..tasks import start_issue

            if _backend_supports_defer():
                transaction.on_commit(
                    lambda: start_issue.using(run_after=send_at).enqueue(issue.pk)
                )
    return issue


def issue_start_due(*, issue_id: int) -> bool:
    """Start a scheduled issue whose time has come (idempotent)."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().filter(pk=issue_id).first()
        if issue is None or issue.status != Issue.Status.SCHEDULED:
            return False
        if issue.send_at and issue.send_at > timezone.now():
            return False
        _start(issue)
    return True


def _start(issue: Issue) -> None:
    """Snapshot the content, publish, create the delivery rows and start the batch chain.
    Runs inside the caller's transaction with the issue row locked."""
    body_html, body_text = render_email(issue)
    issue.email_html = body_html
    issue.email_text = body_text
    issue.status = Issue.Status.SENDING
    issue.published = True
    issue.save(update_fields=["email_html", "email_text", "status", "published", "updated_at"])
    subscriber_ids = (
        Subscriber.objects.filter(
            mailing_list_id=issue.mailing_list_id, status=Subscriber.Status.CONFIRMED
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chunk: list[Delivery] = []
    for subscriber_id in subscriber_ids.iterator(chunk_size=5000):
        chunk.append(Delivery(issue_id=issue.pk, subscriber_id=subscriber_id))
        if len(chunk) >= 5000:
            Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
    if chunk:
        Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
    log_action(
        actor=None,
        action="newsletter.issue.sending_started",
        obj=issue,
        county_code=issue.county.code,
        data={"recipients": Delivery.objects.filter(issue_id=issue.pk).count()},
    )
    from ..tasks import send_issue_batch

    issue_id = issue.pk
    transaction.on_commit(lambda: send_issue_batch.enqueue(issue_id))


def issues_resume_due() -> int:
    """Start scheduled issues that are due and restart sending of issues with rows left (after an
    outage or a killed worker). Safe to run from cron. Returns how many issues were kicked."""
    from ..tasks import send_issue_batch

    kicked = 0
    for issue_id in Issue.objects.filter(
        status=Issue.Status.SCHEDULED, send_at__lte=timezone.now()
    ).values_list("pk", flat=True):
        kicked += issue_start_due(issue_id=issue_id)
    for issue_id in Issue.objects.filter(status=Issue.Status.SENDING).values_list("pk", flat=True):
        send_issue_batch.enqueue(issue_id)
        kicked += 1
    return kicked


# --- Sending -----------------------------------------------------------------------------------


def _backend_supports_defer() -> bool:
    from django_tasks import default_task_backend

    return bool(default_task_backend.supports_defer)


def delivery_send_issue(*, issue_id: int, after: int | None = None) -> int:
    """Entry point of the batch task. With a deferring backend (the database worker) one batch
    is sent and the chain continues in successor tasks; otherwise (immediate backend) every
    batch that is due is sent here. ``after`` is where the previous batch ended (a hint: rows
    before it are still found). Returns the number of rows handled."""
    if _backend_supports_defer():
        return delivery_send_batch(issue_id=issue_id, schedule=_schedule_successor, after=after)
    total = 0
    while True:
        handled, after = _send_batch(issue_id, None, after)
        if not handled:
            return total
        total += handled


def _schedule_successor(issue_id: int, run_after, after: int | None = None) -> None:
    from ..tasks import send_issue_batch

    task = send_issue_batch if run_after is None else send_issue_batch.using(run_after=run_after)
    if after is None:
        task.enqueue(issue_id)
    else:
        task.enqueue(issue_id, after)


def _claim(issue_id: int, limit: int, after: int | None = None) -> tuple[str, list[Delivery], bool]:
    """Claim up to ``limit`` due rows, the first ones after ``after`` (where the previous batch
    ended, so the claim does not wade through the rows sent already), then, if that is not
    enough, from the start (retries that became due, rows of a killed worker). Returns (claim
    token, rows, more unclaimed rows left)."""
    now = timezone.now()
    token = secrets.token_hex(16)
    due = (
        Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("pk")
    )
    with transaction.atomic():
        locking = due
        if db_connection.features.has_select_for_update_skip_locked:
            locking = due.select_for_update(skip_locked=True)
        if after is None:
            ids = list(locking.values_list("pk", flat=True)[: limit + 1])
        else:
            ids = list(locking.filter(pk__gt=after).values_list("pk", flat=True)[: limit + 1])
            if len(ids) <= limit:
                wanted = limit + 1 - len(ids)
                ids += locking.filter(pk__lte=after).values_list("pk", flat=True)[:wanted]
        more = len(ids) > limit
        ids = ids[:limit]
        if ids:
            Delivery.objects.filter(pk__in=ids).update(
                claimed_until=now + timedelta(seconds=claim_seconds()), claim_token=token
            )
    rows = list(
        Delivery.objects.filter(pk__in=ids, claim_token=token)
        .select_related("subscriber")
        .only(*_SENDING_FIELDS)
        .order_by("pk")
    )
    return token, rows, more


# What sending reads of a claimed row and its subscriber (building whole model instances for a
# batch was a noticeable part of the time per message).
_SENDING_FIELDS = (
    "id",
    "issue_id",
    "attempts",
    "subscriber__id",
    "subscriber__email",
    "subscriber__token",
    "subscriber__status",
)


def _next_wakeup(issue_id: int):
    """When rows that cannot be claimed now (claimed by others, waiting for a retry) might be."""
    pending = Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.PENDING)
    values = pending.aggregate(claim=Min("claimed_until"), retry=Min("next_attempt_at"))
    candidates = [value for value in values.values() if value is not None]
    if not candidates:
        return None if not pending.exists() else timezone.now()
    return max(min(candidates), timezone.now()) + timedelta(seconds=1)


def _finish_if_done(issue_id: int) -> None:
    if Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.PENDING).exists():
        return
    with transaction.atomic():
        finished = Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).update(
            status=Issue.Status.SENT, finished_at=timezone.now()
        )
        if finished:
            issue = Issue.objects.select_related("county").get(pk=issue_id)
            log_action(
                actor=None,
                action="newsletter.issue.sent",
                obj=issue,
                county_code=issue.county.code,
                data=issue_progress(issue=issue),
            )


def delivery_send_batch(*, issue_id: int, schedule=None, after: int | None = None) -> int:
    """Claim a batch of an issue's rows and send them over one SMTP connection; go on with
    further batches on the same connection for about ``task_seconds()``."""
    return _send_batch(issue_id, schedule, after)[0]


def _send_batch(issue_id: int, schedule, after: int | None) -> tuple[int, int | None]:
    """Returns (rows handled, the cursor for the next batch)."""
    issue = Issue.objects.select_related("county").filter(pk=issue_id).first()
    if issue is None or issue.status != Issue.Status.SENDING:
        return 0, None
    deadline = time.monotonic() + task_seconds()
    handled = 0
    with _Sender(issue) as sender:
        while True:
            with _fast_commits():
                token, rows, more = _claim(issue_id, batch_size(), after)
            after = max((row.pk for row in rows), default=after)
            if schedule is not None:
                # One successor per task, scheduled right after its first claim.
                _schedule_next(issue_id, schedule, rows, more, after)
                schedule = None
            if not rows:
                break
            handled += len(rows)
            if not sender.send(token, rows) or not more or time.monotonic() >= deadline:
                break
    if not more:
        _finish_if_done(issue_id)
    return handled, after


def _schedule_next(issue_id: int, schedule, rows, more: bool, cursor: int | None) -> None:
    if more:
        # Let another worker start on the next batch at once.
        schedule(issue_id, None, cursor)
        return
    wakeup = _next_wakeup(issue_id)
    if wakeup is not None:
        # Also covers this batch: if this worker dies, the successor reclaims its rows.
        latest = timezone.now() + timedelta(seconds=claim_seconds() + 1)
        schedule(issue_id, max(wakeup, latest) if rows else wakeup)


class _Pacer:
    """Spaces messages to at most ``rate`` per second on this connection."""

    def __init__(self, rate: float):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next_slot = time.monotonic()

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_slot > now:
            time.sleep(self.next_slot - now)
            now = self.next_slot
        self.next_slot = max(self.next_slot, now - self.interval) + self.interval


class _Sender:
    """One SMTP connection (opened at the first batch), one rate limit and the issue's message
    serialised once, for all the batches of a task."""

    def __init__(self, issue: Issue):
        self.issue = issue
        self.smtp = None
        self.pacer = _Pacer(messages_per_second())
        self.template = None

    def __enter__(self) -> "_Sender":
        return self

    def __exit__(self, *exc) -> None:
        if self.smtp is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.smtp.close()

    def send(self, token: str, rows: list[Delivery]) -> bool:
        """Send one claimed batch. False when the connection failed (the rows not accepted are
        then waiting for a retry)."""
        if self.smtp is None:
            smtp = get_connection(fail_silently=False)
            try:
                smtp.open()
            except (OSError, smtplib.SMTPException) as exc:
                logger.warning("Newsletter %s: SMTP connection failed: %s", self.issue.pk, exc)
                for row in rows:
                    _retry_later(row, token, str(exc))
                return False
            self.smtp = smtp
        if self.template is None:
            self.template = MessageTemplate(
                self.issue, self.issue.email_html, self.issue.email_text
            )
        with _fast_commits():
            return _deliver_rows(self.smtp, self.template, self.pacer, self.issue, token, rows)


def _deliver_rows(smtp, template, pacer, issue: Issue, token: str, rows) -> bool:
    """Send the claimed rows in groups of at most ``mark_group_size()`` messages (and about
    ``mark_group_seconds()``). Right before a group, its subscribers' status is read once; after
    it, the rows the server accepted are recorded as sent in one commit. A worker killed inside
    a group repeats at most that group's messages; an unsubscribe is honoured from the next
    group on."""
    group_size = mark_group_size()
    group_seconds = mark_group_seconds()
    group = _Group(token)
    index = 0
    try:
        while index < len(rows):
            statuses = _current_statuses(rows[index : index + group_size])
            ends_at = time.monotonic() + group_seconds
            handled = 0
            while index < len(rows) and handled < group_size:
                if handled and time.monotonic() >= ends_at:
                    break
                row = rows[index]
                handled += 1
                status = statuses.get(row.subscriber_id)
                if status != Subscriber.Status.CONFIRMED:
                    group.skipped.append((row.pk, str(status or "deleted")))
                    index += 1
                    continue
                pacer.wait()
                try:
                    _send_one(smtp, template, issue, row.subscriber)
                except smtplib.SMTPRecipientsRefused as exc:
                    code, reply = next(iter(exc.recipients.values()), (0, b""))
                    _handle_refusal(row, token, code, reply)
                except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
                    permanent = isinstance(exc, smtplib.SMTPDataError)
                    _handle_refusal(row, token, exc.smtp_code, exc.smtp_error, bounce=permanent)
                except (OSError, smtplib.SMTPException) as exc:
                    # The connection is broken: what was accepted is recorded, this row and the
                    # rest are retried later.
                    logger.warning("Newsletter %s: SMTP error: %s", issue.pk, exc)
                    group.record()
                    for rest in rows[index:]:
                        _retry_later(rest, token, str(exc))
                    return False
                else:
                    group.accepted.append(row.pk)
                index += 1
            group.record()
    except BaseException:
        # E.g. the worker's second SIGTERM (SystemExit) or a database error: record what the
        # server accepted if the database still answers, so fewer messages are repeated.
        with contextlib.suppress(Exception):
            group.record()
        raise
    return True


class _Group:
    """Outcomes of the messages since the last commit: accepted (to be marked sent) and
    skipped (the subscriber is no longer confirmed)."""

    def __init__(self, token: str):
        self.token = token
        self.accepted: list[int] = []
        self.skipped: list[tuple[int, str]] = []

    def record(self) -> None:
        """One commit for the accepted rows (autocommit; one statement), then the skipped."""
        accepted, self.accepted = self.accepted, []
        skipped, self.skipped = self.skipped, []
        mine = Delivery.objects.filter(claim_token=self.token, status=Delivery.Status.PENDING)
        if accepted:
            mine.filter(pk__in=accepted).update(
                status=Delivery.Status.SENT,
                sent_at=timezone.now(),
                attempts=F("attempts") + 1,
                last_error="",
                claimed_until=None,
            )
        reasons: dict[str, list[int]] = {}
        for pk, reason in skipped:
            reasons.setdefault(reason, []).append(pk)
        for reason, pks in reasons.items():
            mine.filter(pk__in=pks).update(
                status=Delivery.Status.SKIPPED,
                sent_at=None,
                attempts=F("attempts") + 1,
                last_error=reason[:500],
                claimed_until=None,
            )


def _current_statuses(rows) -> dict[int, str]:
    """The subscribers' status now, in one query: read right before their group is sent."""
    ids = [row.subscriber_id for row in rows if row.subscriber_id is not None]
    return dict(Subscriber.objects.filter(pk__in=ids).values_list("pk", "status"))


def _send_one(smtp, template: MessageTemplate, issue: Issue, subscriber: Subscriber) -> None:
    """Send one message; raises the SMTP error if the server did not accept it."""
    raw = template.raw(subscriber)
    client = getattr(smtp, "connection", None)
    if raw is not None and isinstance(client, smtplib.SMTP):
        client.sendmail(template.envelope_from, [subscriber.email], raw)
        return
    message = build_message(issue, subscriber, issue.email_html, issue.email_text, connection=smtp)
    smtp.send_messages([message])


def _handle_refusal(row, token, code: int, reply, *, bounce: bool = True) -> None:
    text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
    error = f"{code} {text}"[:500]
    if 500 <= code < 600 and bounce:
        _mark(row, token, status=Delivery.Status.FAILED, error=error)
        subscriber_mark_bounced(subscriber_id=row.subscriber_id, reason=error)
    else:
        _retry_later(row, token, error)


def _mark(row: Delivery, token: str, *, status: str, error: str = "") -> None:
    """Record the outcome of one row in its own commit (autocommit)."""
    Delivery.objects.filter(pk=row.pk, claim_token=token, status=Delivery.Status.PENDING).update(
        status=status,
        sent_at=timezone.now() if status == Delivery.Status.SENT else None,
        attempts=row.attempts + 1,
        last_error=error[:500],
        claimed_until=None,
    )


@contextlib.contextmanager
def _fast_commits():
    """On PostgreSQL, let the claim's and this batch's commits skip waiting for the WAL flush. A
    killed worker loses nothing it committed; only a crash of the database server itself could
    forget the last few milliseconds of claims (the rows are simply claimed again) and "sent"
    marks, which would repeat those messages, never lose one."""
    if db_connection.vendor != "postgresql" or db_connection.in_atomic_block:
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with contextlib.suppress(Exception), db_connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _retry_later(row: Delivery, token: str, error: str) -> None:
    attempts = row.attempts + 1
    if attempts >= max_attempts():
        _mark(row, token, status=Delivery.Status.FAILED, error=error)
        return
    delay = retry_base_seconds() * 2 ** (attempts - 1)
    Delivery.objects.filter(pk=row.pk, claim_token=token, status=Delivery.Status.PENDING).update(
        attempts=attempts,
        last_error=error[:500],
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
        claimed_until=None,
    )


def issue_progress(*, issue: Issue) -> dict:
    """Counts of the issue's deliveries: sent, failed, skipped, left and total."""
    counts = dict(
        Delivery.objects.filter(issue=issue)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    sent = counts.get(Delivery.Status.SENT, 0)
    failed = counts.get(Delivery.Status.FAILED, 0)
    skipped = counts.get(Delivery.Status.SKIPPED, 0)
    left = counts.get(Delivery.Status.PENDING, 0)
    total = sent + failed + skipped + left
    return {
        "sent": sent,
        "failed": failed,
        "skipped": skipped,
        "left": left,
        "total": total,
        "percent": round(100 * (total - left) / total) if total else 0,
    }
