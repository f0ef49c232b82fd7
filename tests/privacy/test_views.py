"""The record of processing: permissions (county admin of the own county, national read, editor
403), content, CSV; and the person's data download."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from samordna.accounts.models import LoginAttempt
from samordna.core.models import OutgoingEmail
from samordna.events import services as event_services
from samordna.privacy import services
from samordna.privacy.inventory import INVENTORY
from tests.conftest import make_user
from tests.events.factories import make_event
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "editor_08", "admin_08", "admin_06", "national", "superuser"]


@pytest.fixture
def users(participant_0880, editor_08, admin_08, admin_06, national_user):
    from samordna.accounts.models import User

    return {
        "anonymous": None,
        "participant": participant_0880,
        "editor_08": editor_08,
        "admin_08": admin_08,
        "admin_06": admin_06,
        "national": national_user,
        "superuser": User.objects.create_superuser("root@samordna.example", "x" * 20),
    }


MATRIX = {
    "/registerforteckning/": [302, 403, 403, 200, 200, 200, 200],
    "/registerforteckning/?lan=08": [302, 403, 403, 200, 403, 200, 200],
    "/registerforteckning/?lan=99": [302, 403, 403, 403, 403, 403, 403],
    "/registerforteckning/registerforteckning.csv": [302, 403, 403, 200, 200, 200, 200],
    "/registerforteckning/registerforteckning.csv?lan=06": [302, 403, 403, 403, 200, 200, 200],
}


@pytest.mark.parametrize("url", list(MATRIX))
def test_register_permissions(url, users, client_for):
    for role, expected in zip(ROLES, MATRIX[url], strict=True):
        response = client_for(users[role]).get(url)
        assert response.status_code == expected, (url, role, response.status_code)
        if expected == 302:
            assert response.url.startswith("/konto/logga-in/")


def test_every_privacy_url_is_in_the_matrix():
    from tests.core.test_view_permissions import all_app_patterns

    routes = {
        route for route, _pattern in all_app_patterns() if route.startswith("registerforteckning/")
    }
    covered = {url.lstrip("/").split("?")[0] for url in MATRIX}
    assert routes == covered


def test_county_admin_sees_own_county_counts_and_runs(admin_08, county_08, county_06, client_for):
    SubscriberFactory.create_batch(3)  # on county 08's main list
    event = make_event(county_06)
    event_services.registration_create(event_id=event.pk, name="Bo", email="bo@example.se")
    services.retention_rule_set(
        actor=None, category_key="events.registration", county=county_08, days=200
    )
    services.retention_run(dry_run=True)

    response = client_for(admin_08).get("/registerforteckning/")
    assert response.context["county"] == county_08
    rows = {row.category.key: row for row in response.context["rows"]}
    assert rows["newsletter.subscriber"].count == 3
    assert rows["events.registration"].count == 0  # county 06's registration is not counted
    assert rows["events.registration"].days == 200
    assert rows["events.registration"].county_decision
    assert rows["accounts.login_attempt"].count is None  # not computable per county
    html = response.content.decode()
    assert "<caption" in html and 'scope="row"' in html
    assert "Registerförteckning" in html
    assert "Provkörning" in html  # the dry run is listed
    assert len(response.context["rows"]) == len(INVENTORY)
    assert [rule.days for _category, rule in response.context["rules"]] == [200]
    assert "Beslutade bevarandetider" in html


def test_another_county_does_not_see_the_county_rule(admin_06, county_08, client_for):
    services.retention_rule_set(
        actor=None, category_key="events.registration", county=county_08, days=200
    )
    response = client_for(admin_06).get("/registerforteckning/")
    assert response.context["rules"] == []
    rows = {row.category.key: row for row in response.context["rows"]}
    assert rows["events.registration"].days == 365
    assert not rows["events.registration"].county_decision


def test_national_sees_all_counties_with_totals(national_user, client_for):
    LoginAttempt.objects.create(email="a@example.se")
    response = client_for(national_user).get("/registerforteckning/")
    assert response.context["county"] is None
    rows = {row.category.key: row for row in response.context["rows"]}
    assert rows["accounts.login_attempt"].count == 1
    assert rows["events.registration"].days == 365


def test_csv_lists_every_category(admin_08, client_for):
    response = client_for(admin_08).get("/registerforteckning/registerforteckning.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "registerforteckning-08.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Kategori"
    assert len(rows) == len(INVENTORY) + 1
    registration = next(r for r in rows if "events.Registration.email" in r[2])
    assert registration[7] == "365"


def test_profile_links_the_register_for_county_admins_only(admin_08, editor_08, client_for):
    assert "/registerforteckning/" in client_for(admin_08).get("/konto/").content.decode()
    assert "/registerforteckning/" not in client_for(editor_08).get("/konto/").content.decode()


def test_data_download_contains_the_persons_data_from_every_app(
    participant_0880, county_08, client_for
):
    event = make_event(county_08)
    event_services.registration_create(
        event_id=event.pk, name="Participant", email=participant_0880.email
    )
    SubscriberFactory(email=participant_0880.email.upper())
    LoginAttempt.objects.create(email=participant_0880.email)
    OutgoingEmail.objects.create(
        to=[participant_0880.email], subject="Välkommen", body_text="Hej", status="sent"
    )
    OutgoingEmail.objects.create(to=["other@example.se"], subject="Annan", body_text="Hej")

    data = json.loads(client_for(participant_0880).get("/konto/mina-uppgifter/").content)

    assert [r["event"] for r in data["event_registrations"]] == [event.title]
    assert data["newsletter_subscriptions"][0]["status"] == "confirmed"
    assert len(data["login_attempts"]) == 1
    assert [e["subject"] for e in data["emails"]] == [
        e.subject
        for e in OutgoingEmail.objects.filter(to__icontains=participant_0880.email).order_by(
            "created_at"
        )
    ]
    assert "Annan" not in [e["subject"] for e in data["emails"]]


def test_data_download_after_anonymisation_no_longer_lists_the_registration(
    participant_0880, county_08, client_for
):
    from samordna.events.models import Event

    event = make_event(county_08)
    event_services.registration_create(
        event_id=event.pk, name="Participant", email=participant_0880.email
    )
    end = timezone.now() - timedelta(days=400)
    Event.objects.filter(pk=event.pk).update(start=end - timedelta(hours=1), end=end)
    services.retention_run()
    data = json.loads(client_for(participant_0880).get("/konto/mina-uppgifter/").content)
    assert data["event_registrations"] == []


def test_a_county_admin_of_two_counties_chooses(county_06, county_08, client_for):
    from samordna.accounts import services as account_services
    from samordna.accounts.models import Role

    user = make_user("two@lst.example", Role.COUNTY_ADMIN, county=county_08)
    account_services.role_assign(actor=None, user=user, role=Role.COUNTY_ADMIN, county=county_06)
    response = client_for(user).get("/registerforteckning/?lan=06")
    assert response.status_code == 200
    assert response.context["county"] == county_06
    assert 'name="lan"' in response.content.decode()


def test_superuser_records_a_county_rule_in_the_admin_site(users, county_08, client_for):
    from samordna.core.models import AuditEntry
    from samordna.privacy.models import RetentionRule

    client = client_for(users["superuser"])
    assert client.get("/admin/privacy/retentionrule/add/").status_code == 200
    response = client.post(
        "/admin/privacy/retentionrule/add/",
        {
            "category": "events.registration",
            "county": county_08.pk,
            "days": 180,
            "decision": "Dnr 1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = RetentionRule.objects.get()
    assert (rule.county, rule.days) == (county_08, 180)
    assert AuditEntry.objects.filter(action="privacy.retention_rule.set").count() == 1
    # A category kept nationally cannot get a county rule.
    response = client.post(
        "/admin/privacy/retentionrule/add/",
        {"category": "accounts.login_attempt", "county": county_08.pk, "days": 5},
    )
    assert response.status_code == 200
    assert RetentionRule.objects.count() == 1
