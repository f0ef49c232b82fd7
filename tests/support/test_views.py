"""The staff pages through the test client: registering, editing, filtering, exporting."""

import datetime
import io
import re

import pytest
from django.conf import settings
from openpyxl import load_workbook

from samordna.core.models import AuditEntry
from samordna.organisations.models import County, Organisation
from samordna.support.models import ActorVisit, Need, SupportEngagement

from .factories import EngagementFactory, NeedFactory, VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sv_client(client_for, editor_08):
    client = client_for(editor_08)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    return client


def test_editor_registers_process_support(sv_client, editor_08, kalmar_municipality, county_08):
    response = sv_client.post(
        "/stod/processtod/nytt/",
        {
            "county": county_08.pk,
            "organisation": kalmar_municipality.pk,
            "title": "En kommun fri från våld",
            "process": SupportEngagement.Process.MUNICIPALITY_FREE_FROM_VIOLENCE,
            "start_date": "2020-09-01",
            "end_date": "2021-06-15",
            "status": SupportEngagement.Status.COMPLETED,
            "staff": [editor_08.pk],
        },
    )
    engagement = SupportEngagement.objects.get()
    assert response.status_code == 302
    assert response.url == f"/stod/processtod/{engagement.pk}/"
    assert list(engagement.staff.all()) == [editor_08]
    page = sv_client.get(response.url).content.decode()
    assert "En kommun fri från våld" in page
    assert "1 september 2020" in page


def test_end_before_start_shows_a_swedish_error_on_the_field(
    sv_client, kalmar_municipality, county_08
):
    response = sv_client.post(
        "/stod/processtod/nytt/",
        {
            "county": county_08.pk,
            "organisation": kalmar_municipality.pk,
            "title": "Processtöd",
            "process": SupportEngagement.Process.OTHER,
            "start_date": "2022-05-01",
            "end_date": "2022-04-01",
            "status": SupportEngagement.Status.ONGOING,
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_end_date"' in content
    assert "Slutdatumet kan inte vara före startdatumet." in content
    assert not SupportEngagement.objects.exists()


def test_organisation_of_another_county_cannot_be_chosen(sv_client, county_08):
    response = sv_client.post(
        "/stod/besok/nytt/",
        {
            "county": county_08.pk,
            "organisation": Organisation.objects.get(code="0680").pk,
            "visit_date": "2022-03-10",
        },
    )
    assert response.status_code == 200
    assert 'href="#id_organisation"' in response.content.decode()
    assert not ActorVisit.objects.exists()


def test_bad_date_gives_a_message_not_a_crash(sv_client, county_08, kalmar_municipality):
    response = sv_client.post(
        "/stod/besok/nytt/",
        {"county": county_08.pk, "organisation": kalmar_municipality.pk, "visit_date": "31/13"},
    )
    assert response.status_code == 200
    assert "ÅÅÅÅ-MM-DD" in response.content.decode()


def test_editor_edits_a_visit_and_the_form_is_prefilled(sv_client, editor_08):
    visit = VisitFactory(topic="Samverkan")
    visit.staff.add(editor_08)
    form = sv_client.get(f"/stod/besok/{visit.pk}/redigera/").content.decode()
    assert 'value="Samverkan"' in form
    assert 'value="2022-03-10"' in form
    response = sv_client.post(
        f"/stod/besok/{visit.pk}/redigera/",
        {
            "organisation": visit.organisation_id,
            "visit_date": "2022-03-11",
            "topic": "Samverkan med jouren",
            "staff": [editor_08.pk],
            "follow_up_date": "2022-06-01",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.topic == "Samverkan med jouren"
    assert visit.visit_date == datetime.date(2022, 3, 11)
    assert AuditEntry.objects.filter(action="support.visit.updated").count() == 1


def test_need_is_forwarded_from_the_edit_form(sv_client):
    need = NeedFactory()
    response = sv_client.post(
        f"/stod/behov/{need.pk}/redigera/",
        {
            "raised_by": need.raised_by_id,
            "title": need.title,
            "category": Need.Category.PROTECTION_HOUSING,
            "description": need.description,
            "raised_on": "2022-03-10",
            "source": Need.Source.OTHER,
            "status": Need.Status.IN_PROGRESS,
            "forward_to_national": "on",
            "national_theme": "Stadigvarande boende",
            "forwarding_note": "Behovet finns i flera kommuner.",
        },
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.forward_to_national
    assert need.forwarded_at is not None
    national = sv_client.get("/stod/behov/nationell-niva/").content.decode()
    assert need.title in national
    assert "Stadigvarande boende" in national


def test_delete_asks_for_confirmation_first(sv_client):
    need = NeedFactory(title="Att ta bort")
    page = sv_client.get(f"/stod/behov/{need.pk}/ta-bort/").content.decode()
    assert "Ta bort Att ta bort?" in page
    assert Need.objects.filter(pk=need.pk).exists()
    response = sv_client.post(f"/stod/behov/{need.pk}/ta-bort/")
    assert response.status_code == 302
    assert response.url == "/stod/behov/"
    assert not Need.objects.filter(pk=need.pk).exists()


def test_needs_register_filters_by_category_status_year_and_text(sv_client):
    NeedFactory(title="Utbildning FREDA", category=Need.Category.COMPETENCE)
    NeedFactory(
        title="Boende efter skyddat boende",
        category=Need.Category.PROTECTION_HOUSING,
        raised_on=datetime.date(2023, 5, 1),
    )
    NeedFactory(title="Stängt behov", status=Need.Status.CLOSED, response="Klart")

    def titles(query):
        content = sv_client.get(f"/stod/behov/?{query}").content.decode()
        return {
            t
            for t in ("Utbildning FREDA", "Boende efter skyddat boende", "Stängt behov")
            if t in content
        }

    assert titles("category=protection_housing") == {"Boende efter skyddat boende"}
    assert titles("year=2023") == {"Boende efter skyddat boende"}
    assert titles("status=closed") == {"Stängt behov"}
    assert titles("q=efter+skyddat") == {"Boende efter skyddat boende"}
    assert titles("municipality=0880") == {
        "Utbildning FREDA",
        "Boende efter skyddat boende",
        "Stängt behov",
    }
    assert titles("municipality=0882") == set()


def test_lists_are_paginated(sv_client):
    for n in range(30):
        NeedFactory(title=f"Behov nummer {n:02d}")
    first = sv_client.get("/stod/behov/").content.decode()
    second = sv_client.get("/stod/behov/?page=2").content.decode()
    assert "30 behov" in first
    assert "Sida 1 av 2" in first
    assert first.count("Behov nummer") == 25
    assert second.count("Behov nummer") == 5


def test_engagement_list_filters_by_year_active(sv_client):
    EngagementFactory(
        title="Under 2022", start_date=datetime.date(2021, 9, 1), end_date=datetime.date(2022, 3, 1)
    )
    EngagementFactory(
        title="Långvarigt stöd",
        start_date=datetime.date(2024, 1, 1),
        end_date=None,
        status=SupportEngagement.Status.ONGOING,
    )
    content_2022 = sv_client.get("/stod/processtod/?year=2022").content.decode()
    content_2025 = sv_client.get("/stod/processtod/?year=2025").content.decode()
    assert "Under 2022" in content_2022 and "Långvarigt stöd" not in content_2022
    assert "Långvarigt stöd" in content_2025 and "Under 2022" not in content_2025


def test_visit_page_lists_the_needs_raised_there(sv_client):
    visit = VisitFactory()
    NeedFactory(title="Från besöket", visit=visit, source=Need.Source.VISIT)
    assert "Från besöket" in sv_client.get(f"/stod/besok/{visit.pk}/").content.decode()


def test_needs_export_xlsx_and_csv_follow_the_filters(sv_client):
    NeedFactory(title='=HYPERLINK("x")', category=Need.Category.COMPETENCE)
    NeedFactory(title="Barn", category=Need.Category.CHILDREN)
    response = sv_client.get("/stod/behov/export.xlsx?category=competence")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Län"
    assert len(rows) == 2
    assert rows[1][5] == '\'=HYPERLINK("x")'
    assert rows[1][4] == "Kompetens och utbildning"

    csv_text = sv_client.get("/stod/behov/export.csv").content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Län;")


def category_counts(content: str) -> dict[str, int]:
    rows = re.findall(
        r'<th scope="row">(?:<a [^>]*>)?([^<]+)(?:</a>)?</th><td class="num">(\d+)</td>', content
    )
    return {label: int(count) for label, count in rows}


def test_national_view_counts_per_category_across_counties(client_for, national_user):
    jonkoping = County.objects.get(code="06")
    forwarded = {"forward_to_national": True, "forwarding_note": "Not"}
    now = datetime.datetime.now(datetime.UTC)
    NeedFactory(category=Need.Category.CHILDREN, forwarded_at=now, **forwarded)
    NeedFactory(
        category=Need.Category.CHILDREN,
        county=jonkoping,
        raised_by=Organisation.objects.get(code="0680"),
        forwarded_at=now,
        national_theme="Barn i skyddat boende",
        **forwarded,
    )
    NeedFactory(category=Need.Category.HONOUR, forwarded_at=now, **forwarded)
    NeedFactory(category=Need.Category.HONOUR)  # not forwarded
    client = client_for(national_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    content = client.get("/stod/behov/nationell-niva/").content.decode()
    assert category_counts(content)["Barn"] == 2
    assert category_counts(content)["Hedersrelaterat våld och förtryck"] == 1
    assert category_counts(content)["Totalt"] == 3
    by_county = client.get("/stod/behov/nationell-niva/?county=06").content.decode()
    assert category_counts(by_county)["Totalt"] == 1
    by_theme = client.get(
        "/stod/behov/nationell-niva/?theme=Barn+i+skyddat+boende"
    ).content.decode()
    assert category_counts(by_theme)["Totalt"] == 1
    # Filtering by category narrows the list but keeps the spread over categories.
    honour = client.get("/stod/behov/nationell-niva/?category=honour").content.decode()
    assert category_counts(honour)["Totalt"] == 3
    list_part = honour.split("<h2>Vidarebefordrade behov</h2>")[1]
    assert list_part.count("Hedersrelaterat våld och förtryck") == 1
    assert ">Barn<" not in list_part


def test_county_staff_see_only_their_own_forwarded_needs(client_for, editor_06):
    NeedFactory(
        title="Kalmars behov",
        forward_to_national=True,
        forwarding_note="Not",
        forwarded_at=datetime.datetime.now(datetime.UTC),
    )
    content = client_for(editor_06).get("/stod/behov/nationell-niva/").content.decode()
    assert "Kalmars behov" not in content


def test_navigation_shows_support_to_staff_only(client_for, editor_08, participant_0880):
    assert 'href="/stod/behov/"' in client_for(editor_08).get("/").content.decode()
    assert 'href="/stod/behov/"' not in client_for(participant_0880).get("/").content.decode()
    assert 'href="/stod/behov/"' not in client_for(None).get("/").content.decode()


def test_register_a_need_from_a_visit_starts_from_the_visit(sv_client, client_for, editor_06):
    visit = VisitFactory(visit_date=datetime.date(2022, 3, 10))
    form = sv_client.get(f"/stod/behov/nytt/?besok={visit.pk}").content.decode()
    assert f'<option value="{visit.pk}" selected>' in form
    assert 'value="2022-03-10"' in form
    assert '<option value="visit" selected>' in form
    # Unknown visits and visits of another county are ignored.
    assert sv_client.get("/stod/behov/nytt/?besok=999999").status_code == 200
    other = client_for(editor_06).get(f"/stod/behov/nytt/?besok={visit.pk}").content.decode()
    assert f'<option value="{visit.pk}"' not in other
    assert '<option value="visit" selected>' not in other
