"""GET /api/v1/needs: staff only, scoped by county, filters, pagination, 422 on bad input."""

import datetime

import pytest

from samordna.accounts.services import api_token_create
from samordna.organisations.models import County, Organisation
from samordna.support.models import Need

from .factories import NeedFactory

pytestmark = pytest.mark.django_db


def auth(user) -> dict:
    _token, plain = api_token_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


@pytest.fixture
def needs(db):
    now = datetime.datetime.now(datetime.UTC)
    kalmar = NeedFactory(
        title="Kalmar",
        category=Need.Category.CHILDREN,
        forward_to_national=True,
        forwarding_note="Not",
        forwarded_at=now,
    )
    other = NeedFactory(title="Kalmar 2", category=Need.Category.HONOUR)
    jonkoping = NeedFactory(
        title="Jönköping",
        county=County.objects.get(code="06"),
        raised_by=Organisation.objects.get(code="0680"),
    )
    return {"kalmar": kalmar, "other": other, "jonkoping": jonkoping}


def test_anonymous_gets_401(client, needs):
    response = client.get("/api/v1/needs")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_participant_token_gets_403(client, needs, participant_0880):
    assert client.get("/api/v1/needs", **auth(participant_0880)).status_code == 403


def test_county_staff_read_their_own_county_only(client, needs, editor_08):
    body = client.get("/api/v1/needs", **auth(editor_08)).json()
    assert body["count"] == 2
    assert {item["title"] for item in body["items"]} == {"Kalmar", "Kalmar 2"}
    item = next(i for i in body["items"] if i["title"] == "Kalmar")
    assert item["county_code"] == "08"
    assert item["organisation_code"] == "0880"
    assert item["category"] == "children"
    assert item["category_label"] == "Barn"
    assert item["forward_to_national"] is True
    assert item["url"] == f"/stod/behov/{needs['kalmar'].pk}/"


def test_county_staff_asking_for_another_county_get_403(client, needs, editor_08):
    assert client.get("/api/v1/needs?county=06", **auth(editor_08)).status_code == 403


def test_national_reads_all_and_filters(client, needs, national_user):
    headers = auth(national_user)
    assert client.get("/api/v1/needs", **headers).json()["count"] == 3
    assert client.get("/api/v1/needs?county=06", **headers).json()["count"] == 1
    forwarded = client.get("/api/v1/needs?forwarded=true", **headers).json()
    assert [i["title"] for i in forwarded["items"]] == ["Kalmar"]
    honour = client.get("/api/v1/needs?category=honour", **headers).json()
    assert [i["title"] for i in honour["items"]] == ["Kalmar 2"]
    page = client.get("/api/v1/needs?page_size=2&page=2", **headers).json()
    assert page["count"] == 3
    assert len(page["items"]) == 1


def test_session_login_also_works(client_for, needs, editor_08):
    assert client_for(editor_08).get("/api/v1/needs").json()["count"] == 2


@pytest.mark.parametrize(
    "query",
    ["county=6", "county=99", "category=nonsense", "forwarded=maybe", "page=0", "year=1800"],
)
def test_bad_parameters_give_422(client, needs, national_user, query):
    response = client.get(f"/api/v1/needs?{query}", **auth(national_user))
    assert response.status_code == 422
    assert "detail" in response.json()


def test_openapi_documents_the_endpoint_without_generic_enum_names(client):
    schema = client.get("/api/v1/openapi.json").json()
    parameters = schema["paths"]["/api/v1/needs"]["get"]["parameters"]
    category = next(p for p in parameters if p["name"] == "category")
    assert "children" in str(category["schema"])
    assert "NeedOut" in schema["components"]["schemas"]
