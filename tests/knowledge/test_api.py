import pytest

from samordna.knowledge import demo as knowledge_demo
from samordna.search.services import search_rebuild_index

from .factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    knowledge_demo.seed()
    search_rebuild_index()


def test_lists_published_items_with_count(client, demo, county_08):
    make_item(county=county_08, title="Utkast", published=False)
    body = client.get("/api/v1/knowledge", {"page_size": 200}).json()
    assert body["count"] == 31
    assert "Utkast" not in [i["title"] for i in body["items"]]
    item = body["items"][0]
    assert set(item) >= {"kind", "id", "title", "url", "snippet"}


def test_filters_by_kind_and_violence_form(client, demo):
    courses = client.get("/api/v1/knowledge", {"kind": "web_course"}).json()
    assert {i["kind"] for i in courses["items"]} == {"web_course"}
    assert "Webbkurs om våld" in [i["title"] for i in courses["items"]]
    honour = client.get("/api/v1/knowledge", {"violence_form": "honour"}).json()
    assert all("honour" in i["violence_forms"] for i in honour["items"])
    assert "Patriark" in [i["title"] for i in honour["items"]]


def test_q_uses_swedish_full_text_search_with_ranking_and_snippets(client, demo):
    body = client.get("/api/v1/knowledge", {"q": "våldsutsatt", "kind": "material"}).json()
    titles = [i["title"] for i in body["items"]]
    assert body["count"] == 2
    assert set(titles) == {
        "Våldsutsatta kvinnor med utländsk bakgrund",
        "Våldsutsatta äldre kvinnor samt kvinnor som utsätts för hedersrelaterat förtryck och våld",
    }
    web_course = client.get("/api/v1/knowledge", {"q": "webbkurs"}).json()
    assert "<mark>" in web_course["items"][0]["snippet"]


def test_staff_token_sees_own_county_drafts(client_for, editor_08, county_08, demo):
    make_item(county=county_08, title="Utkast", published=False)
    titles = [
        i["title"]
        for i in client_for(editor_08).get("/api/v1/knowledge", {"page_size": 200}).json()["items"]
    ]
    assert "Utkast" in titles


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "blog"},
        {"violence_form": "hunger"},
        {"sub_goal": 9},
        {"q": "x" * 201},
        {"page_size": 0},
    ],
)
def test_bad_parameters_give_422_with_a_message(client, params):
    response = client.get("/api/v1/knowledge", params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Några av uppgifterna är inte giltiga."
    assert body["errors"][0]["field"] in params
