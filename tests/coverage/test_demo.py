"""The demo data: idempotent, consistent with the seeds, and the matrix agrees with an
independent computation straight from the source tables."""

import datetime

import pytest
from django.utils import timezone

from samordna.coverage import demo, selectors
from samordna.coverage.models import CoverageGoal, CoverageItem, CoverageRecord
from samordna.events import demo as events_demo
from samordna.events.models import Registration
from samordna.knowledge import demo as knowledge_demo
from samordna.organisations import demo as organisations_demo
from samordna.organisations.models import County, Organisation
from samordna.plans import demo as plans_demo
from samordna.plans.models import IntroductionCourse
from samordna.strategy import demo as strategy_demo
from samordna.support import demo as support_demo
from samordna.support.models import SupportEngagement

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    for seeder in (organisations_demo, events_demo, support_demo, strategy_demo, plans_demo):
        seeder.seed()
    knowledge_demo.seed()
    first = demo.seed()
    return first


def independently_completed(organisation: Organisation, item: CoverageItem, year: int) -> bool:
    """Straight from the source tables, without the selectors."""
    new_year = datetime.datetime(year + 1, 1, 1, tzinfo=timezone.get_current_timezone())
    attended = Registration.objects.filter(
        organisation=organisation,
        attended=True,
        event__in=item.events.all(),
        event__end__lt=new_year,
    ).exclude(status=Registration.Status.CANCELLED)
    supported = item.support_process and SupportEngagement.objects.filter(
        organisation=organisation,
        process=item.support_process,
        status=SupportEngagement.Status.COMPLETED,
        end_date__year__lte=year,
    )
    introduced = IntroductionCourse.objects.filter(
        organisation=organisation,
        course__in=item.introduction_courses.all(),
        recorded_at__lt=new_year,
    )
    recorded = CoverageRecord.objects.filter(
        organisation=organisation, item=item, completed_on__year__lte=year
    )
    return (
        bool(attended.exists() or (supported and supported.exists()) or introduced.exists())
        or recorded.exists()
    )


def applies(goal: CoverageGoal, organisation: Organisation) -> bool:
    kinds = {
        CoverageGoal.Audience.MUNICIPALITIES: {Organisation.Kind.MUNICIPALITY},
        CoverageGoal.Audience.REGIONS: {Organisation.Kind.REGION},
        CoverageGoal.Audience.ALL: {Organisation.Kind.MUNICIPALITY, Organisation.Kind.REGION},
    }[goal.audience]
    return organisation.kind in kinds


def test_demo_is_idempotent_and_follows_the_seeds(seeded):
    assert demo.seed() == seeded
    kalmar = CoverageGoal.objects.get(county__code="08", item__name="En kommun fri från våld")
    assert (kalmar.target_year, kalmar.audience) == (2024, CoverageGoal.Audience.MUNICIPALITIES)
    assert CoverageItem.objects.get(county__code="08", name="Webbkurs om våld").knowledge_item
    assert set(CoverageItem.objects.values_list("county__code", flat=True)) == {"06", "08"}


@pytest.mark.parametrize("code", ["06", "08"])
def test_matrix_matches_an_independent_computation(seeded, code):
    county = County.objects.get(code=code)
    this_year = timezone.localdate().year
    organisations = list(
        Organisation.objects.filter(county=county, kind__in=selectors.ROW_KINDS, is_active=True)
    )
    for year in (2021, 2022, 2023, 2024, this_year):
        progress = {p.goal.pk: p for p in selectors.coverage_goal_progress(county, year)}
        for goal in CoverageGoal.objects.filter(county=county).select_related("item"):
            expected = [
                o
                for o in organisations
                if applies(goal, o) and independently_completed(o, goal.item, year)
            ]
            assert progress[goal.pk].achieved == len(expected), (goal, year)
            assert progress[goal.pk].total == sum(1 for o in organisations if applies(goal, o))
        coverage = selectors.coverage_for_county(county, year)
        for row in coverage.rows:
            for status in row.items:
                assert (status.completion is not None) == independently_completed(
                    row.organisation, status.item, year
                ), (row.organisation, status.item, year)


def test_demo_matrix_shows_derived_completions_from_every_source(seeded):
    sources = set()
    for code in ("06", "08"):
        county = County.objects.get(code=code)
        coverage = selectors.coverage_for_county(county, timezone.localdate().year)
        sources |= {s.completion.source for r in coverage.rows for s in r.completed_items}
    assert sources == set(selectors.Source.ORDER)
    ekffv = next(
        p
        for p in selectors.coverage_goal_progress(County.objects.get(code="08"), 2024)
        if p.goal.item.name == "En kommun fri från våld"
    )
    # Five Kalmar municipalities completed the process 2021–2024 (support seeder).
    assert ekffv.achieved == 5 and ekffv.total == 12


def test_seed_demo_runs_coverage_after_what_it_derives_from():
    from samordna.core.management.commands.seed_demo import SEEDERS

    names = [name for name, _seeder in SEEDERS]
    assert dict(SEEDERS)["coverage"] is demo.seed
    for before in ("events", "support", "strategy", "plans", "knowledge", "surveys"):
        assert names.index(before) < names.index("coverage")
