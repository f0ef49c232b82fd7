import datetime

import pytest

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_api_lists_national_and_county_campaigns_of_a_year(client, county_06, county_08):
    CampaignFactory(title="Nationell")
    CampaignFactory(title="Jönköping", county=county_06)
    CampaignFactory(title="Kalmar", county=county_08)
    CampaignFactory(title="Utkast", county=county_06, published=False)
    CampaignFactory(
        title="2025", start_date=datetime.date(2025, 2, 1), end_date=datetime.date(2025, 3, 31)
    )

    body = client.get("/api/v1/campaigns?county=06&year=2026").json()

    assert body["count"] == 2
    assert [item["title"] for item in body["items"]] == ["Jönköping", "Nationell"] or [
        item["title"] for item in body["items"]
    ] == ["Nationell", "Jönköping"]
    item = next(i for i in body["items"] if i["title"] == "Nationell")
    assert item["national"] is True
    assert item["county_code"] is None
    assert item["start_date"] == "2026-02-01"
    assert item["url"].startswith("/kampanjer/")


@pytest.mark.parametrize(
    "query", ["county=6", "county=99", "year=abc", "year=1800", "page=0", "county=xx"]
)
def test_api_rejects_bad_parameters_with_422(client, query):
    response = client.get(f"/api/v1/campaigns?{query}")
    assert response.status_code == 422
    assert "detail" in response.json()
