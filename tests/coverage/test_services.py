"""Writes: validation, county rules and one audit entry per change."""

import datetime

import pytest
from django.utils import timezone

from samordna.core.errors import Conflict, ValidationFailed
from samordna.core.models import AuditEntry
from samordna.coverage import services
from samordna.coverage.models import CoverageGoal, CoverageItem, CoverageRecord

from .factories import at, event_held, make_goal, make_item, organisation

pytestmark = pytest.mark.django_db


def test_item_create_links_events_and_logs(county_08, editor_08):
    event = event_held(county_08, start=at(2023, 5, 1))
    item = services.item_create(
        actor=editor_08,
        county=county_08,
        name="  En kommun fri från våld ",
        kind=CoverageItem.Kind.PROCESS,
        events=[event],
        support_process="kommun_fri_fran_vald",
    )
    assert item.name == "En kommun fri från våld"
    assert list(item.events.all()) == [event]
    entry = AuditEntry.objects.get(action="coverage.item.created")
    assert entry.actor == editor_08 and entry.county_code == "08"


def test_item_name_is_unique_per_county(county_08, county_06):
    make_item(county_08, "Webbkurs om våld")
    with pytest.raises(ValidationFailed) as error:
        make_item(county_08, "webbkurs om VÅLD")
    assert error.value.field == "name"
    make_item(county_06, "Webbkurs om våld")  # another county may use the same name


def test_item_cannot_count_another_countys_event(county_08, county_06):
    event = event_held(county_06, start=at(2023, 5, 1))
    with pytest.raises(ValidationFailed) as error:
        make_item(county_08, events=[event])
    assert error.value.field == "events"
    assert not CoverageItem.objects.exists()


def test_item_update_records_changes(county_08, editor_08):
    item = make_item(county_08)
    event = event_held(county_08, start=at(2023, 5, 1))
    services.item_update(actor=editor_08, item=item, name="Ny", events=[event])
    item.refresh_from_db()
    assert item.name == "Ny" and list(item.events.all()) == [event]
    changes = AuditEntry.objects.get(action="coverage.item.updated").data["changes"]
    assert changes["name"] == {"before": "En kommun fri från våld", "after": "Ny"}
    assert changes["events"] == {"before": [], "after": [event.pk]}


def test_item_delete_takes_goals_and_records(county_08, editor_08):
    item = make_item(county_08)
    make_goal(item)
    services.record_create(
        actor=editor_08,
        item=item,
        organisation=organisation("0880"),
        completed_on=datetime.date(2023, 1, 1),
    )
    services.item_delete(actor=editor_08, item=item)
    assert not CoverageGoal.objects.exists() and not CoverageRecord.objects.exists()
    assert AuditEntry.objects.get(action="coverage.item.deleted").data["records"] == 1


def test_goal_rules(county_08, county_06, editor_08):
    item = make_item(county_08)
    goal = make_goal(item, 2024)
    with pytest.raises(ValidationFailed):
        make_goal(item, 2024)  # the same goal twice
    with pytest.raises(ValidationFailed) as error:
        services.goal_create(actor=editor_08, county=county_06, item=item, target_year=2024)
    assert error.value.field == "item"
    with pytest.raises(ValidationFailed) as error:
        services.goal_update(actor=editor_08, goal=goal, target_year=1999)
    assert error.value.field == "target_year"
    services.goal_update(actor=editor_08, goal=goal, target_year=2025)
    goal.refresh_from_db()
    assert goal.target_year == 2025
    services.goal_delete(actor=editor_08, goal=goal)
    assert CoverageItem.objects.filter(pk=item.pk).exists()
    assert AuditEntry.objects.filter(action__startswith="coverage.goal.").count() == 3


def test_record_rules(county_08, editor_08):
    item = make_item(county_08)
    with pytest.raises(ValidationFailed) as error:
        services.record_create(
            actor=editor_08,
            item=item,
            organisation=organisation("0680"),  # Jönköping: another county
            completed_on=datetime.date(2023, 1, 1),
        )
    assert error.value.field == "organisation"
    with pytest.raises(ValidationFailed) as error:
        services.record_create(
            actor=editor_08,
            item=item,
            organisation=organisation("0880"),
            completed_on=timezone.localdate() + datetime.timedelta(days=2),
        )
    assert error.value.field == "completed_on"
    record = services.record_create(
        actor=editor_08,
        item=item,
        organisation=organisation("0880"),
        completed_on=datetime.date(2023, 1, 1),
    )
    assert record.recorded_by == editor_08
    with pytest.raises(Conflict):
        services.record_create(
            actor=editor_08,
            item=item,
            organisation=organisation("0880"),
            completed_on=datetime.date(2023, 2, 1),
        )
    services.record_delete(actor=editor_08, record=record)
    assert not CoverageRecord.objects.exists()
    assert AuditEntry.objects.filter(action="coverage.record.deleted").count() == 1
