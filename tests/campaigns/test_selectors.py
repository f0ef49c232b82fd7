import datetime

import pytest

from samordna.campaigns.selectors import campaign_periods_for_wheel, campaigns_in_range

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_wheel_has_national_and_own_county_campaigns_overlapping_the_year(county_06, county_08):
    national = CampaignFactory(title="Svartsjuka är inte romantiskt")
    own = CampaignFactory(
        title="Orange Week",
        county=county_06,
        start_date=datetime.date(2026, 11, 25),
        end_date=datetime.date(2026, 12, 10),
    )
    CampaignFactory(title="Kalmar-kampanj", county=county_08)
    CampaignFactory(title="Opublicerad", county=county_06, published=False)
    CampaignFactory(
        title="Förra året",
        start_date=datetime.date(2025, 11, 1),
        end_date=datetime.date(2025, 12, 31),
    )
    spanning = CampaignFactory(
        title="Över nyår",
        start_date=datetime.date(2025, 12, 15),
        end_date=datetime.date(2026, 1, 15),
    )

    periods = campaign_periods_for_wheel(county=county_06, year=2026)

    assert [p.title for p in periods] == [spanning.title, national.title, own.title]
    assert all(p.get_absolute_url().startswith("/kampanjer/") for p in periods)
    assert periods[1].start_date == datetime.date(2026, 2, 1)


def test_wheel_accepts_a_county_id(county_06):
    CampaignFactory(title="Orange Week", county=county_06)
    assert [p.title for p in campaign_periods_for_wheel(county=county_06.pk, year=2026)] == [
        "Orange Week"
    ]


def test_range_returns_published_campaigns_overlapping_the_range(county_06, county_08):
    CampaignFactory(title="Feb–mar")
    CampaignFactory(
        title="November",
        county=county_08,
        start_date=datetime.date(2026, 11, 1),
        end_date=datetime.date(2026, 11, 30),
    )
    CampaignFactory(title="Utkast", published=False)

    march = campaigns_in_range(start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 31))
    assert [c.title for c in march] == ["Feb–mar"]
    last_day = campaigns_in_range(start=datetime.date(2026, 3, 31), end=datetime.date(2026, 4, 30))
    assert [c.title for c in last_day] == ["Feb–mar"]
    november_06 = campaigns_in_range(
        start=datetime.date(2026, 11, 1), end=datetime.date(2026, 11, 30), county=county_06
    )
    assert november_06 == []
    november_08 = campaigns_in_range(
        start=datetime.date(2026, 11, 1), end=datetime.date(2026, 11, 30), county=county_08
    )
    assert [c.title for c in november_08] == ["November"]
