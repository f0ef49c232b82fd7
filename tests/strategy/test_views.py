import pytest

from samordna.organisations.models import Organisation
from samordna.strategy import services
from samordna.strategy.models import Strategy
from tests.strategy.factories import make_strategy

pytestmark = pytest.mark.django_db


def test_public_page_shows_subgoals_and_affiliated_organisations(county_06, client_for):
    import datetime

    strategy = make_strategy(county_06)
    services.affiliation_create(
        actor=None,
        strategy=strategy,
        organisation=Organisation.objects.get(code="0680"),
        declaration_date=datetime.date(2020, 4, 15),
    )
    response = client_for(None).get(f"/strategi/{strategy.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Delmål 1: Ett utökat och verkningsfullt förebyggande arbete mot våld" in html
    assert "Delmål 5: Förbättrad kunskap och metodutveckling" in html
    assert "Jönköping" in html and "15 april 2020" in html


def test_unpublished_strategy_is_hidden_from_public_and_other_counties(
    county_06, client_for, editor_06, editor_08
):
    strategy = make_strategy(county_06, published=False, name="Hemlig utkaststrategi")
    assert client_for(None).get(f"/strategi/{strategy.pk}/").status_code == 404
    assert client_for(editor_08).get(f"/strategi/{strategy.pk}/").status_code == 404
    assert client_for(editor_06).get(f"/strategi/{strategy.pk}/").status_code == 200
    assert strategy.name not in client_for(None).get("/strategi/").content.decode()


def test_editor_creates_strategy_and_adds_subgoal(county_06, editor_06, client_for):
    client = client_for(editor_06)
    response = client.post(
        "/strategi/ny/",
        {
            "county": county_06.pk,
            "name": "Ny strategi",
            "period_start_year": 2027,
            "period_end_year": 2032,
            "text": "",
        },
    )
    strategy = Strategy.objects.get(name="Ny strategi")
    assert response.status_code == 302
    response = client.post(
        f"/strategi/{strategy.pk}/delmal/ny/",
        {
            "number": 1,
            "title": "Förebyggande arbete",
            "national_goals": ["1"],
            "gender_equality_goal_6": "on",
        },
    )
    assert response.status_code == 302
    assert strategy.subgoals.get().national_goals == [1]
    # A duplicate number is shown on the form, in Swedish.
    response = client.post(
        f"/strategi/{strategy.pk}/delmal/ny/", {"number": 1, "title": "Dubblett"}
    )
    assert response.status_code == 200
    assert "Strategin har redan ett delmål nummer 1." in response.content.decode()
    assert strategy.subgoals.count() == 1


def test_year_out_of_range_gives_swedish_message(county_06, editor_06, client_for):
    response = client_for(editor_06).post(
        "/strategi/ny/",
        {"county": county_06.pk, "name": "X", "period_start_year": 1990, "period_end_year": 2000},
    )
    assert response.status_code == 200
    assert "Året måste vara mellan 2000 och 2100." in response.content.decode()
    assert not Strategy.objects.exists()


def test_publish_and_unpublish(county_06, editor_06, client_for):
    strategy = make_strategy(county_06, published=False)
    client = client_for(editor_06)
    client.post(f"/strategi/{strategy.pk}/publicera/", {"published": "1"})
    assert client_for(None).get(f"/strategi/{strategy.pk}/").status_code == 200
    client.post(f"/strategi/{strategy.pk}/publicera/", {"published": "0"})
    assert client_for(None).get(f"/strategi/{strategy.pk}/").status_code == 404


def test_affiliation_and_leaving_through_the_forms(county_06, editor_06, client_for):
    strategy = make_strategy(county_06)
    client = client_for(editor_06)
    organisation = Organisation.objects.get(code="0683")
    response = client.post(
        f"/strategi/{strategy.pk}/anslutningar/ny/",
        {
            "organisation": organisation.pk,
            "declaration_date": "2021-03-01",
            "contact_name": "Eva",
            "contact_email": "eva@varnamo.example",
        },
    )
    assert response.status_code == 302
    affiliation = strategy.affiliations.get()
    response = client.post(
        f"/strategi/anslutningar/{affiliation.pk}/lamna/", {"left_on": "2023-01-31"}
    )
    assert response.status_code == 302
    affiliation.refresh_from_db()
    assert str(affiliation.left_on) == "2023-01-31"
