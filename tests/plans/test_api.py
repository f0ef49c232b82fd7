import pytest

from samordna.accounts.services import api_token_create
from samordna.plans import demo
from tests.plans.factories import add_activity, make_plan

pytestmark = pytest.mark.django_db


def test_list_filters_by_county_and_year(client, county_06, county_08):
    demo.seed()
    response = client.get("/api/v1/plans?county=06&year=2022")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["title"] == "Handlingsplan 2022 – Länsstyrelsen i Jönköpings län"
    assert client.get("/api/v1/plans?county=08").json()["items"][0]["kind"] == "competence"


def test_detail_has_areas_with_activities_and_integer_subgoals(client):
    plan = demo.seed_jonkoping_2022()
    body = client.get(f"/api/v1/plans/{plan.pk}").json()
    assert [area["name"] for area in body["areas"]][0] == "Regional strategi"
    assert sum(len(area["activities"]) for area in body["areas"]) == 37
    activity = body["areas"][2]["activities"][1]
    assert activity["title"] == "Genomföra utvärdering av Resursteam Heder"
    assert activity["target_groups"] == "Länets aktörer"
    assert activity["outcome"].startswith("En analys kring behov")
    assert activity["subgoals"] == [2, 3, 5]
    assert activity["status"] == "planned"


@pytest.mark.parametrize(
    "query", ["county=6", "county=xx", "year=1999", "year=abc", "kind=annan", "county=99"]
)
def test_bad_parameters_give_422(client, query):
    response = client.get(f"/api/v1/plans?{query}")
    assert response.status_code == 422
    assert "detail" in response.json()


def test_unpublished_plan_only_with_token_of_the_county_staff(
    client, county_06, editor_06, editor_08
):
    plan = make_plan(county_06)
    add_activity(plan)
    assert client.get(f"/api/v1/plans/{plan.pk}").status_code == 404
    assert client.get("/api/v1/plans?county=06").json()["count"] == 0
    _row, own = api_token_create(user=editor_06)
    _row, other = api_token_create(user=editor_08)
    response = client.get(f"/api/v1/plans/{plan.pk}", HTTP_AUTHORIZATION=f"Bearer {own}")
    assert response.status_code == 200
    assert response.json()["published"] is False
    response = client.get(f"/api/v1/plans/{plan.pk}", HTTP_AUTHORIZATION=f"Bearer {other}")
    assert response.status_code == 404
    response = client.get("/api/v1/plans?county=06", HTTP_AUTHORIZATION=f"Bearer {own}")
    assert response.json()["count"] == 1


def test_strategy_api_lists_published_strategy_with_subgoals(client):
    demo.seed()
    strategies = client.get("/api/v1/strategies?county=06").json()
    assert len(strategies) == 1
    body = client.get(f"/api/v1/strategies/{strategies[0]['id']}").json()
    assert [s["number"] for s in body["subgoals"]] == [1, 2, 3, 4, 5]
    assert any(a["organisation_code"] == "0680" for a in body["affiliations"])
    assert client.get("/api/v1/strategies?county=6").status_code == 422
