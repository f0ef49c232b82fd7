from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samordna.core.models import AuditEntry
from samordna.events import services
from samordna.events.models import Event, Question, Registration

from .factories import make_event, register

pytestmark = pytest.mark.django_db


def test_calendar_lists_published_events_with_seats_left(client, county_08, county_06):
    event = make_event(county_08, title="FREDA-utbildning Kalmar", capacity=5)
    register(event, 2)
    make_event(county_08, title="Hemligt utkast", published=False)
    make_event(county_06, title="Webbinarium Jönköping", type=Event.Type.WEBINAR)
    response = client.get("/kalender/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "FREDA-utbildning Kalmar" in body
    assert "3 platser kvar" in body
    assert "Hemligt utkast" not in body
    assert "Webbinarium Jönköping" in body


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("?county=06", "Webbinarium Jönköping", "FREDA Kalmar"),
        ("?type=webinar", "Webbinarium Jönköping", "FREDA Kalmar"),
        ("?format=digital", "Webbinarium Jönköping", "FREDA Kalmar"),
        ("?q=freda", "FREDA Kalmar", "Webbinarium Jönköping"),
        ("?target_group=manager", "FREDA Kalmar", "Webbinarium Jönköping"),
    ],
)
def test_calendar_filters(client, county_08, county_06, query, expected, absent):
    make_event(county_08, title="FREDA Kalmar", target_groups=["specialist", "manager"])
    make_event(
        county_06,
        title="Webbinarium Jönköping",
        type=Event.Type.WEBINAR,
        format=Event.Format.DIGITAL,
        target_groups="generalist",
    )
    body = client.get("/kalender/" + query).content.decode()
    assert expected in body
    assert absent not in body


def test_co_organised_event_is_listed_for_each_county(client, county_08, county_06):
    make_event(county_08, title="Gemensam konferens", co_organising_counties=[county_06])
    assert "Gemensam konferens" in client.get("/kalender/?county=06").content.decode()


def test_month_view_is_a_table_and_archive_shows_past(client, county_08):
    start = timezone.now() + timedelta(days=3)
    make_event(county_08, title="Nätverksträff", start=start, registration_deadline=None)
    past_start = timezone.now() - timedelta(days=40)
    make_event(county_08, title="Gammal utbildning", start=past_start, registration_deadline=None)
    month = timezone.localtime(start).strftime("%Y-%m")
    body = client.get(f"/kalender/manad/?month={month}").content.decode()
    assert "<table" in body and "Nätverksträff" in body
    assert "Gammal utbildning" not in client.get("/kalender/").content.decode()
    assert "Gammal utbildning" in client.get("/kalender/arkiv/").content.decode()


def test_bad_month_does_not_crash(client):
    response = client.get("/kalender/manad/?month=2026-13")
    assert response.status_code == 200


def test_register_without_javascript_and_cancel_by_link(
    client, county_08, django_capture_on_commit_callbacks
):
    event = make_event(county_08, capacity=1, consent_text="Uppgifterna sparas i ett år.")
    question = services.question_create(
        actor=None, event=event, label="Specialkost", kind=Question.Kind.TEXT
    )
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'name="consent"' in page and "Specialkost" in page and "1 av 1 plats" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            event.get_absolute_url(),
            {
                "name": "Anna Andersson",
                "email": "anna@kalmar.se",
                "organisation": "",
                "organisation_name": "Kvinnojouren",
                question.key: "Vegetarisk",
                "consent": "on",
            },
        )
    first = Registration.objects.get(email="anna@kalmar.se")
    assert response.status_code == 302
    assert response["Location"] == f"/kalender/anmalan/{first.cancel_token}/"
    assert first.status == Registration.Status.CONFIRMED
    assert first.answers == {question.key: "Vegetarisk"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            event.get_absolute_url(),
            {"name": "Bo", "email": "bo@kalmar.se", "consent": "on"},
        )
    second = Registration.objects.get(email="bo@kalmar.se")
    assert second.status == Registration.Status.WAITLISTED
    cancel_url = first.get_cancel_url()
    assert cancel_url in mail.outbox[0].body
    confirm_page = client.get(cancel_url)
    assert "Ja, avboka min anmälan" in confirm_page.content.decode()
    first.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED  # GET changes nothing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CANCELLED
    assert second.status == Registration.Status.CONFIRMED
    assert "bo@kalmar.se" in [m.to[0] for m in mail.outbox]


def test_form_errors_are_shown_on_the_form(client, county_08):
    event = make_event(county_08, consent_text="Villkor")
    services.registration_create(
        event_id=event.pk, name="Anna", email="anna@kalmar.se", consent=True
    )
    response = client.post(
        event.get_absolute_url(), {"name": "Anna", "email": "ANNA@kalmar.se", "consent": "on"}
    )
    assert response.status_code == 200
    assert "redan anmäld" in response.content.decode()
    response = client.post(event.get_absolute_url(), {"name": "", "email": "x"})
    body = response.content.decode()
    assert "Ange ditt namn" in body


def test_closed_event_shows_closed_and_refuses_post(client, county_08):
    event = make_event(county_08, registration_closed=True)
    response = client.get(event.get_absolute_url())
    assert "Anmälan till evenemanget är stängd" in response.content.decode()
    response = client.post(event.get_absolute_url(), {"name": "A", "email": "a@x.se"})
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_event_ics_and_feed(client, county_08, county_06):
    event = make_event(county_08, title="FREDA kortversion", co_organising_counties=[county_06])
    response = client.get(f"/kalender/{event.pk}/kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert b"FREDA kortversion" in response.content
    feed = client.get("/api/v1/events.ics?county=06")
    assert feed.status_code == 200
    assert b"BEGIN:VCALENDAR" in feed.content and b"FREDA kortversion" in feed.content
    assert b"FREDA kortversion" not in client.get("/api/v1/events.ics?county=01").content


def test_staff_create_event_with_sessions_and_questions(client_for, editor_08, county_08):
    client = client_for(editor_08)
    start = timezone.localtime(timezone.now() + timedelta(days=30)).replace(second=0, microsecond=0)
    response = client.post(
        "/kalender/ny/",
        {
            "title": "En kommun fri från våld – processutbildning",
            "type": "training",
            "format": "hybrid",
            "county": county_08.pk,
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": (start + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"),
            "description": "<p>Dag 1</p><script>x</script>",
            "target_groups": ["strategist", "manager"],
            "visibility": "public",
            "published": "on",
            "capacity": "30",
            "capacity_per_organisation": "2",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert event.description == "<p>Dag 1</p>"
    assert event.target_group_list == ["strategist", "manager"]
    day2 = start + timedelta(days=1)
    client.post(
        f"/kalender/{event.pk}/pass/",
        {
            "start": day2.strftime("%Y-%m-%dT%H:%M"),
            "end": (day2 + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    event.refresh_from_db()
    assert event.sessions.count() == 2
    assert event.end == day2 + timedelta(hours=6)
    client.post(
        f"/kalender/{event.pk}/fragor/",
        {"label": "Roll", "kind": "choice", "choices": "Chef\nStrateg", "required": "on"},
    )
    assert event.questions.get().choice_list == ["Chef", "Strateg"]
    response = client.post(
        f"/kalender/{event.pk}/redigera/",
        {
            "title": "Ny titel",
            "type": "training",
            "format": "hybrid",
            "visibility": "public",
            "capacity": "abc",
        },
    )
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.title != "Ny titel"


def test_registration_list_print_export_and_attendance(client_for, editor_08, county_08):
    event = make_event(county_08, capacity=2)
    a, b, c = register(event, 3)
    client = client_for(editor_08)
    body = client.get(f"/kalender/{event.pk}/anmalningar/").content.decode()
    assert "Person 0" in body and "Väntelista" in body
    printed = client.get(f"/kalender/{event.pk}/anmalningar/utskrift/").content.decode()
    assert "Person 1" in printed and "Person 2" not in printed
    csv = client.get(f"/kalender/{event.pk}/anmalningar/export.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "person2@example.se" in csv.content.decode("utf-8-sig")
    xlsx = client.get(f"/kalender/{event.pk}/anmalningar/export.xlsx")
    assert xlsx.content[:2] == b"PK"
    assert client.get(f"/kalender/{event.pk}/anmalningar/export.pdf").status_code == 404
    client.post(f"/kalender/{event.pk}/narvaro/", {"attended": [str(a.pk)]})
    a.refresh_from_db()
    assert a.attended
    pdf = client.get(f"/kalender/{event.pk}/anmalningar/{a.pk}/intyg/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(f"/kalender/{event.pk}/anmalningar/{b.pk}/intyg/").status_code == 404
    assert client.get(f"/kalender/intyg/{a.cancel_token}/").status_code == 200
    assert client.get(f"/kalender/intyg/{b.cancel_token}/").status_code == 404


def test_move_from_waiting_list_requires_reason(client_for, editor_08, county_08):
    event = make_event(county_08, capacity=1)
    a, b = register(event, 2)
    client = client_for(editor_08)
    response = client.post(f"/kalender/{event.pk}/anmalningar/{b.pk}/flytta/", {"reason": ""})
    assert response.status_code == 200
    services.registration_cancel(registration_id=a.pk)  # promotes b automatically
    b.refresh_from_db()
    assert b.status == Registration.Status.CONFIRMED


def test_approve_and_message(client_for, editor_08, county_08, django_capture_on_commit_callbacks):
    event = make_event(county_08, requires_approval=True)
    (a,) = register(event, 1)
    client = client_for(editor_08)
    client.post(f"/kalender/{event.pk}/anmalningar/{a.pk}/godkann/")
    a.refresh_from_db()
    assert a.status == Registration.Status.CONFIRMED
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/kalender/{event.pk}/meddelande/", {"subject": "Välkommen", "body": "Kaffe 8.30"}
        )
    assert [m.subject for m in mail.outbox] == ["Välkommen"]
    assert AuditEntry.objects.filter(action="events.event.message_sent").exists()


def test_evaluation_form_and_results(client, client_for, editor_08, county_08):
    start = timezone.now() - timedelta(days=3)
    event = make_event(county_08, start=start, registration_deadline=None)
    a = Registration.objects.create(
        event=event, name="A", email="a@x.se", status=Registration.Status.CONFIRMED
    )
    url = f"/kalender/utvardering/{a.cancel_token}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"overall": "5", "content": "4", "usefulness": "3", "comment": "Mycket bra"}
    )
    assert response.status_code == 302
    results = client_for(editor_08).get(f"/kalender/{event.pk}/utvardering/").content.decode()
    assert "Mycket bra" in results
    assert "5,0" in results or "5.0" in results
