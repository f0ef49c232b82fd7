"""Demo data: the Jönköping regional strategy 2020–2026 with sub-goals 1–5 (seed 003)."""

import datetime

from samordna.organisations.models import County, Organisation
from samordna.plans.demo_data import jonkoping_2022 as source

from . import services
from .models import Affiliation, Strategy

# Organisation codes that joined the strategy, with the date of their declaration of intent.
AFFILIATED = [
    ("LST06", datetime.date(2020, 3, 1)),
    ("REG06", datetime.date(2020, 3, 1)),
    ("0680", datetime.date(2020, 4, 15)),
    ("0683", datetime.date(2020, 5, 20)),
    ("0684", datetime.date(2020, 6, 2)),
    ("0686", datetime.date(2021, 1, 18)),
]


def seed_jonkoping_strategy() -> Strategy:
    """The Jönköping strategy (idempotent: returns the existing one)."""
    county = County.objects.get(code=source.COUNTY_CODE)
    start, end = source.STRATEGY_PERIOD
    strategy = Strategy.objects.filter(
        county=county, period_start_year=start, period_end_year=end
    ).first()
    if strategy is not None:
        return strategy
    strategy = services.strategy_create(
        actor=None,
        county=county,
        name=source.STRATEGY_NAME,
        period_start_year=start,
        period_end_year=end,
        text=source.STRATEGY_TEXT,
    )
    for number, title, national_goals in source.SUBGOALS:
        services.subgoal_create(
            actor=None,
            strategy=strategy,
            number=number,
            title=title,
            national_goals=national_goals,
            gender_equality_goal_6=True,
        )
    for code, date in AFFILIATED:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is not None:
            services.affiliation_create(
                actor=None, strategy=strategy, organisation=organisation, declaration_date=date
            )
    services.strategy_set_published(actor=None, strategy=strategy, published=True)
    return strategy


def seed() -> dict[str, int]:
    strategy = seed_jonkoping_strategy()
    return {
        "strategies": Strategy.objects.count(),
        "subgoals": strategy.subgoals.count(),
        "affiliations": Affiliation.objects.filter(strategy=strategy).count(),
    }
