"""Pages through the test client: forms post to the services, the matrix shows derived
completions with text (not colour only), exports, the organisation's own page."""

import csv
import datetime
import io

import pytest

from samordna.coverage import services
from samordna.coverage.models import CoverageGoal, CoverageItem, CoverageRecord

from .factories import at, attend, event_held, make_goal, make_item, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def derived(county_08):
    event = event_held(county_08, start=at(2023, 5, 10), title="Processledarutbildning")
    item = make_item(county_08, events=[event])
    goal = make_goal(item, 2024)
    attend(event, organisation("0880"))
    return {"event": event, "item": item, "goal": goal}


def test_editor_creates_item_goal_and_record_through_forms(client_for, editor_08, county_08):
    event = event_held(county_08, start=at(2023, 5, 10))
    client = client_for(editor_08)
    response = client.post(
        "/tackning/lan/08/moment/nytt/",
        {
            "name": "FREDA",
            "kind": "training",
            "events": [event.pk],
            "support_process": "",
            "position": "1",
        },
    )
    assert response.status_code == 302
    item = CoverageItem.objects.get(name="FREDA")
    assert list(item.events.all()) == [event]
    response = client.post(
        "/tackning/lan/08/mal/nytt/",
        {"item": item.pk, "audience": "municipalities", "target_year": "2025"},
    )
    assert response.status_code == 302
    assert CoverageGoal.objects.get(item=item).target_year == 2025
    response = client.post(
        "/tackning/lan/08/registrering/ny/",
        {"organisation": organisation("0881").pk, "item": item.pk, "completed_on": "2024-03-01"},
    )
    assert response.status_code == 302
    assert response.url == "/tackning/organisation/0881/?ar=2024"
    assert CoverageRecord.objects.get().organisation.code == "0881"


def test_form_errors_are_shown_not_500(client_for, editor_08, county_08):
    make_item(county_08, "FREDA")
    client = client_for(editor_08)
    response = client.post("/tackning/lan/08/moment/nytt/", {"name": "freda", "kind": "training"})
    assert response.status_code == 200
    assert "Länet har redan ett moment som heter freda." in response.content.decode()
    response = client.post(
        "/tackning/lan/08/registrering/ny/",
        {"organisation": "", "item": "", "completed_on": "igår"},
    )
    assert response.status_code == 200
    assert "ÅÅÅÅ-MM-DD" in response.content.decode()


def test_edit_and_delete_item(client_for, editor_08, county_08, derived):
    client = client_for(editor_08)
    item = derived["item"]
    page = client.get(f"/tackning/moment/{item.pk}/redigera/").content.decode()
    assert 'value="En kommun fri från våld"' in page
    response = client.post(
        f"/tackning/moment/{item.pk}/redigera/",
        {"name": "EKFFV", "kind": "process", "events": [derived["event"].pk]},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.name == "EKFFV" and item.events.count() == 1
    assert client.post(f"/tackning/moment/{item.pk}/ta-bort/").status_code == 302
    assert not CoverageItem.objects.exists()


def test_matrix_shows_completion_with_year_source_and_symbol(client_for, editor_08, derived):
    page = client_for(editor_08).get("/tackning/lan/08/?ar=2023").content.decode()
    assert "Täckning i Kalmar län" in page
    assert "✓" in page and "Genomfört 2023" in page
    assert f'href="/kalender/{derived["event"].pk}/"' in page
    assert "Ej genomfört" in page
    assert "1 av 12" in page  # the goal's progress
    assert "Region Kalmar län" in page and "Gäller inte" in page
    earlier = client_for(editor_08).get("/tackning/lan/08/?ar=2022").content.decode()
    assert "Genomfört 2023" not in earlier


def test_matrix_filtered_to_one_goal(client_for, editor_08, derived, county_08):
    other = make_goal(make_item(county_08, "Webbkurs heder", kind="web_course"), 2026)
    page = client_for(editor_08).get(f"/tackning/lan/08/?ar=2023&mal={other.pk}").content.decode()
    assert "Visar ett mål." in page
    assert "Genomfört 2023" not in page


def test_csv_export_has_one_row_per_organisation(client_for, editor_08, derived):
    response = client_for(editor_08).get("/tackning/lan/08/export.csv?ar=2024")
    assert response["Content-Disposition"].endswith('tackning-08-2024.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][1] == "Typ" and rows[0][2] == "En kommun fri från våld (2024)"
    kalmar = next(r for r in rows if r[0] == "Kalmar kommun")
    assert kalmar[2] == "2023"
    assert len(rows) == 1 + 13


def test_map_and_progress_pages_have_text_alternatives(client_for, editor_08, derived):
    page = client_for(editor_08).get("/tackning/lan/08/karta/?ar=2023").content.decode()
    assert "<caption>" in page and "Andel uppfyllda mål" in page
    assert "100\u00a0%" in page  # Kalmar met its one goal
    page = client_for(editor_08).get("/tackning/lan/08/utveckling/?ar=2024").content.decode()
    assert "<svg" in page and "<caption>" in page
    assert "0 av 12" in page and "1 av 12" in page


def test_participant_sees_own_organisation_and_link(client_for, participant_0880, derived):
    client = client_for(participant_0880)
    page = client.get("/tackning/organisation/0880/?ar=2024").content.decode()
    assert "Täckning för Kalmar kommun" in page
    assert "Genomfört 2023" in page
    assert "Registrera ett genomförande" not in page
    assert "/tackning/organisation/0880/" in client.get("/organisationer/0880/").content.decode()
    assert "/tackning/organisation/" not in client.get("/organisationer/0881/").content.decode()


def test_records_listed_on_the_organisation_page(client_for, editor_08, county_08):
    item = make_item(county_08, "Webbkurs om våld", kind="web_course")
    record = services.record_create(
        actor=editor_08,
        item=item,
        organisation=organisation("0880"),
        completed_on=datetime.date(2023, 4, 12),
        note="Rapporterat av kommunen.",
    )
    page = client_for(editor_08).get("/tackning/organisation/0880/?ar=2023").content.decode()
    assert f'id="registrering-{record.pk}"' in page
    assert "12 april 2023" in page


def test_national_page_lists_every_county(client_for, national_user, derived):
    page = client_for(national_user).get("/tackning/nationellt/?ar=2023").content.decode()
    assert "Nationell täckning" in page
    assert page.count('<tr><th scope="row"><a href="/tackning/lan/') == 21
    chosen = client_for(national_user).get(
        "/tackning/nationellt/?ar=2023&moment=En+kommun+fri+från+våld"
    )
    assert "Momentet genomfört" in chosen.content.decode()


def test_goal_status_missed_only_after_the_target_year(client_for, editor_08, county_08):
    from samordna.coverage.selectors import current_year

    this_year = current_year()
    make_goal(make_item(county_08, "Webbkurs heder", kind="web_course"), this_year)
    client = client_for(editor_08)
    assert "Pågår" in client.get(f"/tackning/lan/08/?ar={this_year}").content.decode()
    later = client.get(f"/tackning/lan/08/?ar={this_year + 1}").content.decode()
    assert "Inte uppfyllt till målåret" in later


def test_edit_goal_then_confirm_and_delete_goal_and_record(
    client_for, editor_08, county_08, derived
):
    client = client_for(editor_08)
    goal = derived["goal"]
    response = client.post(
        f"/tackning/mal/{goal.pk}/redigera/",
        {"item": derived["item"].pk, "audience": "municipalities", "target_year": "2026"},
    )
    assert response.status_code == 302 and response.url == "/tackning/lan/08/mal/"
    goal.refresh_from_db()
    assert goal.target_year == 2026
    confirm = client.get(f"/tackning/mal/{goal.pk}/ta-bort/")
    assert confirm.status_code == 200 and 'method="post"' in confirm.content.decode()
    assert CoverageGoal.objects.filter(pk=goal.pk).exists()  # a GET deletes nothing
    assert client.post(f"/tackning/mal/{goal.pk}/ta-bort/").status_code == 302
    assert not CoverageGoal.objects.filter(pk=goal.pk).exists()

    record = services.record_create(
        actor=editor_08,
        item=derived["item"],
        organisation=organisation("0881"),
        completed_on=datetime.date(2023, 4, 12),
    )
    response = client.post(f"/tackning/registrering/{record.pk}/ta-bort/")
    assert response.status_code == 302 and response.url == "/tackning/organisation/0881/"
    assert not CoverageRecord.objects.exists()


def test_goal_edit_error_is_shown_on_the_form(client_for, editor_08, derived):
    goal = derived["goal"]
    response = client_for(editor_08).post(
        f"/tackning/mal/{goal.pk}/redigera/",
        {"item": derived["item"].pk, "audience": "municipalities", "target_year": "nästa år"},
    )
    assert response.status_code == 200
    assert "Fyll i ett heltal." in response.content.decode()
    goal.refresh_from_db()
    assert goal.target_year == 2024
