"""Campaign periods appear on the public calendar for their period (issue 9)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from samordna.campaigns.models import Campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaigns(county_06, county_08):
    today = timezone.localdate()
    national = Campaign.objects.create(
        title="Svartsjuka är inte romantiskt",
        start_date=today - timedelta(days=3),
        end_date=today + timedelta(days=20),
        published=True,
    )
    kalmar = Campaign.objects.create(
        title="Kalmars egen kampanj",
        start_date=today,
        end_date=today + timedelta(days=5),
        county=county_08,
        published=True,
    )
    draft = Campaign.objects.create(
        title="Opublicerad kampanj", start_date=today, end_date=today, published=False
    )
    later = Campaign.objects.create(
        title="Kampanj långt fram",
        start_date=today + timedelta(days=200),
        end_date=today + timedelta(days=230),
        published=True,
    )
    return national, kalmar, draft, later


def test_month_view_lists_the_campaigns_of_that_month(client, campaigns):
    national, kalmar, draft, later = campaigns
    month = timezone.localdate().strftime("%Y-%m")
    content = client.get("/kalender/manad/", {"month": month}).content.decode()
    assert national.title in content
    assert kalmar.title in content
    assert draft.title not in content
    assert later.title not in content
    later_month = later.start_date.strftime("%Y-%m")
    assert later.title in client.get("/kalender/manad/", {"month": later_month}).content.decode()


def test_county_filter_keeps_national_campaigns_and_that_countys_own(client, campaigns):
    national, kalmar, _draft, _later = campaigns
    month = timezone.localdate().strftime("%Y-%m")
    content = client.get("/kalender/manad/", {"month": month, "county": "06"}).content.decode()
    assert national.title in content
    assert kalmar.title not in content


def test_calendar_list_shows_ongoing_campaigns(client, campaigns):
    national, _kalmar, _draft, later = campaigns
    content = client.get("/kalender/").content.decode()
    assert national.title in content
    assert later.title not in content


def test_month_without_campaigns_shows_no_campaign_section(client, campaigns):
    content = client.get("/kalender/manad/", {"month": date(2001, 1, 1).strftime("%Y-%m")})
    assert "calendar-campaigns" not in content.content.decode()
