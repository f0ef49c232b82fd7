"""Reads of regional strategies."""

from django.db.models import Prefetch, QuerySet

from samordna.core.permissions import visible_to

from .models import Affiliation, Strategy, SubGoal


def strategies_for_user(user, *, county_code: str = "") -> QuerySet[Strategy]:
    """Published strategies for everyone, unpublished ones for the owning county's staff."""
    queryset = visible_to(Strategy.objects.select_related("county"), user)
    if county_code:
        queryset = queryset.filter(county__code=county_code)
    return queryset.order_by("county__code", "-period_start_year")


def strategy_get_for_user(user, pk: int) -> Strategy | None:
    """One strategy with sub-goals and active affiliations, or None when not visible."""
    return (
        strategies_for_user(user)
        .prefetch_related(
            "subgoals",
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def strategy_for_county_year(county, year: int) -> Strategy | None:
    """The county's strategy whose period covers the year (the newest if several)."""
    return (
        Strategy.objects.filter(
            county=county, period_start_year__lte=year, period_end_year__gte=year
        )
        .order_by("-period_start_year", "-pk")
        .first()
    )


def subgoals_of_county(county) -> QuerySet[SubGoal]:
    return SubGoal.objects.filter(strategy__county=county).select_related("strategy")
