from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from samordna.core.errors import Conflict, Gone, NotPermitted, ValidationFailed
from samordna.core.models import AuditEntry, OutgoingEmail
from samordna.events import services
from samordna.events.models import Event, Question, Registration
from samordna.organisations.models import Organisation

from .factories import make_event, register

pytestmark = pytest.mark.django_db

CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED


def statuses(event):
    return list(event.registrations.order_by("created_at", "pk").values_list("status", flat=True))


def test_registrations_beyond_capacity_go_to_the_waiting_list(county_08):
    event = make_event(county_08, capacity=3)
    register(event, 5)
    assert statuses(event) == [CONFIRMED] * 3 + [WAITLISTED] * 2
    assert services.seats_left(event) == 0


def test_same_email_cannot_register_twice_case_insensitively(county_08):
    event = make_event(county_08)
    services.registration_create(event_id=event.pk, name="Anna", email="anna@kalmar.se")
    with pytest.raises(Conflict) as excinfo:
        services.registration_create(event_id=event.pk, name="Anna", email="ANNA@Kalmar.se ")
    assert excinfo.value.field == "email"
    assert event.registrations.count() == 1


def test_cancelled_email_can_register_again(county_08):
    event = make_event(county_08)
    first = services.registration_create(event_id=event.pk, name="Anna", email="anna@kalmar.se")
    services.registration_cancel(registration_id=first.pk)
    again = services.registration_create(event_id=event.pk, name="Anna", email="anna@kalmar.se")
    assert again.status == CONFIRMED


def test_database_forbids_two_active_registrations_for_one_email(county_08):
    event = make_event(county_08)
    Registration.objects.create(event=event, name="A", email="a@x.se", status=CONFIRMED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, name="A", email="A@X.se", status=WAITLISTED)


def test_registration_after_deadline_is_gone(county_08):
    start = timezone.now() + timedelta(days=3)
    event = make_event(
        county_08, start=start, registration_deadline=timezone.now() + timedelta(minutes=1)
    )
    Event.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(Gone):
        services.registration_create(event_id=event.pk, name="Sen", email="sen@x.se")


def test_closed_or_unpublished_event_refuses_registration(county_08):
    closed = make_event(county_08, registration_closed=True)
    hidden = make_event(county_08, published=False)
    for event in (closed, hidden):
        with pytest.raises(Gone):
            services.registration_create(event_id=event.pk, name="X", email="x@x.se")


def test_bad_input_names_the_field(county_08):
    event = make_event(county_08)
    with pytest.raises(ValidationFailed) as excinfo:
        services.registration_create(event_id=event.pk, name="X", email="not-an-address")
    assert excinfo.value.field == "email"
    with pytest.raises(ValidationFailed) as excinfo:
        services.registration_create(event_id=event.pk, name=" ", email="a@b.se")
    assert excinfo.value.field == "name"


def test_cancellation_promotes_first_waitlisted_and_emails_them(
    county_08, django_capture_on_commit_callbacks
):
    event = make_event(county_08, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        first, _second, third, fourth = register(event, 4)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration_id=first.pk)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == CONFIRMED
    assert fourth.status == WAITLISTED
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[third.email].startswith("Du har fått en plats")
    assert third.email in subjects and first.email in subjects
    assert AuditEntry.objects.filter(action="events.registration.promoted").count() == 1


def test_cancelling_a_waitlisted_person_promotes_nobody(county_08):
    event = make_event(county_08, capacity=1)
    _a, b, c = register(event, 3)
    services.registration_cancel(registration_id=b.pk)
    c.refresh_from_db()
    assert c.status == WAITLISTED


def test_cancelling_twice_is_harmless(county_08):
    event = make_event(county_08, capacity=1)
    a, b, c = register(event, 3)
    services.registration_cancel(registration_id=a.pk)
    services.registration_cancel(registration_id=a.pk)
    assert statuses(event) == ["cancelled", CONFIRMED, WAITLISTED]


def test_seats_per_organisation_are_enforced_fairly(county_08):
    kalmar = Organisation.objects.get(code="0880")
    nybro = Organisation.objects.get(code="0881")
    event = make_event(county_08, capacity=4, capacity_per_organisation=2)
    k1, k2, k3 = register(event, 3, prefix="kalmar", organisation=kalmar)
    (n1,) = register(event, 1, prefix="nybro", organisation=nybro)
    assert [r.status for r in (k1, k2, k3, n1)] == [CONFIRMED, CONFIRMED, WAITLISTED, CONFIRMED]
    assert k1.municipality.code == "0880"
    # A free seat goes to the first in line who fits: Nybro's second person, not Kalmar's third.
    (n2,) = register(event, 1, prefix="nybro2", organisation=nybro)
    assert n2.status == CONFIRMED
    services.registration_cancel(registration_id=n1.pk)
    k3.refresh_from_db()
    assert k3.status == WAITLISTED
    (n3,) = register(event, 1, prefix="nybro3", organisation=nybro)
    assert n3.status == CONFIRMED


def test_seats_per_county_are_enforced(county_08):
    kalmar = Organisation.objects.get(code="0880")
    jonkoping = Organisation.objects.get(code="0680")
    event = make_event(county_08, capacity=10, capacity_per_county=1)
    (a,) = register(event, 1, prefix="a", organisation=kalmar)
    (b,) = register(event, 1, prefix="b", organisation=kalmar)
    (c,) = register(event, 1, prefix="c", organisation=jonkoping)
    assert [a.status, b.status, c.status] == [CONFIRMED, WAITLISTED, CONFIRMED]


def test_approval_flow(county_08, editor_08):
    event = make_event(county_08, capacity=1, requires_approval=True)
    a, b = register(event, 2)
    assert a.status == b.status == Registration.Status.PENDING_APPROVAL
    assert services.registration_approve(actor=editor_08, registration=a).status == CONFIRMED
    assert services.registration_approve(actor=editor_08, registration=b).status == WAITLISTED


def test_approval_needs_an_organiser(county_08, editor_06):
    event = make_event(county_08, requires_approval=True)
    (a,) = register(event, 1)
    with pytest.raises(NotPermitted):
        services.registration_approve(actor=editor_06, registration=a)


def test_moving_from_waiting_list_needs_a_reason_and_is_audited(county_08, editor_08):
    kalmar = Organisation.objects.get(code="0880")
    event = make_event(county_08, capacity=5, capacity_per_organisation=1)
    _k1, k2 = register(event, 2, prefix="k", organisation=kalmar)
    assert k2.status == WAITLISTED
    with pytest.raises(ValidationFailed):
        services.registration_move_from_waitlist(actor=editor_08, registration=k2, reason=" ")
    moved = services.registration_move_from_waitlist(
        actor=editor_08, registration=k2, reason="Ersätter sjuk kollega från socialtjänsten"
    )
    assert moved.status == CONFIRMED
    entry = AuditEntry.objects.get(action="events.registration.moved_from_waitlist")
    assert entry.data["reason"] == "Ersätter sjuk kollega från socialtjänsten"
    assert entry.actor == editor_08


def test_moving_from_waiting_list_never_overbooks(county_08, editor_08):
    event = make_event(county_08, capacity=1)
    _a, b = register(event, 2)
    with pytest.raises(Conflict):
        services.registration_move_from_waitlist(
            actor=editor_08, registration=b, reason="Viktig nyckelperson"
        )
    assert event.registrations.filter(status=CONFIRMED).count() == 1


def test_raising_capacity_promotes_in_order(county_08, editor_08):
    event = make_event(county_08, capacity=1)
    _a, b, c, d = register(event, 4)
    services.event_update(actor=editor_08, event=event, capacity=3)
    assert statuses(event) == [CONFIRMED, CONFIRMED, CONFIRMED, WAITLISTED]
    d.refresh_from_db()
    assert d.status == WAITLISTED


def test_confirmation_email_has_ics_and_cancel_link(county_08, django_capture_on_commit_callbacks):
    event = make_event(county_08, title="Våld i nära relationer – grundkurs")
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_create(
            event_id=event.pk, name="Berit", email="berit@kalmar.se"
        )
    (message,) = mail.outbox
    assert message.to == ["berit@kalmar.se"]
    assert "Våld i nära relationer" in message.subject
    assert f"http://testserver/kalender/avanmalan/{registration.cancel_token}/" in message.body
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    assert filename.endswith(".ics")
    assert mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "Våld i nära relationer" in content


def test_email_is_stored_in_the_outbox_even_when_sending_fails(county_08, settings):
    settings.EMAIL_BACKEND = "tests.events.failing_backend.FailingBackend"
    event = make_event(county_08)
    registration = services.registration_create(event_id=event.pk, name="A", email="a@x.se")
    assert Registration.objects.filter(pk=registration.pk).exists()
    assert OutgoingEmail.objects.filter(to=["a@x.se"]).exists()


def test_answers_are_validated_against_questions(county_08):
    event = make_event(county_08)
    diet = services.question_create(
        actor=None, event=event, label="Specialkost", kind=Question.Kind.TEXT, required=True
    )
    role = services.question_create(
        actor=None,
        event=event,
        label="Roll",
        kind=Question.Kind.CHOICE,
        choices="Socialsekreterare\nChef",
    )
    bus = services.question_create(
        actor=None, event=event, label="Buss?", kind=Question.Kind.YES_NO
    )
    with pytest.raises(ValidationFailed) as excinfo:
        services.registration_create(event_id=event.pk, name="A", email="a@x.se", answers={})
    assert excinfo.value.field == diet.key
    with pytest.raises(ValidationFailed) as excinfo:
        services.registration_create(
            event_id=event.pk,
            name="A",
            email="a@x.se",
            answers={diet.key: "Vegetarisk", role.key: "Kung"},
        )
    assert excinfo.value.field == role.key
    registration = services.registration_create(
        event_id=event.pk,
        name="A",
        email="a@x.se",
        answers={diet.key: "Vegetarisk", role.key: "Chef", bus.key: "ja"},
    )
    assert registration.answers == {diet.key: "Vegetarisk", role.key: "Chef", bus.key: True}


def test_consent_is_required_when_the_event_has_a_consent_text(county_08):
    event = make_event(county_08, consent_text="Vi sparar dina uppgifter i ett år.")
    with pytest.raises(ValidationFailed) as excinfo:
        services.registration_create(event_id=event.pk, name="A", email="a@x.se")
    assert excinfo.value.field == "consent"
    assert services.registration_create(
        event_id=event.pk, name="A", email="a@x.se", consent=True
    ).consent_given


def test_description_is_sanitised(county_08, editor_08):
    event = make_event(
        county_08,
        description='<p onclick="x()">Hej <script>alert(1)</script><strong>du</strong></p>'
        '<a href="javascript:alert(1)">länk</a><img src=x>',
    )
    assert "script" not in event.description
    assert "onclick" not in event.description
    assert "javascript" not in event.description
    assert "<img" not in event.description
    assert "<strong>du</strong>" in event.description


def test_sessions_drive_start_and_end(county_08, editor_08):
    event = make_event(county_08)
    later = event.start + timedelta(days=2)
    services.session_add(actor=editor_08, event=event, start=later, end=later + timedelta(hours=4))
    event.refresh_from_db()
    assert event.end == later + timedelta(hours=4)
    first = event.sessions.first()
    services.session_delete(actor=editor_08, session=first)
    event.refresh_from_db()
    assert event.start == later


def test_only_staff_of_the_county_create_events(county_08, editor_06):
    with pytest.raises(NotPermitted):
        make_event_as(editor_06, county_08)


def make_event_as(actor, county):
    start = timezone.now() + timedelta(days=5)
    return services.event_create(
        actor=actor,
        county=county,
        title="X",
        type=Event.Type.WEBINAR,
        format=Event.Format.DIGITAL,
        start=start,
        end=start + timedelta(hours=1),
    )


def test_end_before_start_is_refused(county_08, editor_08):
    start = timezone.now() + timedelta(days=5)
    with pytest.raises(ValidationFailed) as excinfo:
        services.event_create(
            actor=editor_08,
            county=county_08,
            title="X",
            type=Event.Type.WEBINAR,
            format=Event.Format.DIGITAL,
            start=start,
            end=start - timedelta(hours=1),
        )
    assert excinfo.value.field == "end"


def test_reminders_are_sent_once(county_08, django_capture_on_commit_callbacks):
    start = timezone.now() + timedelta(hours=30)
    soon = make_event(county_08, start=start, registration_deadline=start - timedelta(hours=1))
    later = make_event(county_08, start=timezone.now() + timedelta(days=20))
    register(soon, 2)
    register(later, 1, prefix="later")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", verbosity=0)
        call_command("send_event_reminders", verbosity=0)
    reminders = [m for m in mail.outbox if m.subject.startswith("Påminnelse")]
    assert sorted(m.to[0] for m in reminders) == ["person0@example.se", "person1@example.se"]
    soon.refresh_from_db()
    assert soon.reminder_sent_at is not None


def test_message_to_all_registrants(county_08, editor_08, django_capture_on_commit_callbacks):
    event = make_event(county_08, capacity=1)
    register(event, 2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = services.event_message_registrants(
            actor=editor_08, event=event, subject="Ny lokal", body="Vi ses i sal B."
        )
    assert count == 1
    assert [m.subject for m in mail.outbox] == ["Ny lokal"]


def test_attendance_and_evaluation(county_08, editor_08, django_capture_on_commit_callbacks):
    start = timezone.now() - timedelta(days=2)
    event = make_event(county_08, registration_deadline=start - timedelta(days=1), start=start)
    a = Registration.objects.create(event=event, name="A", email="a@x.se", status=CONFIRMED)
    b = Registration.objects.create(event=event, name="B", email="b@x.se", status=CONFIRMED)
    services.attendance_record(actor=editor_08, event=event, attended_ids=[a.pk])
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.attended and not b.attended
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.event_send_evaluation(actor=editor_08, event=event) == 1
    assert mail.outbox[0].to == ["a@x.se"]
    assert f"/kalender/utvardering/{a.cancel_token}/" in mail.outbox[0].body
    assert f"/kalender/intyg/{a.cancel_token}/" in mail.outbox[0].body
    with pytest.raises(Conflict):
        services.event_send_evaluation(actor=editor_08, event=event)
    services.evaluation_submit(registration=a, overall=5, content=4, usefulness=3, comment="Bra")
    with pytest.raises(Conflict):
        services.evaluation_submit(registration=a, overall=1, content=1, usefulness=1)
