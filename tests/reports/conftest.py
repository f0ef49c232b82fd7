import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Export files of these tests go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path / "uploads")
    return settings.MEDIA_ROOT


@pytest.fixture
def demo(db, django_db_blocker):
    """The full demo data set (seed_demo), which drafts the 2022 reports of 06 and 08."""
    call_command("seed_demo", verbosity=0)


@pytest.fixture
def report_08(county_08, editor_08):
    from samordna.reports import services

    return services.report_create(actor=editor_08, county=county_08, year=2022)


@pytest.fixture
def export_file(django_capture_on_commit_callbacks):
    """``export_file(client, report, fmt)`` → the download response of a file made the way a
    person makes it: POST on the report page (the task runs on commit, at once with the
    immediate backend in the test settings), the status page, then the download link."""
    from samordna.reports.models import ReportExport

    def _export(client, report, fmt):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/arsrapport/{report.pk}/export.{fmt}")
        assert response.status_code == 302, response.status_code
        export = ReportExport.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[1]))
        assert response.url == f"/arsrapport/export/{export.pk}/"
        status = client.get(response.url).content.decode()
        assert "Filen är klar" in status, status
        link = f"/arsrapport/export/{export.pk}/ladda-ned/"
        assert f'href="{link}"' in status
        download = client.get(link)
        assert download.status_code == 200
        download.body = b"".join(download.streaming_content)
        return download

    return _export
