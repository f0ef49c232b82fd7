"""Review states, permissions, locking, new versions and deadline reminders."""

import datetime

import pytest
from django.core.management import call_command

from samordna.core.errors import Conflict, NotPermitted, ValidationFailed
from samordna.core.models import AuditEntry, OutgoingEmail
from samordna.reports import services
from samordna.reports.models import AnnualReport, ReportReminder

pytestmark = pytest.mark.django_db

TEXTS = {"results_text": "Resultat.", "analysis_text": "Analys.", "needs_text": "Behov."}


def _approved(report, editor, admin):
    services.report_update_text(actor=editor, report=report, **TEXTS)
    services.report_mark_ready(actor=editor, report=report)
    return services.report_approve(actor=admin, report=report)


def test_full_flow_locks_and_freezes_figures(report_08, editor_08, admin_08):
    report = _approved(report_08, editor_08, admin_08)
    assert report.status == AnnualReport.Status.APPROVED
    report = services.report_submit(actor=admin_08, report=report)
    assert report.status == AnnualReport.Status.SUBMITTED
    assert report.submitted_at is not None and report.submitted_by == admin_08
    assert report.snapshot["county"] == "08" and report.snapshot["year"] == 2022
    actions = set(
        AuditEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True)
    )
    assert {"reports.report.submitted", "reports.report.approved"} <= actions


def test_submitted_report_refuses_edits_with_a_swedish_message(report_08, editor_08, admin_08):
    report = services.report_submit(
        actor=admin_08, report=_approved(report_08, editor_08, admin_08)
    )
    with pytest.raises(Conflict) as error:
        services.report_update_text(actor=editor_08, report=report, results_text="Nytt")
    assert "skickades in" in str(error.value.message) and "låst" in str(error.value.message)
    report.refresh_from_db()
    assert report.results_text == "Resultat."


def test_editor_cannot_approve_or_submit(report_08, editor_08):
    services.report_update_text(actor=editor_08, report=report_08, **TEXTS)
    services.report_mark_ready(actor=editor_08, report=report_08)
    with pytest.raises(NotPermitted):
        services.report_approve(actor=editor_08, report=report_08)
    with pytest.raises(NotPermitted):
        services.report_submit(actor=editor_08, report=report_08)


def test_other_county_and_national_cannot_change(report_08, editor_06, admin_06, national_user):
    for actor in (editor_06, admin_06, national_user):
        with pytest.raises(NotPermitted):
            services.report_update_text(actor=actor, report=report_08, results_text="x")
        with pytest.raises(NotPermitted):
            services.report_approve(actor=actor, report=report_08)
    with pytest.raises(NotPermitted):
        services.report_create(actor=national_user, county=report_08.county, year=2023)


def test_submit_requires_approval_and_ready_requires_text(report_08, editor_08, admin_08):
    with pytest.raises(ValidationFailed):
        services.report_mark_ready(actor=editor_08, report=report_08)
    with pytest.raises(Conflict):
        services.report_submit(actor=admin_08, report=report_08)


def test_editing_a_ready_report_returns_it_to_draft(report_08, editor_08):
    services.report_update_text(actor=editor_08, report=report_08, **TEXTS)
    services.report_mark_ready(actor=editor_08, report=report_08)
    report = services.report_update_text(actor=editor_08, report=report_08, needs_text="Ändrat")
    assert report.status == AnnualReport.Status.DRAFT


def test_reopen_with_reason_creates_version_2(report_08, editor_08, admin_08):
    first = services.report_submit(actor=admin_08, report=_approved(report_08, editor_08, admin_08))
    with pytest.raises(ValidationFailed):
        services.report_reopen(actor=admin_08, report=first, reason=" ")
    with pytest.raises(NotPermitted):
        services.report_reopen(actor=editor_08, report=first, reason="Fel siffra")
    second = services.report_reopen(actor=admin_08, report=first, reason="Fel siffra")
    assert (second.version, second.status) == (2, AnnualReport.Status.DRAFT)
    assert second.previous_version == first and second.reopened_reason == "Fel siffra"
    assert second.results_text == "Resultat."
    first.refresh_from_db()
    assert first.status == AnnualReport.Status.SUBMITTED
    with pytest.raises(Conflict):
        services.report_reopen(actor=admin_08, report=first, reason="Igen")


def test_one_report_per_county_and_year(report_08, editor_08):
    with pytest.raises(Conflict):
        services.report_create(actor=editor_08, county=report_08.county, year=2022)


@pytest.mark.parametrize("days", [30, 14, 7, 1])
def test_reminders_before_1_march_are_sent_once(days, report_08, editor_08, admin_08):
    today = datetime.date(2023, 3, 1) - datetime.timedelta(days=days)
    queued = services.report_reminders_send(today=today)
    assert queued == 2  # editor and admin of Kalmar
    messages = list(OutgoingEmail.objects.all())
    assert sorted(m.to[0] for m in messages) == sorted([editor_08.email, admin_08.email])
    assert "1 mars 2023" in messages[0].subject
    assert services.report_reminders_send(today=today) == 0
    call_command("send_report_reminders", today=today.isoformat(), verbosity=0)
    assert ReportReminder.objects.filter(year=2022, days_before=days).count() == 1
    assert OutgoingEmail.objects.count() == 2


def test_no_reminder_on_other_days_or_when_submitted(report_08, editor_08, admin_08):
    assert services.report_reminders_send(today=datetime.date(2023, 2, 10)) == 0
    services.report_submit(actor=admin_08, report=_approved(report_08, editor_08, admin_08))
    assert services.report_reminders_send(today=datetime.date(2023, 2, 28)) == 0
