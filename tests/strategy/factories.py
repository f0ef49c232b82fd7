"""Test data for strategies, built through the services so the rules apply."""

from samordna.strategy import services

SUBGOAL_TITLES = [
    "Ett utökat och verkningsfullt förebyggande arbete mot våld",
    "Förbättrad upptäckt av våld",
    "Starkare skydd och stöd för våldsutsatta vuxna och barn",
    "Effektivare brottsbekämpning",
    "Förbättrad kunskap och metodutveckling",
]


def make_strategy(county, *, published=True, start=2020, end=2026, subgoals=5, name="Strategi"):
    strategy = services.strategy_create(
        actor=None, county=county, name=name, period_start_year=start, period_end_year=end
    )
    for number in range(1, subgoals + 1):
        services.subgoal_create(
            actor=None,
            strategy=strategy,
            number=number,
            title=SUBGOAL_TITLES[(number - 1) % len(SUBGOAL_TITLES)],
            national_goals=[min(number, 4)],
        )
    if published:
        services.strategy_set_published(actor=None, strategy=strategy, published=True)
    return strategy
