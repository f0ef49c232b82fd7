import pytest

from samordna.organisations.models import Organisation
from samordna.plans import demo
from samordna.plans.models import ActionPlan, Activity
from tests.plans.factories import add_activity, make_plan

pytestmark = pytest.mark.django_db


def test_published_plan_page_has_the_source_layout(client_for):
    plan = demo.seed_jonkoping_2022()
    html = client_for(None).get(f"/planer/{plan.pk}/").content.decode()
    assert '<h2 id="plan-area-' in html and "Område regional strategi" in html
    for column in ("Aktivitet", "Målgrupp", "Utfall", "Regionalt delmål"):
        assert f'<th scope="col">{column}</th>' in html
    assert "Delmål 1–5" in html and "Delmål 2, 3, 5" in html
    assert html.index("Område kommunikation") < html.index("Anna Alm-Mårtensson")


def test_plan_list_filters_by_county_and_year(client_for):
    demo.seed()
    client = client_for(None)
    html = client.get("/planer/?county=08").content.decode()
    assert "Regional kompetensutvecklingsplan 2022" in html
    assert "Handlingsplan 2022" not in html
    html = client.get("/planer/?county=06&year=2022").content.decode()
    assert "Handlingsplan 2022" in html
    # A bad filter value gives the page with a form error, never a 500.
    assert client.get("/planer/?year=abc").status_code == 200


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_exports_download_with_a_file_name(fmt, client_for):
    plan = demo.seed_jonkoping_2022()
    response = client_for(None).get(f"/planer/{plan.pk}/export.{fmt}")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    assert len(response.content) > 1000
    assert client_for(None).get(f"/planer/{plan.pk}/export.exe").status_code == 404


def test_editor_creates_plan_and_quick_adds_an_activity(county_06, editor_06, client_for):
    client = client_for(editor_06)
    response = client.post("/planer/ny/", {"county": county_06.pk, "year": 2024, "kind": "action"})
    plan = ActionPlan.objects.get(year=2024)
    assert response.status_code == 302 and response.url == f"/planer/{plan.pk}/redigera/"
    assert client.get(response.url).status_code == 200
    area = plan.areas.get(name="Samordning")
    response = client.post(
        f"/planer/{plan.pk}/aktiviteter/ny/",
        {
            "quick": "1",
            "area_id": area.pk,
            f"area{area.pk}-title": "Styrgruppsmöten",
            f"area{area.pk}-target_groups": "Länets aktörer",
            f"area{area.pk}-outcome": "Samordning",
        },
    )
    assert response.status_code == 302
    assert area.activities.get().title == "Styrgruppsmöten"


def test_year_out_of_range_and_empty_title_show_swedish_messages(county_06, editor_06, client_for):
    client = client_for(editor_06)
    response = client.post("/planer/ny/", {"county": county_06.pk, "year": 2101, "kind": "action"})
    assert "Året måste vara mellan 2000 och 2100." in response.content.decode()
    assert not ActionPlan.objects.exists()
    plan = make_plan(county_06)
    area = plan.areas.first()
    response = client.post(
        f"/planer/{plan.pk}/aktiviteter/ny/",
        {"area": area.pk, "kind": "activity", "title": "  ", "status": "planned"},
    )
    assert response.status_code == 200
    assert "Aktiviteten behöver en rubrik." in response.content.decode()
    assert not Activity.objects.exists()


def test_subgoal_of_another_strategy_is_refused_on_the_form(
    county_06, county_08, editor_06, client_for
):
    from tests.strategy.factories import make_strategy

    plan = make_plan(county_06)
    foreign = make_strategy(county_08).subgoals.get(number=1)
    response = client_for(editor_06).post(
        f"/planer/{plan.pk}/aktiviteter/ny/",
        {
            "area": plan.areas.first().pk,
            "kind": "activity",
            "title": "X",
            "status": "planned",
            "subgoals": [foreign.pk],
        },
    )
    assert response.status_code == 200
    assert "Delmålet ingår inte i länets regionala strategi." in response.content.decode()
    assert not Activity.objects.exists()


def test_full_edit_form_changes_fields_and_area(county_06, editor_06, client_for):
    plan = make_plan(county_06)
    activity = add_activity(plan, title="Gammal")
    target_area = plan.areas.get(name="Kommunikation")
    subgoal = plan.strategy.subgoals.get(number=4)
    response = client_for(editor_06).post(
        f"/planer/aktiviteter/{activity.pk}/redigera/",
        {
            "area": target_area.pk,
            "kind": "campaign",
            "title": "Ny",
            "status": "done",
            "months": ["2", "3"],
            "subgoals": [subgoal.pk],
            "participant_count": "12",
            "target_group_categories": ["strategist"],
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.area, activity.status) == ("Ny", target_area, "done")
    assert activity.months == [2, 3] and activity.subgoal_label == "Delmål 4"


def test_row_actions_without_javascript(county_06, editor_06, client_for):
    plan = make_plan(county_06)
    first = add_activity(plan, title="A")
    second = add_activity(plan, title="B")
    client = client_for(editor_06)
    client.post(f"/planer/aktiviteter/{second.pk}/flytta/", {"direction": "up"})
    area = plan.areas.first()
    assert list(area.activities.order_by("position").values_list("title", flat=True)) == ["B", "A"]
    client.post(f"/planer/aktiviteter/{first.pk}/duplicera/")
    assert area.activities.filter(title="A").count() == 2
    other = plan.areas.get(name="Kommunikation")
    client.post(f"/planer/aktiviteter/{first.pk}/flytta/", {"area": other.pk})
    assert other.activities.get().pk == first.pk
    assert client.get(f"/planer/aktiviteter/{first.pk}/ta-bort/").status_code == 200
    assert Activity.objects.filter(pk=first.pk).exists()  # GET only asks
    client.post(f"/planer/aktiviteter/{first.pk}/ta-bort/")
    assert not Activity.objects.filter(pk=first.pk).exists()


def test_areas_contacts_publish_and_copy(county_06, editor_06, client_for):
    plan = make_plan(county_06)
    client = client_for(editor_06)
    client.post(f"/planer/{plan.pk}/omraden/ny/", {"name": "Uppföljning"})
    new_area = plan.areas.get(name="Uppföljning")
    client.post(f"/planer/omraden/{new_area.pk}/flytta/", {"direction": "up"})
    assert list(plan.areas.order_by("position").values_list("name", flat=True))[-2] == "Uppföljning"
    client.post(f"/planer/omraden/{new_area.pk}/redigera/", {"name": "Uppföljning och analys"})
    client.post(f"/planer/omraden/{new_area.pk}/ta-bort/")
    assert not plan.areas.filter(pk=new_area.pk).exists()
    client.post(f"/planer/{plan.pk}/kontakter/ny/", {"name": "Anna", "email": "anna@lst.example"})
    assert plan.contacts.get().name == "Anna"
    client.post(f"/planer/{plan.pk}/publicera/", {"published": "1"})
    plan.refresh_from_db()
    assert plan.published
    response = client.post(f"/planer/{plan.pk}/kopiera/", {"year": 2023})
    copy = ActionPlan.objects.get(year=2023)
    assert response.url == f"/planer/{copy.pk}/redigera/"
    response = client.post(f"/planer/{plan.pk}/kopiera/", {"year": 2023}, follow=True)
    assert "redan en plan" in response.content.decode()


def test_texts_form_saves_foreword(county_06, editor_06, client_for):
    plan = make_plan(county_06)
    response = client_for(editor_06).post(
        f"/planer/{plan.pk}/texter/",
        {"title": "Handlingsplan 2022", "foreword": "Förord", "final_target_groups": "A\nB"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.final_target_group_list == ["A", "B"]


def test_organisation_contact_records_base_courses(org_contact_0880, client_for):
    plan = demo.seed_kalmar_2022()
    courses = list(plan.activities.filter(kind="web_course").order_by("position"))
    client = client_for(org_contact_0880)
    url = "/planer/introduktionsutbildning/0880/"
    assert "Webbkurs heder" in client.get(url).content.decode()
    response = client.post(url, {"courses": [courses[3].pk]})
    assert response.status_code == 302
    kalmar = Organisation.objects.get(code="0880")
    assert [i.course for i in kalmar.introduction_courses.all()] == [courses[3]]


def test_competence_plan_page_counts_inclusions_and_links_the_form(
    org_contact_0880, editor_08, client_for
):
    plan = demo.seed_kalmar_2022()
    html = client_for(None).get(f"/planer/{plan.pk}/").content.decode()
    assert "Baskunskap i introduktionsutbildningen" in html
    assert 'name="organisation"' not in html  # the public cannot record anything
    html = client_for(org_contact_0880).get(f"/planer/{plan.pk}/").content.decode()
    assert '<option value="0880">' in html
    response = client_for(editor_08).get("/planer/introduktionsutbildning/?organisation=0880")
    assert response.status_code == 302
    assert response.url == "/planer/introduktionsutbildning/0880/"
    assert (
        client_for(editor_08).get("/planer/introduktionsutbildning/?organisation=nope").status_code
        == 404
    )
