import pytest

from .factories import MeetingFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def test_api_lists_groups_in_outline(client, county_06, county_08):
    network = NetworkFactory(name="Resursteam Heder", kind="resource_team", county=county_06)
    MeetingFactory(network=network)
    NetworkFactory(name="Nätverk Bostad", kind="network", county=county_06)
    NetworkFactory(name="Kalmar", kind="resource_team", county=county_08)
    NetworkFactory(name="Vilande", kind="resource_team", county=county_06, is_active=False)

    body = client.get("/api/v1/networks?county=06&kind=resource_team").json()

    assert body["count"] == 1
    item = body["items"][0]
    assert item["name"] == "Resursteam Heder"
    assert item["county_code"] == "06"
    assert item["sub_goals"] == [1, 2]
    assert item["url"] == network.get_absolute_url()
    assert "meetings" not in item
    assert "Hemlig" not in str(body)


@pytest.mark.parametrize("query", ["county=6", "county=99", "kind=club", "page_size=1000"])
def test_api_rejects_bad_parameters_with_422(client, query):
    response = client.get(f"/api/v1/networks?{query}")
    assert response.status_code == 422
    assert "detail" in response.json()
