import datetime

import pytest
from django.utils import timezone

from samordna.campaigns.models import Campaign, CampaignSpread
from samordna.core.models import AuditEntry
from samordna.organisations.models import Organisation

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def test_list_shows_ongoing_and_upcoming_and_archive_shows_past(client_for):
    CampaignFactory(title="Pågående", start_date=_days(-3), end_date=_days(3))
    CampaignFactory(title="Kommande", start_date=_days(30), end_date=_days(60))
    CampaignFactory(title="Avslutad", start_date=_days(-60), end_date=_days(-30))
    CampaignFactory(title="Hemlig", start_date=_days(-3), end_date=_days(3), published=False)

    page = client_for(None).get("/kampanjer/").content.decode()
    assert "Pågående" in page
    assert "Kommande" in page
    assert page.index("Pågående") < page.index("Kommande")
    assert "Avslutad" not in page
    assert "Hemlig" not in page

    archive = client_for(None).get("/kampanjer/arkiv/").content.decode()
    assert "Avslutad" in archive
    assert "Pågående" not in archive


def test_county_filter_keeps_national_campaigns(client_for, county_06, county_08):
    CampaignFactory(title="Rikskampanjen", start_date=_days(1), end_date=_days(5))
    CampaignFactory(
        title="Smålandsveckan", county=county_06, start_date=_days(1), end_date=_days(5)
    )
    CampaignFactory(title="Ölandsveckan", county=county_08, start_date=_days(1), end_date=_days(5))

    page = client_for(None).get("/kampanjer/?county=06").content.decode()
    assert "Rikskampanjen" in page
    assert "Smålandsveckan" in page
    assert "Ölandsveckan" not in page


def test_campaign_page_shows_period_owners_target_groups(client_for):
    campaign = CampaignFactory(
        title="Svartsjuka är inte romantiskt", target_groups=["young_people"]
    )
    campaign.owners.set([Organisation.objects.get(code="JAMY")])

    page = client_for(None).get(campaign.get_absolute_url()).content.decode()
    assert "1 februari 2026 – 31 mars 2026" in page
    assert "Jämställdhetsmyndigheten" in page
    assert "Unga" in page


def test_unpublished_campaign_is_404_for_the_public_and_other_counties(
    client_for, county_06, editor_06, editor_08, national_user
):
    campaign = CampaignFactory(county=county_06, published=False)
    url = campaign.get_absolute_url()
    assert client_for(None).get(url).status_code == 404
    assert client_for(editor_08).get(url).status_code == 404
    assert client_for(editor_06).get(url).status_code == 200
    assert client_for(national_user).get(url).status_code == 200


def _form(**overrides):
    data = {
        "title": "Orange Week",
        "summary": "Länets kampanjvecka.",
        "start_date": "2026-11-25",
        "end_date": "2026-12-10",
        "target_groups": ["public"],
        "published": "on",
    }
    data.update(overrides)
    return data


def test_editor_creates_a_campaign_in_own_county(client_for, editor_06, county_06):
    response = client_for(editor_06).post("/kampanjer/ny/", _form(county=county_06.pk))
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == campaign.get_absolute_url()
    assert campaign.county == county_06
    assert campaign.target_groups == ["public"]
    assert AuditEntry.objects.filter(action="campaigns.campaign.created").count() == 1


def test_editor_cannot_create_a_national_or_other_county_campaign(client_for, editor_06, county_08):
    client = client_for(editor_06)
    response = client.post("/kampanjer/ny/", _form(county=""))
    assert response.status_code == 200
    response = client.post("/kampanjer/ny/", _form(county=county_08.pk))
    assert response.status_code == 200
    assert not Campaign.objects.exists()


def test_national_role_creates_national_campaigns(client_for, national_user):
    response = client_for(national_user).post("/kampanjer/ny/", _form(county=""))
    assert response.status_code == 302
    assert Campaign.objects.get().county is None


def test_end_before_start_is_refused_and_names_the_field(client_for, editor_06, county_06):
    response = client_for(editor_06).post(
        "/kampanjer/ny/", _form(county=county_06.pk, end_date="2026-11-01")
    )
    assert response.status_code == 200
    assert "Slutdatumet måste vara samma dag som eller efter startdatumet" in (
        response.content.decode()
    )
    assert not Campaign.objects.exists()


def test_edit_keeps_audit_trail(client_for, editor_06, county_06):
    campaign = CampaignFactory(county=county_06, title="Gammal titel")
    response = client_for(editor_06).post(
        f"/kampanjer/{campaign.pk}/redigera/", _form(county=county_06.pk, title="Ny titel")
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title == "Ny titel"
    entry = AuditEntry.objects.get(action="campaigns.campaign.updated")
    assert entry.data["changes"]["title"] == {"before": "Gammal titel", "after": "Ny titel"}


def test_organisation_contact_marks_and_unmarks_spreading(
    client_for, org_contact_0880, kalmar_municipality
):
    campaign = CampaignFactory()
    client = client_for(org_contact_0880)
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Vi sprider kampanjen" in page

    response = client.post(
        f"/kampanjer/{campaign.pk}/sprider/", {"organisation": kalmar_municipality.pk}
    )
    assert response.status_code == 302
    spread = CampaignSpread.objects.get()
    assert spread.organisation == kalmar_municipality
    assert (
        kalmar_municipality.name
        in client_for(None).get(campaign.get_absolute_url()).content.decode()
    )

    response = client.post(f"/kampanjer/{campaign.pk}/sprider/{spread.pk}/ta-bort/")
    assert response.status_code == 302
    assert not CampaignSpread.objects.exists()


def test_nobody_can_mark_another_organisation(client_for, org_contact_0880, participant_0880):
    campaign = CampaignFactory()
    other = Organisation.objects.get(code="0680")
    response = client_for(org_contact_0880).post(
        f"/kampanjer/{campaign.pk}/sprider/", {"organisation": other.pk}
    )
    assert response.status_code == 422
    assert not CampaignSpread.objects.exists()
    response = client_for(participant_0880).post(
        f"/kampanjer/{campaign.pk}/sprider/", {"organisation": other.pk}
    )
    assert response.status_code == 403


def test_county_staff_mark_organisations_of_their_county(client_for, editor_06):
    campaign = CampaignFactory()
    jonkoping = Organisation.objects.get(code="0680")
    response = client_for(editor_06).post(
        f"/kampanjer/{campaign.pk}/sprider/", {"organisation": jonkoping.pk}
    )
    assert response.status_code == 302
    assert CampaignSpread.objects.filter(organisation=jonkoping).exists()


def test_campaign_page_links_to_its_period_in_the_calendar(client_for):
    from django.urls import reverse

    campaign = CampaignFactory()
    page = client_for(None).get(campaign.get_absolute_url()).content.decode()
    assert f"{reverse('events:event_month')}?month=2026-02" in page
