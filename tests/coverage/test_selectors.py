"""Derivation rules: what counts as completed, from which source, by the end of which year."""

import datetime

import pytest

from samordna.coverage import selectors, services
from samordna.coverage.models import CoverageGoal, CoverageItem
from samordna.organisations.models import Organisation
from samordna.plans import services as plan_services
from samordna.plans.models import ActionPlan, Activity
from samordna.strategy import services as strategy_services
from samordna.support.models import SupportEngagement
from tests.support.factories import EngagementFactory

from .factories import at, attend, event_held, make_goal, make_item, organisation

pytestmark = pytest.mark.django_db


def row_for(coverage, code: str):
    return next(r for r in coverage.rows if r.organisation.code == code)


def completion(code: str, item, year: int):
    coverage = selectors.coverage_for_county(item.county, year)
    status = next(s for s in row_for(coverage, code).items if s.item == item)
    return status.completion


def test_rows_are_the_municipalities_then_the_region(county_08):
    coverage = selectors.coverage_for_county(county_08, 2024)
    kinds = [row.organisation.kind for row in coverage.rows]
    assert kinds.count(Organisation.Kind.MUNICIPALITY) == 12
    assert kinds[-1] == Organisation.Kind.REGION
    assert all(row.organisation.county_id == county_08.pk for row in coverage.rows)


def test_attendance_at_a_linked_event_completes_the_item_in_the_year_it_ended(county_08):
    event = event_held(county_08, start=at(2023, 5, 10))
    item = make_item(county_08, events=[event])
    attend(event, organisation("0880"))
    assert completion("0880", item, 2022) is None
    found = completion("0880", item, 2023)
    assert found.year == 2023
    assert found.source == selectors.Source.ATTENDANCE
    assert found.url == f"/kalender/{event.pk}/"
    assert completion("0880", item, 2025).year == 2023
    assert completion("0881", item, 2025) is None


def test_registration_without_attendance_does_not_count(county_08):
    event = event_held(county_08, start=at(2023, 5, 10))
    item = make_item(county_08, events=[event])
    attend(event, organisation("0880"), attended=False)
    assert completion("0880", item, 2024) is None


def test_event_not_linked_to_the_item_does_not_count(county_08):
    linked = event_held(county_08, start=at(2023, 5, 10), title="Länkad")
    other = event_held(county_08, start=at(2023, 6, 10), title="Annan")
    item = make_item(county_08, events=[linked])
    attend(other, organisation("0880"))
    assert completion("0880", item, 2024) is None


def test_year_boundary_is_new_year_in_stockholm(county_08):
    # Ends 23:30 on 31 December in Stockholm (22:30 UTC): counts for that year.
    late = event_held(county_08, start=at(2023, 12, 31, 20, 30), title="Nyårsafton")
    # Starts in December but ends after midnight: the training is completed the next year.
    across = event_held(county_08, start=at(2023, 12, 31, 22, 0), title="Över nyår", hours=4)
    item_late = make_item(county_08, "Sent", events=[late])
    item_across = make_item(county_08, "Över årsskiftet", events=[across])
    attend(late, organisation("0880"))
    attend(across, organisation("0880"))
    assert completion("0880", item_late, 2023).year == 2023
    assert completion("0880", item_across, 2023) is None
    assert completion("0880", item_across, 2024).date == datetime.date(2024, 1, 1)


def test_first_completion_wins_across_sources(county_08):
    event = event_held(county_08, start=at(2024, 3, 1))
    item = make_item(
        county_08,
        kind=CoverageItem.Kind.PROCESS,
        events=[event],
        support_process=SupportEngagement.Process.MUNICIPALITY_FREE_FROM_VIOLENCE,
    )
    attend(event, organisation("0880"))
    engagement = EngagementFactory(end_date=datetime.date(2022, 12, 15))
    found = completion("0880", item, 2024)
    assert found.source == selectors.Source.PROCESS_SUPPORT
    assert found.year == 2022
    assert found.url == f"/stod/processtod/{engagement.pk}/"


def test_only_completed_process_support_of_the_items_process_counts(county_08):
    item = make_item(
        county_08,
        kind=CoverageItem.Kind.PROCESS,
        support_process=SupportEngagement.Process.MUNICIPALITY_FREE_FROM_VIOLENCE,
    )
    EngagementFactory(status=SupportEngagement.Status.ONGOING, end_date=None)
    EngagementFactory(
        organisation=organisation("0881"), process=SupportEngagement.Process.METHOD_SUPPORT
    )
    assert completion("0880", item, 2026) is None
    assert completion("0881", item, 2026) is None
    EngagementFactory(organisation=organisation("0882"), end_date=datetime.date(2023, 1, 31))
    assert completion("0882", item, 2022) is None
    assert completion("0882", item, 2023).year == 2023


def test_manual_record_counts_from_its_date(county_08, editor_08):
    item = make_item(county_08, "Webbkurs om våld", kind=CoverageItem.Kind.WEB_COURSE)
    record = services.record_create(
        actor=editor_08,
        item=item,
        organisation=organisation("REG08"),
        completed_on=datetime.date(2023, 9, 1),
        note="Ingår i regionens introduktion.",
    )
    assert completion("REG08", item, 2022) is None
    found = completion("REG08", item, 2023)
    assert found.source == selectors.Source.RECORD
    assert found.url.endswith(f"#registrering-{record.pk}")


def test_base_course_in_introduction_training_counts(county_08):
    plan = ActionPlan.objects.create(
        county=county_08, year=2022, kind=ActionPlan.Kind.COMPETENCE, title="Plan"
    )
    area = plan.areas.create(name="Baskunskap")
    course = Activity.objects.create(
        plan=plan, area=area, kind=Activity.ItemKind.WEB_COURSE, title="Webbkurs om våld"
    )
    item = make_item(
        county_08,
        "Webbkurs om våld",
        kind=CoverageItem.Kind.WEB_COURSE,
        introduction_courses=[course],
    )
    plan_services.introduction_courses_set(
        actor=None, organisation=organisation("0880"), courses=[course]
    )
    this_year = selectors.current_year()
    found = completion("0880", item, this_year)
    assert found.source == selectors.Source.INTRODUCTION
    assert completion("0880", item, this_year - 1) is None
    row = row_for(selectors.coverage_for_county(county_08, this_year), "0880")
    assert row.introduction_courses == ["Webbkurs om våld"]


def test_goal_cells_apply_by_audience(county_08):
    item = make_item(county_08)
    municipalities = make_goal(item, 2024, CoverageGoal.Audience.MUNICIPALITIES)
    region = make_goal(item, 2025, CoverageGoal.Audience.REGIONS)
    coverage = selectors.coverage_for_county(county_08, 2024)
    kalmar = row_for(coverage, "0880")
    reg = row_for(coverage, "REG08")
    assert [c.applies for c in kalmar.cells] == [True, False]
    assert [c.applies for c in reg.cells] == [False, True]
    assert [c.goal for c in kalmar.cells] == [municipalities, region]
    assert kalmar.goals_total == 1 and kalmar.share == 0


def test_goal_progress_counts_this_and_previous_year(county_08):
    event_2022 = event_held(county_08, start=at(2022, 4, 1), title="2022")
    event_2023 = event_held(county_08, start=at(2023, 4, 1), title="2023")
    item = make_item(county_08, events=[event_2022, event_2023])
    goal = make_goal(item, 2024)
    attend(event_2022, organisation("0880"), n=3)
    attend(event_2023, organisation("0881"))
    attend(event_2023, organisation("0880"))  # already counted in 2022
    attend(event_2023, organisation("REG08"))  # not in the goal's audience
    [progress] = selectors.coverage_goal_progress(county_08, 2023)
    assert isinstance(progress, selectors.GoalProgress)
    assert progress.goal == goal
    assert (progress.achieved, progress.total, progress.achieved_previous_year) == (2, 12, 1)
    assert progress.url == f"/tackning/lan/08/?ar=2023&mal={goal.pk}"


def test_affiliation_survey_and_support_columns(county_08):
    strategy = strategy_services.strategy_create(
        actor=None, county=county_08, name="Strategi", period_start_year=2020, period_end_year=2026
    )
    strategy_services.affiliation_create(
        actor=None,
        strategy=strategy,
        organisation=organisation("0880"),
        declaration_date=datetime.date(2022, 6, 1),
    )
    EngagementFactory(start_date=datetime.date(2023, 2, 1), end_date=datetime.date(2023, 6, 1))
    row_2021 = row_for(selectors.coverage_for_county(county_08, 2021), "0880")
    row_2023 = row_for(selectors.coverage_for_county(county_08, 2023), "0880")
    assert row_2021.affiliation is None and row_2021.support == []
    assert row_2023.affiliation is not None and len(row_2023.support) == 1
    assert row_2023.survey_submitted is False


def test_national_coverage_share_per_municipality(county_08, county_06):
    event = event_held(county_08, start=at(2023, 4, 1))
    item = make_item(county_08, events=[event])
    make_goal(item, 2024)
    other = make_item(county_08, "Webbkurs om våld", kind=CoverageItem.Kind.WEB_COURSE)
    make_goal(other, 2026, CoverageGoal.Audience.ALL)
    attend(event, organisation("0880"))
    national = selectors.national_coverage(2023)
    assert len(national.rows) == 290
    by_code = {row.municipality.code: row for row in national.rows}
    assert (by_code["0880"].achieved, by_code["0880"].total) == (1, 2)
    assert by_code["0880"].value == 50
    assert by_code["0881"].value == 0
    assert by_code["0680"].total == 0 and by_code["0680"].value is None
    kalmar = next(c for c in national.counties if c.county.code == "08")
    assert (kalmar.achieved, kalmar.total, kalmar.municipalities) == (1, 24, 12)
    by_name = selectors.national_coverage(2023, "en kommun fri från våld")
    assert {r.municipality.code for r in by_name.rows if r.total} == {
        m.code for m in county_08.municipalities.all()
    }
    assert selectors.national_coverage(2022, item).rows[0].achieved == 0


def test_matrix_queries_do_not_grow_with_organisations_or_years(
    county_08, django_assert_max_num_queries
):
    event = event_held(county_08, start=at(2023, 5, 10))
    item = make_item(county_08, events=[event], support_process="kommun_fri_fran_vald")
    make_goal(item)
    for code in ("0880", "0881", "0882", "0883"):
        attend(event, organisation(code))
    with django_assert_max_num_queries(15):
        selectors.coverage_for_county(county_08, 2024)
    with django_assert_max_num_queries(12):
        selectors.coverage_progress(county_08, list(range(2015, 2027)))
