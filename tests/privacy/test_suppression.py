"""The hashed suppression list is honoured by the newsletter import; the person may subscribe again
through double opt-in, which lifts it."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from samordna.newsletter.models import Subscriber
from samordna.privacy.models import Suppression
from tests.newsletter.factories import MailingListFactory

pytestmark = pytest.mark.django_db

CSV = (
    "email;name;organisation;consent_date\n"
    "gone@kalmar.example;Gone;Kalmar kommun;2024-03-01\n"
    "new@kalmar.example;New;Kalmar kommun;2024-03-01\n"
)


@pytest.fixture
def suppressed_list(county_08):
    mailing_list = MailingListFactory(county=county_08)
    Suppression.objects.create(
        mailing_list=mailing_list, email_hash=Suppression.hash_email("GONE@kalmar.example")
    )
    return mailing_list


def _import(client, mailing_list, *, confirm):
    data = {"mailing_list": mailing_list.pk, "file": SimpleUploadedFile("lista.csv", CSV.encode())}
    if confirm:
        data["confirm"] = "on"
    return client.post("/nyhetsbrev/hantera/08/prenumeranter/import/", data)


def test_import_skips_suppressed_addresses(suppressed_list, editor_08, client_for):
    client = client_for(editor_08)
    report = _import(client, suppressed_list, confirm=False).context["report"]
    assert [row["email"] for row in report.valid] == ["new@kalmar.example"]
    assert [row["email"] for row in report.invalid] == ["gone@kalmar.example"]
    assert "subscribe again" in str(report.invalid[0]["reason"]) or "prenumerera" in str(
        report.invalid[0]["reason"]
    )

    _import(client, suppressed_list, confirm=True)
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["new@kalmar.example"]


def test_suppression_of_another_list_does_not_apply(suppressed_list, county_06, client_for):
    from samordna.newsletter.services import subscriber_import

    other = MailingListFactory(county=county_06)
    report = subscriber_import(
        actor=None,
        mailing_list=other,
        rows=[row.split(";") for row in CSV.strip().split("\n")],
        dry_run=True,
    )
    assert len(report.valid) == 2


def test_the_person_may_subscribe_again_by_double_opt_in(
    suppressed_list, django_capture_on_commit_callbacks
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/nyhetsbrev/08/prenumerera/",
            {"email": "gone@kalmar.example", "name": "Gone", "consent": "on"},
        )
    assert response.status_code in (200, 302)
    subscriber = Subscriber.objects.get(email="gone@kalmar.example")
    assert subscriber.status == Subscriber.Status.UNCONFIRMED
    # Still suppressed until the owner of the address confirms.
    assert Suppression.objects.filter(mailing_list=suppressed_list).exists()

    link = re.search(r"https?://\S+/nyhetsbrev/bekrafta/\S+/", mail.outbox[-1].body).group(0)
    client.post(link.replace("http://testserver", ""))

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert not Suppression.objects.filter(mailing_list=suppressed_list).exists()
