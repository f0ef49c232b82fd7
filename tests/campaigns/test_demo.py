import pytest

from samordna.campaigns import demo
from samordna.campaigns.models import Campaign, CampaignSpread
from samordna.organisations import demo as organisations_demo

pytestmark = pytest.mark.django_db


def test_demo_seed_creates_this_and_last_years_campaigns_once():
    organisations_demo.seed()
    first = demo.seed()
    second = demo.seed()

    assert first["campaigns_created"] > 0
    assert second["campaigns_created"] == 0
    titles = set(Campaign.objects.values_list("title", flat=True))
    assert {"Svartsjuka är inte romantiskt", "Tillsammans mot våld", "En vecka fri från våld"} <= (
        titles
    )
    years = set(
        Campaign.objects.filter(title="Svartsjuka är inte romantiskt").values_list(
            "start_date__year", flat=True
        )
    )
    assert len(years) == 2
    assert CampaignSpread.objects.exists()
