"""Rules of the support services: validation with Swedish messages naming the field, nothing
stored on failure, one audit entry per change."""

import datetime

import pytest
from django.utils import timezone

from samordna.core.errors import ValidationFailed
from samordna.core.models import AuditEntry
from samordna.organisations.models import Organisation
from samordna.support import services
from samordna.support.models import ActorVisit, Need, SupportEngagement

from .factories import EngagementFactory, NeedFactory, VisitFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_engagement_create_stores_staff_and_writes_an_audit_entry(
    editor_08, county_08, kalmar_municipality
):
    engagement = services.engagement_create(
        actor=editor_08,
        county=county_08,
        organisation=kalmar_municipality,
        title="En kommun fri från våld",
        process=SupportEngagement.Process.MUNICIPALITY_FREE_FROM_VIOLENCE,
        start_date=D(2020, 9, 1),
        end_date=D(2021, 6, 15),
        status=SupportEngagement.Status.COMPLETED,
        staff=[editor_08],
    )
    assert list(engagement.staff.all()) == [editor_08]
    entry = AuditEntry.objects.get(action="support.engagement.created")
    assert entry.actor == editor_08
    assert entry.county_code == "08"
    assert entry.object_id == str(engagement.pk)


def test_engagement_end_before_start_is_refused_in_swedish(
    editor_08, county_08, kalmar_municipality, settings
):
    settings.LANGUAGE_CODE = "sv"
    with pytest.raises(ValidationFailed) as exc:
        services.engagement_create(
            actor=editor_08,
            county=county_08,
            organisation=kalmar_municipality,
            title="Processtöd",
            start_date=D(2022, 5, 1),
            end_date=D(2022, 4, 1),
        )
    assert exc.value.field == "end_date"
    assert "Slutdatum" in str(exc.value.message)
    assert not SupportEngagement.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="support.").exists()


def test_organisation_of_another_county_is_refused(editor_08, county_08):
    jonkoping = Organisation.objects.get(code="0680")
    with pytest.raises(ValidationFailed) as exc:
        services.visit_create(
            actor=editor_08, county=county_08, organisation=jonkoping, visit_date=D(2022, 3, 1)
        )
    assert exc.value.field == "organisation"
    assert not ActorVisit.objects.exists()


def test_responsible_staff_must_work_at_the_county_board(
    editor_08, editor_06, county_08, kalmar_municipality
):
    with pytest.raises(ValidationFailed) as exc:
        services.engagement_create(
            actor=editor_08,
            county=county_08,
            organisation=kalmar_municipality,
            title="Processtöd",
            start_date=D(2022, 1, 1),
            staff=[editor_06],
        )
    assert exc.value.field == "staff"


def test_completed_engagement_needs_an_end_date(editor_08, county_08, kalmar_municipality):
    with pytest.raises(ValidationFailed) as exc:
        services.engagement_create(
            actor=editor_08,
            county=county_08,
            organisation=kalmar_municipality,
            title="Processtöd",
            start_date=D(2022, 1, 1),
            status=SupportEngagement.Status.COMPLETED,
        )
    assert exc.value.field == "end_date"


def test_visit_more_than_a_year_ahead_is_refused(editor_08, county_08, kalmar_municipality):
    too_late = timezone.localdate() + datetime.timedelta(days=400)
    with pytest.raises(ValidationFailed) as exc:
        services.visit_create(
            actor=editor_08, county=county_08, organisation=kalmar_municipality, visit_date=too_late
        )
    assert exc.value.field == "visit_date"
    next_month = timezone.localdate() + datetime.timedelta(days=30)
    visit = services.visit_create(
        actor=editor_08, county=county_08, organisation=kalmar_municipality, visit_date=next_month
    )
    assert visit.pk


def test_follow_up_before_the_visit_is_refused(editor_08, county_08, kalmar_municipality):
    with pytest.raises(ValidationFailed) as exc:
        services.visit_create(
            actor=editor_08,
            county=county_08,
            organisation=kalmar_municipality,
            visit_date=D(2022, 3, 10),
            follow_up_date=D(2022, 3, 1),
        )
    assert exc.value.field == "follow_up_date"


def test_failed_update_changes_nothing_stored(editor_08):
    visit = VisitFactory()
    with pytest.raises(ValidationFailed):
        services.visit_update(
            actor=editor_08,
            visit=visit,
            topic="Ändrat",
            visit_date=D(2022, 3, 10),
            follow_up_date=D(2021, 1, 1),
        )
    visit.refresh_from_db()
    assert visit.topic != "Ändrat"
    assert not AuditEntry.objects.filter(action="support.visit.updated").exists()


def test_visit_update_records_before_and_after(editor_08):
    visit = VisitFactory(topic="Före")
    services.visit_update(actor=editor_08, visit=visit, topic="Efter", staff=[editor_08])
    entry = AuditEntry.objects.get(action="support.visit.updated")
    assert entry.data["changes"]["topic"] == {"before": "Före", "after": "Efter"}
    assert entry.data["changes"]["staff"]["after"] == [editor_08.pk]


def test_need_in_the_future_is_refused(editor_08, county_08, kalmar_municipality):
    with pytest.raises(ValidationFailed) as exc:
        services.need_create(
            actor=editor_08,
            county=county_08,
            raised_by=kalmar_municipality,
            category=Need.Category.CHILDREN,
            title="Behov",
            description="Beskrivning",
            raised_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert exc.value.field == "raised_on"


def test_need_linked_to_a_visit_of_another_county_is_refused(
    editor_08, county_08, kalmar_municipality
):
    visit_06 = VisitFactory(county=county_08.__class__.objects.get(code="06"))
    visit_06.organisation = Organisation.objects.get(code="0680")
    visit_06.save()
    with pytest.raises(ValidationFailed) as exc:
        services.need_create(
            actor=editor_08,
            county=county_08,
            raised_by=kalmar_municipality,
            category=Need.Category.CHILDREN,
            title="Behov",
            description="Beskrivning",
            raised_on=D(2022, 4, 1),
            source=Need.Source.VISIT,
            visit=visit_06,
        )
    assert exc.value.field == "visit"


def test_closing_a_need_requires_the_county_response(editor_08):
    need = NeedFactory()
    with pytest.raises(ValidationFailed) as exc:
        services.need_update(actor=editor_08, need=need, status=Need.Status.CLOSED)
    assert exc.value.field == "response"
    services.need_update(
        actor=editor_08, need=need, status=Need.Status.CLOSED, response="Utbildning erbjuden."
    )
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED


def test_forwarding_stamps_the_time_and_needs_a_note(editor_08):
    need = NeedFactory()
    with pytest.raises(ValidationFailed) as exc:
        services.need_update(actor=editor_08, need=need, forward_to_national=True)
    assert exc.value.field == "forwarding_note"
    need.refresh_from_db()
    assert need.forward_to_national is False

    services.need_update(
        actor=editor_08,
        need=need,
        forward_to_national=True,
        forwarding_note="Återkommande behov i länet.",
        national_theme=" Stadigvarande boende ",
    )
    need.refresh_from_db()
    assert need.forwarded_at is not None
    assert need.national_theme == "Stadigvarande boende"
    assert AuditEntry.objects.filter(action="support.need.forwarded").count() == 1

    services.need_update(actor=editor_08, need=need, forward_to_national=False)
    need.refresh_from_db()
    assert need.forwarded_at is None
    assert AuditEntry.objects.filter(action="support.need.forwarding_withdrawn").count() == 1


def test_forwarded_at_from_an_import_must_follow_raised_on(
    editor_08, county_08, kalmar_municipality
):
    with pytest.raises(ValidationFailed) as exc:
        services.need_create(
            actor=editor_08,
            county=county_08,
            raised_by=kalmar_municipality,
            category=Need.Category.OTHER,
            title="Behov",
            description="Beskrivning",
            raised_on=D(2022, 4, 1),
            forward_to_national=True,
            forwarding_note="Not",
            forwarded_at=timezone.make_aware(datetime.datetime(2022, 3, 1, 10)),
        )
    assert exc.value.field == "forwarded_at"
    assert not Need.objects.exists()


def test_deleting_a_visit_keeps_its_needs_without_the_link(editor_08):
    visit = VisitFactory()
    need = NeedFactory(visit=visit, source=Need.Source.VISIT)
    services.visit_delete(actor=editor_08, visit=visit)
    need.refresh_from_db()
    assert need.visit is None
    entry = AuditEntry.objects.get(action="support.visit.deleted")
    assert entry.data["needs_unlinked"] == 1


def test_engagement_and_need_deletion_are_audited(editor_08):
    engagement = EngagementFactory()
    need = NeedFactory()
    services.engagement_delete(actor=editor_08, engagement=engagement)
    services.need_delete(actor=editor_08, need=need)
    assert not SupportEngagement.objects.exists()
    assert not Need.objects.exists()
    assert set(
        AuditEntry.objects.filter(action__endswith=".deleted").values_list("action", flat=True)
    ) == {"support.engagement.deleted", "support.need.deleted"}
