"""Regional strategies in the API: published ones for everyone, drafts for the county's staff."""

from typing import Annotated

from django.http import Http404
from ninja import Field, Query, Router, Schema

from samordna.api.auth import api_user
from samordna.strategy import selectors

router = Router(tags=["strategy"])

CountyCode = Annotated[str, Field(pattern=r"^\d{2}$", description="two-digit county code")]


class SubGoalOut(Schema):
    number: int
    title: str
    text: str
    national_goals: list[int]
    gender_equality_goal_6: bool


class AffiliationOut(Schema):
    organisation_code: str = Field(alias="organisation.code")
    organisation_name: str = Field(alias="organisation.name")
    declaration_date: str
    left_on: str | None = None

    @staticmethod
    def resolve_declaration_date(obj):
        return obj.declaration_date.isoformat()

    @staticmethod
    def resolve_left_on(obj):
        return obj.left_on.isoformat() if obj.left_on else None


class StrategySummaryOut(Schema):
    id: int
    county_code: str = Field(alias="county.code")
    name: str
    period_start_year: int
    period_end_year: int
    published: bool


class StrategyOut(StrategySummaryOut):
    text: str
    subgoals: list[SubGoalOut]
    affiliations: list[AffiliationOut]

    @staticmethod
    def resolve_subgoals(obj):
        return list(obj.subgoals.all())

    @staticmethod
    def resolve_affiliations(obj):
        return list(obj.affiliations.all())


class StrategyFilters(Schema):
    county: CountyCode | None = None


@router.get("/strategies", response=list[StrategySummaryOut], summary="Regional strategies")
def strategy_list(request, filters: Query[StrategyFilters]):
    return list(selectors.strategies_for_user(api_user(request), county_code=filters.county or ""))


@router.get("/strategies/{strategy_id}", response=StrategyOut, summary="One regional strategy")
def strategy_detail(request, strategy_id: int):
    strategy = selectors.strategy_get_for_user(api_user(request), strategy_id)
    if strategy is None:
        raise Http404
    return strategy
