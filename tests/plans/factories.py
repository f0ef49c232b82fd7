"""Test data for plans, built through the services so the rules apply."""

from samordna.plans import services
from tests.strategy.factories import make_strategy


def make_plan(county, *, year=2022, published=False, with_strategy=True, kind="action"):
    if with_strategy and not county.strategies.exists():
        make_strategy(county)
    plan = services.plan_create(actor=None, county=county, year=year, kind=kind)
    if published:
        services.plan_set_published(actor=None, plan=plan, published=True)
    return plan


def add_activity(plan, *, area=None, title="Utbildning FREDA", subgoals=(1, 2), **values):
    area = area or plan.areas.order_by("position").first()
    return services.activity_create(
        actor=None,
        plan=plan,
        area=area,
        title=title,
        subgoals=services.subgoals_by_numbers(plan, subgoals),
        **values,
    )
