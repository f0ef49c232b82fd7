"""Gallring: each rule before/after its period, boundaries, dry run, idempotence, county rules,
and statistics that stay the same after registrations are anonymised."""

from collections import Counter
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from samordna.accounts.models import LoginAttempt
from samordna.core.models import AccessibilityReport, AuditEntry, OutgoingEmail
from samordna.events import services as event_services
from samordna.events.exporters import registrations_csv
from samordna.events.models import EvaluationResponse, Event, Registration
from samordna.events.selectors import registration_summary
from samordna.newsletter.models import Subscriber
from samordna.organisations.models import Organisation
from samordna.privacy import services
from samordna.privacy.models import RetentionRule, RetentionRun, Suppression
from tests.events.factories import make_event
from tests.newsletter.factories import MailingListFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def _past_event(county, *, ended_days_ago: float, participants: int = 3, **kwargs):
    """An event with confirmed registrations from two organisation types, moved into the past."""
    event = make_event(county, **kwargs)
    municipality_org = Organisation.objects.get(code="0880")  # Kalmar kommun
    region = Organisation.objects.filter(kind="region", county=county).first()
    registrations = [
        event_services.registration_create(
            event_id=event.pk,
            name=f"Deltagare {i}",
            email=f"deltagare{i}.{event.pk}@kommun.example",
            organisation=municipality_org if i % 2 == 0 else region,
            answers={},
        )
        for i in range(participants)
    ]
    end = timezone.now() - timedelta(days=ended_days_ago)
    Event.objects.filter(pk=event.pk).update(start=end - timedelta(hours=3), end=end)
    event.refresh_from_db()
    Registration.objects.filter(pk=registrations[0].pk).update(attended=True, answers={"q1": "x"})
    return event, registrations


def _figures(queryset):
    rows = queryset.values_list(
        "event_id",
        "organisation__kind",
        "municipality__code",
        "registrant_county__code",
        "status",
        "attended",
    )
    return Counter(rows)


def test_registrations_of_events_ended_longer_ago_are_anonymised(county_08):
    old_event, old = _past_event(county_08, ended_days_ago=366)
    recent_event, recent = _past_event(county_08, ended_days_ago=364)
    EvaluationResponse.objects.create(
        event=old_event,
        registration=old[0],
        overall=5,
        content=4,
        usefulness=5,
        comment="Anna från Kalmar tyckte att det var bra",
    )

    run = services.retention_run()

    assert run.counts["events.registration"] == 3
    assert run.counts["events.evaluation"] == 1
    for registration in Registration.objects.filter(event=old_event):
        assert registration.name == ""
        assert registration.email.endswith("@anonymiserad.invalid")
        assert registration.answers == {}
        assert registration.user_id is None
        assert registration.anonymised_at is not None
        assert registration.organisation_id is not None
    for registration in Registration.objects.filter(event=recent_event):
        assert registration.name.startswith("Deltagare")
        assert registration.anonymised_at is None
    evaluation = EvaluationResponse.objects.get()
    assert evaluation.comment == ""
    assert (evaluation.overall, evaluation.content, evaluation.usefulness) == (5, 4, 5)
    # The audit log no longer names the participant.
    entries = AuditEntry.objects.filter(
        object_type="events.registration", object_id__in=[str(r.pk) for r in old]
    )
    assert entries.exists()
    assert all(entry.object_repr == "[anonymiserad]" for entry in entries)
    assert not AuditEntry.objects.filter(
        object_repr__contains="Deltagare", object_id=str(old[0].pk)
    )


def test_statistics_for_reports_do_not_change_when_registrations_are_anonymised(county_08):
    event, registrations = _past_event(county_08, ended_days_ago=400, participants=5)
    Registration.objects.filter(pk=registrations[-1].pk).update(status="cancelled")
    queryset = Registration.objects.filter(event=event)
    figures_before = _figures(queryset)
    summary_before = registration_summary(event)
    export_rows_before = registrations_csv(event, list(queryset), []).count(b"\n")
    reports = pytest.importorskip("samordna.reports.figures")
    year = timezone.localtime(event.start).year
    event_figures_before = reports.event_figures(county_08, year)
    participants_before = reports.participant_figures(county_08, year)

    services.retention_run()

    assert queryset.filter(anonymised_at__isnull=False).count() == 5
    assert _figures(queryset) == figures_before
    assert registration_summary(event) == summary_before
    assert registrations_csv(event, list(queryset), []).count(b"\n") == export_rows_before
    assert reports.event_figures(county_08, year) == event_figures_before
    assert reports.participant_figures(county_08, year) == participants_before
    assert participants_before["total"] == 1
    assert participants_before["by_kind"][0]["key"] == "municipality"


def test_dry_run_counts_and_changes_nothing(county_08):
    event, _registrations = _past_event(county_08, ended_days_ago=500)
    LoginAttempt.objects.create(email="x@example.se", ip_address="10.0.0.1")
    LoginAttempt.objects.update(created_at=timezone.now() - 91 * DAY)

    run = services.retention_run(dry_run=True)

    assert run.dry_run and run.finished_at is not None
    assert run.counts["events.registration"] == 3
    assert run.counts["accounts.login_attempt"] == 1
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()
    assert Registration.objects.filter(event=event, name__startswith="Deltagare").count() == 3
    assert LoginAttempt.objects.count() == 1
    assert AuditEntry.objects.filter(action="privacy.retention.dry_run").count() == 1


def test_a_second_run_does_nothing_more(county_08):
    _past_event(county_08, ended_days_ago=500)
    first = services.retention_run()
    second = services.retention_run()
    assert first.counts["events.registration"] == 3
    assert second.total == 0
    assert RetentionRun.objects.count() == 2
    entry = AuditEntry.objects.filter(action="privacy.retention.run").first()
    assert entry.data["counts"] == second.counts


def test_a_county_rule_overrides_the_default_for_that_county_only(county_08, county_06):
    kalmar_event, _r1 = _past_event(county_08, ended_days_ago=40)
    jonkoping_event, _r2 = _past_event(county_06, ended_days_ago=40)
    services.retention_rule_set(
        actor=None, category_key="events.registration", county=county_08, days=30
    )

    services.retention_run()

    assert not Registration.objects.filter(event=kalmar_event, anonymised_at__isnull=True).exists()
    assert not Registration.objects.filter(
        event=jonkoping_event, anonymised_at__isnull=False
    ).exists()
    # National rule for every other county.
    services.retention_rule_set(actor=None, category_key="events.registration", days=10)
    services.retention_run()
    assert not Registration.objects.filter(anonymised_at__isnull=True).exists()


def test_county_rule_is_refused_where_rows_have_no_county(county_08):
    from samordna.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.retention_rule_set(
            actor=None, category_key="accounts.login_attempt", county=county_08, days=5
        )
    with pytest.raises(ValidationFailed):
        services.retention_rule_set(actor=None, category_key="accounts.user", days=5)
    assert not RetentionRule.objects.exists()


def test_settings_give_the_default_period(county_08, settings):
    settings.PRIVACY_RETENTION_DAYS = {"events.registration": 30}
    _past_event(county_08, ended_days_ago=31)
    assert services.retention_run().counts["events.registration"] == 3


def test_unconfirmed_signups_are_deleted_after_the_period(county_08):
    stale = SubscriberFactory(status=Subscriber.Status.UNCONFIRMED, confirmed_at=None)
    fresh = SubscriberFactory(status=Subscriber.Status.UNCONFIRMED, confirmed_at=None)
    confirmed = SubscriberFactory()
    Subscriber.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(
        created_at=timezone.now() - 8 * DAY
    )
    Subscriber.objects.filter(pk=fresh.pk).update(created_at=timezone.now() - 6 * DAY)

    run = services.retention_run()

    assert run.counts["newsletter.unconfirmed"] == 1
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert not Suppression.objects.exists()


def _unsubscribed(mailing_list, email, days_ago):
    subscriber = SubscriberFactory(mailing_list=mailing_list, email=email)
    from samordna.newsletter.services import subscriber_unsubscribe

    subscriber_unsubscribe(subscriber=subscriber)
    Subscriber.objects.filter(pk=subscriber.pk).update(
        unsubscribed_at=timezone.now() - days_ago * DAY
    )
    return subscriber


def test_unsubscribed_addresses_become_hashed_suppression_entries(county_08):
    mailing_list = MailingListFactory(county=county_08)
    old = _unsubscribed(mailing_list, "Gone@Kalmar.example", 31)
    recent = _unsubscribed(mailing_list, "recent@kalmar.example", 29)

    run = services.retention_run()

    assert run.counts["newsletter.unsubscribed"] == 1
    assert not Subscriber.objects.filter(pk=old.pk).exists()
    assert Subscriber.objects.filter(pk=recent.pk).exists()
    suppression = Suppression.objects.get()
    assert suppression.mailing_list == mailing_list
    assert "gone" not in suppression.email_hash.lower()
    assert suppression.email_hash == Suppression.hash_email("gone@kalmar.example")
    assert not AuditEntry.objects.filter(object_repr__icontains="gone@kalmar").exists()
    assert services.suppressed_emails(
        mailing_list=mailing_list, emails=["GONE@kalmar.example", "new@kalmar.example"]
    ) == {"gone@kalmar.example"}


def test_the_suppression_hash_survives_a_key_rotation(county_08, settings):
    mailing_list = MailingListFactory(county=county_08)
    Suppression.objects.create(
        mailing_list=mailing_list, email_hash=Suppression.hash_email("a@b.example")
    )
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert services.suppressed_emails(mailing_list=mailing_list, emails=["a@b.example"]) == {
        "a@b.example"
    }


def test_login_attempts_password_resets_and_sessions_are_deleted(county_08):
    old = LoginAttempt.objects.create(email="a@example.se", ip_address="10.0.0.1")
    new = LoginAttempt.objects.create(email="b@example.se", ip_address="10.0.0.2")
    LoginAttempt.objects.filter(pk=old.pk).update(created_at=timezone.now() - 91 * DAY)
    LoginAttempt.objects.filter(pk=new.pk).update(created_at=timezone.now() - 89 * DAY)
    Session.objects.create(session_key="a" * 32, session_data="x", expire_date=timezone.now() - DAY)
    Session.objects.create(session_key="b" * 32, session_data="x", expire_date=timezone.now() + DAY)

    run = services.retention_run()

    assert run.counts["accounts.login_attempt"] == 1
    assert list(LoginAttempt.objects.values_list("pk", flat=True)) == [new.pk]
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]


def test_sent_outbox_email_is_deleted_queued_never(county_08):
    sent = OutgoingEmail.objects.create(
        to=["a@example.se"], subject="s", body_text="Hej Anna", status="sent"
    )
    queued = OutgoingEmail.objects.create(to=["b@example.se"], subject="s", body_text="b")
    recent = OutgoingEmail.objects.create(
        to=["c@example.se"], subject="s", body_text="c", status="sent"
    )
    OutgoingEmail.objects.filter(pk__in=[sent.pk, queued.pk]).update(
        created_at=timezone.now() - 200 * DAY, sent_at=timezone.now() - 91 * DAY
    )
    OutgoingEmail.objects.filter(pk=recent.pk).update(sent_at=timezone.now() - 89 * DAY)

    services.retention_run()

    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {queued.pk, recent.pk}


def test_old_audit_entries_are_deleted_and_reporter_addresses_removed(county_08):
    from samordna.core.audit import log_action

    old = log_action(actor=None, action="test.old")
    kept = log_action(actor=None, action="test.kept")
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - 1096 * DAY)
    AuditEntry.objects.filter(pk=kept.pk).update(created_at=timezone.now() - 1094 * DAY)
    report = AccessibilityReport.objects.create(description="Knapp saknar text", email="a@b.se")
    AccessibilityReport.objects.filter(pk=report.pk).update(created_at=timezone.now() - 366 * DAY)

    services.retention_run()

    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.filter(pk=kept.pk).exists()
    report.refresh_from_db()
    assert report.email == ""
    assert report.description == "Knapp saknar text"


def test_command_and_task_run_the_job(county_08, capsys):
    _past_event(county_08, ended_days_ago=500)
    call_command("run_retention", "--dry-run")
    assert "events.registration: 3" in capsys.readouterr().out
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()

    from samordna.privacy.tasks import run_retention

    run_retention.enqueue(dry_run=False)
    run = RetentionRun.objects.first()
    assert run.trigger == RetentionRun.Trigger.TASK and not run.dry_run
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 3
    call_command("run_retention")
    assert "Run" in capsys.readouterr().out


def test_deliveries_of_issues_sent_long_ago_lose_the_subscriber_but_counts_stay(county_08):
    from samordna.newsletter.models import Delivery, Issue
    from tests.newsletter.factories import IssueFactory

    mailing_list = MailingListFactory(county=county_08)
    subscribers = SubscriberFactory.create_batch(3, mailing_list=mailing_list)
    old_issue = IssueFactory(mailing_list=mailing_list, status=Issue.Status.SENT)
    new_issue = IssueFactory(mailing_list=mailing_list, status=Issue.Status.SENT)
    for issue in (old_issue, new_issue):
        for subscriber in subscribers:
            Delivery.objects.create(
                issue=issue, subscriber=subscriber, status="sent", sent_at=timezone.now()
            )
    finished = timezone.now() - 366 * DAY
    Issue.objects.filter(pk=old_issue.pk).update(finished_at=finished)
    Issue.objects.filter(pk=new_issue.pk).update(finished_at=timezone.now() - 364 * DAY)
    reports = pytest.importorskip("samordna.reports.figures")
    years = {timezone.localtime(finished).year, timezone.localdate().year - 1}
    figures_before = {year: reports.newsletter_figures(county_08, year) for year in years}
    # One of them unsubscribes later; the address is gallrad to the suppression list.
    from samordna.newsletter.services import subscriber_unsubscribe

    subscriber_unsubscribe(subscriber=subscribers[0])
    Subscriber.objects.filter(pk=subscribers[0].pk).update(
        unsubscribed_at=timezone.now() - 31 * DAY
    )

    run = services.retention_run()

    assert run.counts["newsletter.unsubscribed"] == 1
    # The unsubscribed address's rows were detached when it was deleted; two more now.
    assert run.counts["newsletter.delivery"] == 2
    assert Delivery.objects.count() == 6
    assert not Delivery.objects.filter(issue=old_issue, subscriber__isnull=False).exists()
    assert Delivery.objects.filter(issue=new_issue, subscriber__isnull=False).count() == 2
    assert {year: reports.newsletter_figures(county_08, year) for year in years} == figures_before


def test_anonymised_registrations_get_a_fresh_unguessable_cancel_token(county_08):
    _event, registrations = _past_event(county_08, ended_days_ago=400)
    services.retention_run()
    tokens = set(Registration.objects.values_list("cancel_token", flat=True))
    assert len(tokens) == 3
    assert not tokens & {r.cancel_token for r in registrations}
    assert not any("anonymiserad" in token for token in tokens)


def test_a_dry_run_changes_nothing_in_any_category(county_08):
    from samordna.privacy.inventory import INVENTORY
    from samordna.privacy.selectors import category_count

    _past_event(county_08, ended_days_ago=400)
    mailing_list = MailingListFactory(county=county_08)
    _unsubscribed(mailing_list, "gone@kalmar.example", 40)
    SubscriberFactory(status=Subscriber.Status.UNCONFIRMED, confirmed_at=None)
    Subscriber.objects.filter(status="unconfirmed").update(created_at=timezone.now() - 30 * DAY)
    LoginAttempt.objects.create(email="a@example.se")
    LoginAttempt.objects.update(created_at=timezone.now() - 200 * DAY)
    OutgoingEmail.objects.create(to=["a@b.se"], subject="s", body_text="b", status="sent")
    OutgoingEmail.objects.update(sent_at=timezone.now() - 200 * DAY)
    before = {c.key: category_count(c) for c in INVENTORY if c.key != "core.audit_entry"}
    audit_before = AuditEntry.objects.count()

    dry = services.retention_run(dry_run=True)

    assert {c.key: category_count(c) for c in INVENTORY if c.key != "core.audit_entry"} == before
    assert AuditEntry.objects.count() == audit_before + 1  # only the dry run's own entry
    assert not Suppression.objects.exists()
    due = {key: count for key, count in dry.counts.items() if count}
    assert due == {
        "events.registration": 3,
        "newsletter.unconfirmed": 1,
        "newsletter.unsubscribed": 1,
        "accounts.login_attempt": 1,
        "core.outgoing_email": 1,
    }
    real = services.retention_run()
    assert {key: count for key, count in real.counts.items() if count} == due


def test_report_export_files_and_rows_are_deleted_after_the_period(
    county_08, editor_08, settings, tmp_path, django_capture_on_commit_callbacks
):
    import os

    from samordna.reports import services as report_services
    from samordna.reports.models import EXPORT_DIR, ReportExport

    settings.MEDIA_ROOT = str(tmp_path)
    report = report_services.report_create(actor=editor_08, county=county_08, year=2022)

    def export(fmt, days_ago):
        made = report_services.report_export_request(actor=editor_08, report=report, fmt=fmt)
        made = report_services.report_export_generate(export_id=made.pk)
        ReportExport.objects.filter(pk=made.pk).update(created_at=timezone.now() - days_ago * DAY)
        return made

    old, recent = export("docx", 31), export("xlsx", 29)
    folder = tmp_path / EXPORT_DIR
    # A file no row names (a worker died between saving and recording it), two days old.
    orphan = folder / "orphan.pdf"
    orphan.write_bytes(b"%PDF")
    two_days_ago = (timezone.now() - 2 * DAY).timestamp()
    os.utime(orphan, (two_days_ago, two_days_ago))

    assert services.retention_run(dry_run=True).counts["reports.export"] == 1
    assert (folder / os.path.basename(old.file.name)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        run = services.retention_run()

    assert run.counts["reports.export"] == 1
    assert list(ReportExport.objects.values_list("pk", flat=True)) == [recent.pk]
    assert sorted(p.name for p in folder.iterdir()) == [os.path.basename(recent.file.name)]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.retention_run().counts["reports.export"] == 0
