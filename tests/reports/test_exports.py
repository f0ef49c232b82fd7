"""Report files made by the task worker: request, progress, status page (without JavaScript),
download, reuse of an unchanged file, failure and retry, idempotence."""

import io
import os

import pytest
from docx import Document

from samordna.core.models import AuditEntry
from samordna.reports import services
from samordna.reports.models import ReportExport
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db

Status = ReportExport.Status


def _request(client, report, fmt, capture, *, execute=True):
    with capture(execute=execute):
        response = client.post(f"/arsrapport/{report.pk}/export.{fmt}")
    assert response.status_code == 302
    return ReportExport.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[1]))


@pytest.fixture
def submitted_08(report_08, editor_08, admin_08):
    services.report_update_text(
        actor=editor_08, report=report_08, results_text="R", analysis_text="A", needs_text="B"
    )
    services.report_mark_ready(actor=editor_08, report=report_08)
    services.report_approve(actor=admin_08, report=report_08)
    return services.report_submit(actor=admin_08, report=report_08)


def test_request_is_audited_and_the_worker_makes_the_file(
    report_08, editor_08, client_for, django_capture_on_commit_callbacks, media_root
):
    export = _request(client_for(editor_08), report_08, "docx", django_capture_on_commit_callbacks)
    export.refresh_from_db()
    assert export.status == Status.DONE
    assert export.step == ReportExport.Step.DONE and export.progress == 100
    assert export.requested_by == editor_08
    assert export.duration_ms is not None and export.attempts == 1
    assert export.size == os.path.getsize(os.path.join(media_root, export.file.name)) > 0
    entry = AuditEntry.objects.get(action="reports.export.requested")
    assert entry.actor == editor_08 and entry.county_code == "08"
    assert entry.data == {"export": export.pk, "format": "docx", "version": 1}


def test_progress_is_recorded_at_each_real_step(report_08, editor_08, monkeypatch):
    recorded = []
    real = services._export_update

    def spy(export_id, **values):
        recorded.append((values.get("status"), values.get("step"), values.get("progress")))
        return real(export_id, **values)

    monkeypatch.setattr(services, "_export_update", spy)
    export = services.report_export_request(actor=editor_08, report=report_08, fmt="pdf")
    services.report_export_generate(export_id=export.pk)
    assert [step for _status, step, _progress in recorded] == [
        "figures",
        "document",
        "layout",
        "saving",
        "done",
    ]
    progress = [p for _status, _step, p in recorded]
    assert progress == sorted(progress) and progress[-1] == 100
    assert recorded[0][0] == Status.RUNNING and recorded[-1][0] == Status.DONE


def test_status_page_while_waiting_reloads_itself_without_javascript(
    report_08, editor_08, client_for, django_capture_on_commit_callbacks
):
    client = client_for(editor_08)
    # The task is not run (no worker yet): the export waits.
    export = _request(client, report_08, "pdf", django_capture_on_commit_callbacks, execute=False)
    page = client.get(f"/arsrapport/export/{export.pk}/").content.decode()
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert 'role="status"' in page and "Väntar på att servern ska börja (0 %)" in page
    assert 'data-poll="2000"' in page
    assert 'href="?stoppa=1"' in page  # the reloading can be turned off
    assert "ladda-ned" not in page
    stopped = client.get(f"/arsrapport/export/{export.pk}/?stoppa=1").content.decode()
    assert 'http-equiv="refresh"' not in stopped and 'data-poll="' not in stopped
    assert "Visa aktuell status" in stopped
    # The download link before the file exists leads back to the status page.
    early = client.get(f"/arsrapport/export/{export.pk}/ladda-ned/")
    assert early.status_code == 302 and early.url == f"/arsrapport/export/{export.pk}/"

    services.report_export_generate(export_id=export.pk)
    done = client.get(f"/arsrapport/export/{export.pk}/").content.decode()
    assert 'http-equiv="refresh"' not in done and 'data-poll="' not in done
    assert "Filen är klar" in done and "Ladda ned arsrapport-kalmar-2022.pdf" in done
    assert "Filen sparas i 30 dagar" in done


def test_the_report_page_offers_the_three_files_as_forms(report_08, editor_08, client_for):
    page = client_for(editor_08).get(f"/arsrapport/{report_08.pk}/").content.decode()
    for fmt, label in (
        ("docx", "Skapa Word-fil"),
        ("pdf", "Skapa PDF-fil"),
        ("xlsx", "Skapa Excel-fil med siffrorna"),
    ):
        assert f'<form method="post" action="/arsrapport/{report_08.pk}/export.{fmt}">' in page
        assert label in page


def test_a_submitted_report_reuses_its_file(
    submitted_08, national_user, editor_08, client_for, django_capture_on_commit_callbacks
):
    first = _request(
        client_for(editor_08), submitted_08, "docx", django_capture_on_commit_callbacks
    )
    audits = AuditEntry.objects.filter(action="reports.export.requested").count()
    # Data changes do not matter: the submitted version shows its frozen snapshot.
    with django_capture_on_commit_callbacks(execute=True):
        make_event(submitted_08.county, title="Ny utbildning")
    second = _request(
        client_for(national_user), submitted_08, "docx", django_capture_on_commit_callbacks
    )
    assert second.pk == first.pk
    assert ReportExport.objects.count() == 1
    assert AuditEntry.objects.filter(action="reports.export.requested").count() == audits
    # Another format is another file.
    other = _request(client_for(editor_08), submitted_08, "pdf", django_capture_on_commit_callbacks)
    assert other.pk != first.pk


@pytest.mark.django_db(transaction=True)
def test_a_draft_reuses_its_file_only_while_nothing_was_written(report_08, editor_08, client_for):
    # Real commits here: every committed write bumps the page-cache generation, as in production.
    client = client_for(editor_08)

    def request():
        response = client.post(f"/arsrapport/{report_08.pk}/export.xlsx")
        return ReportExport.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[1]))

    first = request()
    assert first.status == Status.DONE
    assert request().pk == first.pk
    # Any committed write may change the live figures of a draft: a new file is made.
    make_event(report_08.county, title="Ny utbildning")
    second = request()
    assert second.pk != first.pk and second.status == Status.DONE
    assert request().pk == second.pk
    # A text change, too.
    services.report_update_text(actor=editor_08, report=report_08, results_text="Nytt")
    assert request().pk != second.pk


def test_a_waiting_export_is_handed_to_the_next_request(
    report_08, editor_08, client_for, django_capture_on_commit_callbacks
):
    client = client_for(editor_08)
    first = _request(client, report_08, "pdf", django_capture_on_commit_callbacks, execute=False)
    second = _request(client, report_08, "pdf", django_capture_on_commit_callbacks, execute=False)
    assert second.pk == first.pk and first.status == Status.QUEUED


def test_a_failed_export_shows_a_swedish_error_and_can_be_retried(
    report_08, editor_08, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    from samordna.reports import exporters

    def broken(report, fig, *, progress=None):
        raise OSError("disk full")

    monkeypatch.setitem(exporters.EXPORTERS, "docx", (exporters.EXPORTERS["docx"][0], broken))
    client = client_for(editor_08)
    failed = _request(client, report_08, "docx", django_capture_on_commit_callbacks)
    failed.refresh_from_db()
    assert failed.status == Status.FAILED and failed.error == "OSError: disk full"
    assert not failed.file
    page = client.get(f"/arsrapport/export/{failed.pk}/").content.decode()
    assert "Filen kunde inte skapas. Försök igen" in page
    assert "disk full" not in page  # technical detail stays in the row and the log
    assert f'action="/arsrapport/{report_08.pk}/export.docx"' in page and "Försök igen" in page
    assert client.get(f"/arsrapport/export/{failed.pk}/ladda-ned/").status_code == 302

    monkeypatch.undo()
    retried = _request(client, report_08, "docx", django_capture_on_commit_callbacks)
    assert retried.pk != failed.pk
    retried.refresh_from_db()
    assert retried.status == Status.DONE


def test_generating_twice_changes_nothing_and_an_interrupted_export_is_made_again(
    report_08, editor_08, media_root
):
    export = services.report_export_request(actor=editor_08, report=report_08, fmt="docx")
    done = services.report_export_generate(export_id=export.pk)
    again = services.report_export_generate(export_id=export.pk)
    assert again.file.name == done.file.name and again.finished_at == done.finished_at
    assert again.attempts == 1
    assert len(os.listdir(os.path.join(media_root, "reports", "exports"))) == 1

    # A worker killed while making the file leaves it running; the requeued task makes it.
    interrupted = services.report_export_request(actor=editor_08, report=report_08, fmt="pdf")
    ReportExport.objects.filter(pk=interrupted.pk).update(status=Status.RUNNING, step="layout")
    made = services.report_export_generate(export_id=interrupted.pk)
    assert made.status == Status.DONE and made.file
    assert services.report_export_generate(export_id=999999) is None


def test_the_file_is_the_report_of_its_version(
    report_08, editor_08, admin_08, client_for, export_file
):
    services.report_update_text(
        actor=editor_08, report=report_08, results_text="R", analysis_text="A", needs_text="B"
    )
    services.report_mark_ready(actor=editor_08, report=report_08)
    services.report_approve(actor=admin_08, report=report_08)
    services.report_submit(actor=admin_08, report=report_08)
    version_2 = services.report_reopen(actor=admin_08, report=report_08, reason="Rättelse")
    services.report_update_text(actor=editor_08, report=version_2, results_text="Rättad text")
    response = export_file(client_for(editor_08), version_2, "docx")
    assert response["Content-Disposition"] == (
        'attachment; filename="arsrapport-kalmar-2022-v2.docx"'
    )
    texts = [p.text for p in Document(io.BytesIO(response.body)).paragraphs]
    assert "Rättad text" in texts
