"""The newsletter part of the JSON API: the public archive (sign-up is in test_subscribe)."""

import pytest
from django.test import Client

from samordna.newsletter.models import Issue

from .factories import MailingListFactory, issue_with_item

pytestmark = pytest.mark.django_db


def test_archive_lists_only_published_issues_of_the_county(county_08):
    mailing_list = MailingListFactory(county=county_08)
    sent = issue_with_item(
        mailing_list=mailing_list, title="Skickat", status=Issue.Status.SENT, published=True
    )
    issue_with_item(mailing_list=mailing_list, title="Utkast")
    response = Client().get("/api/v1/newsletter/issues?county=08")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Skickat"]
    assert items[0]["web_url"].endswith(f"/nyhetsbrev/nummer/{sent.pk}/")
    assert items[0]["pdf_url"].endswith(f"/nyhetsbrev/nummer/{sent.pk}/pdf/")


def test_archive_rejects_unknown_county():
    response = Client().get("/api/v1/newsletter/issues?county=99")
    assert response.status_code == 422
    assert response.json()["field"] == "county"
