import pytest

pytestmark = pytest.mark.django_db


def test_search_api_returns_items_with_snippets_and_count(client, demo_index):
    body = client.get("/api/v1/search", {"q": "våldsutsatta"}).json()
    assert body["count"] == 5
    first = body["items"][0]
    assert set(first) >= {"kind", "id", "title", "url", "snippet"}
    assert first["kind"] == "knowledge"
    assert first["url"].startswith("http://testserver/kunskapsbank/")
    assert "<mark>" in first["snippet"]


def test_search_api_paginates(client, demo_index):
    body = client.get("/api/v1/search", {"q": "våld", "page_size": 2, "page": 2}).json()
    assert len(body["items"]) == 2
    assert body["count"] > 4


@pytest.mark.parametrize(
    "params",
    [{}, {"q": ""}, {"q": "våld", "kind": "nonsense"}, {"q": "x" * 201}, {"q": "v", "page": 0}],
)
def test_search_api_refuses_bad_parameters_with_422(client, params):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    assert body["errors"][0]["field"]
