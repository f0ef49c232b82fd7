"""Core services: the e-mail outbox and accessibility defect reports."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from .audit import log_action
from .models import AccessibilityReport, OutgoingEmail

logger = logging.getLogger(__name__)


def email_queue(
    *,
    to: list[str],
    subject: str,
    body_text: str,
    body_html: str = "",
    headers: dict | None = None,
    attachments: list[dict] | None = None,
) -> OutgoingEmail:
    """Store an e-mail and send it from the task worker after the surrounding transaction commits.

    Attachments are dicts with ``filename``, ``content`` (text) and ``mimetype``.
    """
    message = OutgoingEmail.objects.create(
        to=list(to),
        subject=subject[:255],
        body_text=body_text,
        body_html=body_html,
        headers=headers or {},
        attachments=attachments or [],
        next_attempt_at=timezone.now(),
    )
    from .tasks import send_queued_email

    transaction.on_commit(lambda: send_queued_email.enqueue(message.pk))
    return message


def email_send_queued(*, email_id: int) -> OutgoingEmail.Status | None:
    """Try to send one queued e-mail; on failure schedule the next attempt with back-off.

    Idempotent: a message already sent is left alone.
    """
    with transaction.atomic():
        message = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if message is None or message.status != OutgoingEmail.Status.QUEUED:
            return None
        message.attempts += 1
        try:
            _deliver(message)
        except Exception as exc:  # noqa: BLE001 - any SMTP/network failure is retried
            logger.warning("E-mail %s failed (attempt %s): %s", message.pk, message.attempts, exc)
            message.last_error = str(exc)[:2000]
            if message.attempts >= settings.EMAIL_MAX_ATTEMPTS:
                message.status = OutgoingEmail.Status.FAILED
                message.next_attempt_at = None
            else:
                delay = settings.EMAIL_RETRY_BASE_SECONDS * 2 ** (message.attempts - 1)
                message.next_attempt_at = timezone.now() + timedelta(seconds=delay)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            if message.status == OutgoingEmail.Status.QUEUED:
                _schedule_retry(message)
            return message.status
        message.status = OutgoingEmail.Status.SENT
        message.sent_at = timezone.now()
        message.next_attempt_at = None
        message.last_error = ""
        message.save(
            update_fields=["attempts", "status", "sent_at", "next_attempt_at", "last_error"]
        )
        return message.status


def email_send_due(*, limit: int = 500) -> int:
    """Send every queued e-mail whose next attempt is due (the sweep run by the worker loop and
    `manage.py send_queued_emails`). Returns how many were attempted."""
    due_ids = list(
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.QUEUED, next_attempt_at__lte=timezone.now()
        ).values_list("pk", flat=True)[:limit]
    )
    for email_id in due_ids:
        email_send_queued(email_id=email_id)
    return len(due_ids)


def _deliver(message: OutgoingEmail) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.to,
        headers=message.headers or None,
        connection=get_connection(fail_silently=False),
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments:
        email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    email.send(fail_silently=False)


def _schedule_retry(message: OutgoingEmail) -> None:
    from django_tasks import default_task_backend

    from .tasks import send_queued_email

    if default_task_backend.supports_defer:
        send_queued_email.using(run_after=message.next_attempt_at).enqueue(message.pk)


def accessibility_report_create(
    *, page_url: str, description: str, email: str = "", actor=None
) -> AccessibilityReport:
    """Store a reported accessibility defect and notify the accessibility contact."""
    with transaction.atomic():
        report = AccessibilityReport.objects.create(
            page_url=page_url[:500], description=description, email=email
        )
        log_action(actor=actor, action="core.accessibility_report.created", obj=report)
        email_queue(
            to=[settings.ACCESSIBILITY_CONTACT_EMAIL],
            subject=f"Tillgänglighetsbrist rapporterad: {page_url or '(ingen sida angiven)'}",
            body_text=(f"Sida: {page_url or '-'}\nKontakt: {email or '-'}\n\n{description}\n"),
        )
    return report
