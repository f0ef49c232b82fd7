"""Import of an existing list (CSV/XLSX) with a dry-run report; export as CSV."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from samordna.newsletter.models import Subscriber

from .factories import MailingListFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

CSV = (
    "email;name;organisation;consent_date\n"
    "anna@kalmar.example;Anna;Kalmar kommun;2024-03-01\n"
    "inte-en-adress;Bo;Region;2024-03-01\n"
    "cecilia@region.example;Cecilia;Region Kalmar län;\n"
    "ANNA@kalmar.example;Anna igen;Kalmar kommun;2024-03-02\n"
    "gone@kalmar.example;Gone;;2024-01-01\n"
    "future@kalmar.example;Future;;2999-01-01\n"
    "dan@mon.example;Dan;Mönsterås kommun;01.02.2023\n"
)


def _post(client, county_code, content, filename="lista.csv", confirm=False, list_pk=None):
    data = {
        "mailing_list": list_pk,
        "file": SimpleUploadedFile(filename, content),
    }
    if confirm:
        data["confirm"] = "on"
    return client.post(f"/nyhetsbrev/hantera/{county_code}/prenumeranter/import/", data)


def test_dry_run_reports_invalid_and_duplicate_rows_and_stores_nothing(
    county_08, editor_08, client_for
):
    mailing_list = MailingListFactory(county=county_08)
    SubscriberFactory(mailing_list=mailing_list, email="gone@kalmar.example", status="unsubscribed")
    response = _post(client_for(editor_08), "08", CSV.encode(), list_pk=mailing_list.pk)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.dry_run
    assert [row["line"] for row in report.invalid] == [3, 4, 7]
    assert [row["line"] for row in report.duplicates] == [5]
    assert [row["email"] for row in report.existing] == ["gone@kalmar.example"]
    assert [row["email"] for row in report.valid] == ["anna@kalmar.example", "dan@mon.example"]
    assert Subscriber.objects.count() == 1


def test_import_keeps_consent_date_and_source_and_never_revives_unsubscribed(
    county_08, editor_08, client_for
):
    mailing_list = MailingListFactory(county=county_08)
    gone = SubscriberFactory(
        mailing_list=mailing_list, email="gone@kalmar.example", status="unsubscribed"
    )
    response = _post(
        client_for(editor_08), "08", CSV.encode(), confirm=True, list_pk=mailing_list.pk
    )
    assert response.status_code == 200
    anna = Subscriber.objects.get(email="anna@kalmar.example")
    assert anna.status == Subscriber.Status.CONFIRMED
    assert anna.source == Subscriber.Source.IMPORT
    assert timezone.localdate(anna.consent_at).isoformat() == "2024-03-01"
    assert anna.organisation == "Kalmar kommun"
    dan = Subscriber.objects.get(email="dan@mon.example")
    assert timezone.localdate(dan.consent_at).isoformat() == "2023-02-01"
    gone.refresh_from_db()
    assert gone.status == Subscriber.Status.UNSUBSCRIBED
    assert Subscriber.objects.count() == 3


def test_xlsx_import(county_08, editor_08, client_for):
    mailing_list = MailingListFactory(county=county_08)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["E-post", "Namn", "Organisation", "Samtycke"])
    sheet.append(["eva@kalmar.example", "Eva", "Kalmar kommun", "2025-05-05"])
    sheet.append(["trasig", "X", "", "2025-05-05"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = _post(
        client_for(editor_08),
        "08",
        buffer.getvalue(),
        filename="lista.xlsx",
        confirm=True,
        list_pk=mailing_list.pk,
    )
    report = response.context["report"]
    assert report.created == 1 and len(report.invalid) == 1
    assert Subscriber.objects.get().email == "eva@kalmar.example"


def test_file_without_required_columns_gives_a_clear_error(county_08, editor_08, client_for):
    mailing_list = MailingListFactory(county=county_08)
    response = _post(
        client_for(editor_08), "08", b"adress\nanna@x.example\n", list_pk=mailing_list.pk
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    broken = _post(
        client_for(editor_08), "08", b"PK\x03\x04garbage", "lista.xlsx", list_pk=mailing_list.pk
    )
    assert broken.status_code == 200
    assert broken.context["form"].errors["file"]


def test_export_csv_lists_subscribers_and_neutralises_formulas(county_08, editor_08, client_for):
    mailing_list = MailingListFactory(county=county_08)
    SubscriberFactory(mailing_list=mailing_list, email="a@kalmar.example", name="=HYPERLINK()")
    response = client_for(editor_08).get(
        f"/nyhetsbrev/hantera/08/prenumeranter/export/{mailing_list.pk}/"
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["email", "name", "organisation"]
    assert rows[1][0] == "a@kalmar.example"
    assert rows[1][1] == "'=HYPERLINK()"
