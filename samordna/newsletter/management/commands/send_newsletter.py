from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware

from samordna.core.errors import ApplicationError
from samordna.newsletter import services
from samordna.newsletter.models import Issue


class Command(BaseCommand):
    help = (
        "Queue a newsletter issue for sending (task workers send it), or with --resume start due "
        "scheduled issues and restart interrupted ones (safe to run from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("issue_id", nargs="?", type=int)
        parser.add_argument("--at", help="send at this time (ISO 8601, Europe/Stockholm)")
        parser.add_argument("--resume", action="store_true")

    def handle(self, *args, issue_id=None, at=None, resume=False, **options):
        if resume:
            kicked = services.issues_resume_due()
            self.stdout.write(f"{kicked} issue(s) started or resumed")
            return
        if issue_id is None:
            raise CommandError("give ISSUE_ID or --resume")
        issue = Issue.objects.filter(pk=issue_id).first()
        if issue is None:
            raise CommandError(f"no issue with id {issue_id}")
        send_at = None
        if at:
            send_at = parse_datetime(at)
            if send_at is None:
                raise CommandError("--at must be an ISO 8601 date and time")
            if is_naive(send_at):
                send_at = make_aware(send_at)
        try:
            issue = services.issue_queue(actor=None, issue=issue, send_at=send_at)
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        progress = services.issue_progress(issue=issue)
        self.stdout.write(
            f"issue {issue.pk}: {issue.status}, {progress['total']} recipient(s) queued"
        )
